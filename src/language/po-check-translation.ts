import { lineStartOf, PoCheckCodes, shorten, type PoReporter, type PoTranslationStats } from './po-diagnostics.js';
import { readPoEntries, type PoDocument, type PoEntry } from './po-parser.js';
import { markupCounts, placeholdersOf } from './po-placeholders.js';
import { resolveStrings } from './string-table.js';

/** Placeholders, markup, ids and msgids against en_gb, and how much Kodi shows translated. */
export function checkAgainstSource(doc: PoDocument, source: PoEntry[], report: PoReporter): PoTranslationStats {
  const sourceText = new Map<number, string>();
  for (const entry of source) if (entry.msgid !== '' && !sourceText.has(entry.id)) sourceText.set(entry.id, entry.msgid);
  const entries = readPoEntries(doc, { evenIfRejected: true });
  const used = firstTranslations(entries);
  const resolved = resolveStrings(doc.rejection ? [] : entries, source);
  for (const entry of used.values()) {
    const at = lineStartOf(doc, entry.block.idAt);
    const english = sourceText.get(entry.id);
    if (english === undefined) {
      report.at(at, 'warning', PoCheckCodes.UNKNOWN_ID, `id #${entry.id} is not in en_gb: the add-on never shows this string`,
        'remove the entry, or check the number against en_gb');
      continue;
    }
    if (!doc.rejection && resolved.get(entry.id)?.text !== entry.msgstr) {
      report.at(at, 'warning', PoCheckCodes.OUTDATED_MSGID,
        `the English text of #${entry.id} has changed to "${shorten(english)}": Kodi will show English instead of this translation`,
        'copy the new English text into msgid and update the translation');
    }
    checkPlaceholdersAndMarkup(doc, entry, report);
  }
  const untranslated: number[] = [];
  let translated = 0;
  for (const id of sourceText.keys()) {
    const entry = doc.rejection ? undefined : used.get(id);
    if (entry !== undefined && resolved.get(id)?.text === entry.msgstr) translated++;
    else untranslated.push(id);
  }
  untranslated.sort((a, b) => a - b);
  return { translated, total: sourceText.size, untranslated };
}

/** Placeholders and markup of a translation when there is no en_gb to compare with. */
export function checkTranslationAlone(doc: PoDocument, report: PoReporter): void {
  for (const entry of firstTranslations(readPoEntries(doc, { evenIfRejected: true })).values()) {
    checkPlaceholdersAndMarkup(doc, entry, report);
  }
}

/** The entry Kodi takes for each id of a translation: the first with a non-empty msgstr. */
function firstTranslations(entries: PoEntry[]): Map<number, PoEntry> {
  const used = new Map<number, PoEntry>();
  for (const entry of entries) if (entry.msgstr !== '' && !used.has(entry.id)) used.set(entry.id, entry);
  return used;
}

function checkPlaceholdersAndMarkup(doc: PoDocument, entry: PoEntry, report: PoReporter): void {
  if (entry.msgid === '' || entry.msgstr === '') return;
  const at = entry.block.msgstrAt >= 0 ? entry.block.msgstrAt : entry.block.msgidAt;
  const expected = placeholdersOf(entry.msgid);
  const actual = placeholdersOf(entry.msgstr);
  if (expected.join('\u0000') !== actual.join('\u0000')) {
    report.at(at, 'warning', PoCheckCodes.PLACEHOLDERS,
      `placeholders differ: the English text has ${listOf(expected)}, the translation has ${listOf(actual)}`,
      'keep the same placeholders in the same order: the add-on fills them with names and numbers');
  }
  const want = markupCounts(entry.msgid);
  const have = markupCounts(entry.msgstr);
  const differing = (Object.keys(want) as (keyof typeof want)[]).filter((tag) => want[tag] !== have[tag]);
  if (differing.length > 0) {
    const detail = differing.map((tag) => `${tag} ${want[tag]}× in English, ${have[tag]}× here`).join('; ');
    report.at(at, 'warning', PoCheckCodes.MARKUP, `formatting tags differ: ${detail}`,
      'keep [B]…[/B], [I]…[/I], [COLOR …]…[/COLOR] and [CR] as in the English text, in upper case');
  }
}

function listOf(placeholders: string[]): string {
  return placeholders.length === 0 ? 'none' : placeholders.join(' ');
}
