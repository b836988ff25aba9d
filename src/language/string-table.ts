import type { HostFs } from '../host/fs.js';
import type { HostLog } from '../host/log.js';
import type { PoEntry } from './po-parser.js';

/** An add-on's strings as Kodi resolves them for one GUI language. */
export interface StringTable {
  /** Kodi's `getLocalizedString`: `""` when the id is missing. */
  get(id: number): string;
}

export interface StringTableOptions {
  fs: HostFs;
  log: HostLog;
  /** The add-on's folder (holds `resources/language/resource.language.*`). */
  addonPath: string;
  /** Kodi's GUI language as a folder suffix: `en_gb`, `de_de`. */
  language: string;
}

/** One resolved string and, for a translated one, the English msgid it was translated from. */
export interface ResolvedString {
  text: string;
  /** The translation's msgid; `""` when the text came from en_gb. */
  original: string;
}

/**
 * Kodi's LoadPO rules for a translation (`translated`, its msgstr is the text) followed by en_gb
 * (`source`, its msgid is the text). Either may be missing or empty.
 */
export function resolveStrings(
  translated: readonly PoEntry[] | undefined,
  source: readonly PoEntry[] | undefined,
): Map<number, ResolvedString> {
  const strings = new Map<number, ResolvedString>();
  for (const entry of translated ?? []) {
    // The first non-empty msgstr for an id wins; an empty one leaves room for a later duplicate.
    if (entry.msgstr === '' || strings.has(entry.id)) continue;
    strings.set(entry.id, { text: entry.msgstr, original: entry.msgid });
  }
  for (const entry of source ?? []) {
    if (entry.msgid === '') continue;
    const known = strings.get(entry.id);
    if (known === undefined) {
      strings.set(entry.id, { text: entry.msgid, original: '' });
      continue;
    }
    // A translation made from a different English text is outdated: Kodi shows the English one.
    // The remembered msgid is kept, so every later duplicate in en_gb is compared again.
    if (known.original === '' || known.original === entry.msgid) continue;
    known.text = entry.msgid;
  }
  return strings;
}

/** A string table over already-resolved strings. */
export function stringTableOf(strings: ReadonlyMap<number, ResolvedString>): StringTable {
  return {
    get(id: number): string {
      // Kodi takes the id as a uint32_t.
      if (!Number.isInteger(id)) return '';
      return strings.get(id >>> 0)?.text ?? '';
    },
  };
}
