import * as path from 'node:path';
import type { HostFs } from '../host/fs.js';
import type { HostLog } from '../host/log.js';
import { findStringsFile, normalizeLanguage, SOURCE_LANGUAGE } from './language-folders.js';
import { parsePo, readPoEntries, type PoEntry } from './po-parser.js';
import { resolveStrings, stringTableOf, type StringTable, type StringTableOptions } from './string-table.js';

/**
 * The add-on's string table for the GUI language with en_gb as fallback, loaded on the first
 * lookup with synchronous reads (Kodi's `getLocalizedString` is synchronous).
 */
export function loadStringTable(options: StringTableOptions): StringTable {
  let table: StringTable | undefined;
  return {
    get(id: number): string {
      table ??= stringTableOf(loadStrings(options));
      return table.get(id);
    },
  };
}

function loadStrings(options: StringTableOptions) {
  const languageRoot = path.join(options.addonPath, 'resources', 'language');
  const language = normalizeLanguage(options.language);
  const isSource = language === SOURCE_LANGUAGE;
  const translated = isSource ? undefined : readEntries(options, languageRoot, language, false);
  const source = readEntries(options, languageRoot, SOURCE_LANGUAGE, true);
  return resolveStrings(translated, source);
}

function readEntries(
  options: { fs: HostFs; log: HostLog },
  languageRoot: string,
  language: string,
  isSource: boolean,
): PoEntry[] | undefined {
  const file = findStringsFile(options.fs, languageRoot, language);
  if (file === undefined) {
    options.log.debug(`LocalizeStrings: no translation for ${language} in ${languageRoot}`);
    return undefined;
  }
  let bytes: Uint8Array;
  try {
    bytes = options.fs.readFileSync(file);
  } catch (error) {
    options.log.debug(`LocalizeStrings: cannot read ${file}: ${(error as Error).message}`);
    return undefined;
  }
  const doc = parsePo(bytes);
  if (doc.rejection) {
    const why = doc.rejection === 'too-small' ? 'the file is too small' : 'it has no header entry first';
    options.log.error(`POParser: ignoring ${file}: ${why} (run "kodi-shim po check" on it)`);
    return undefined;
  }
  let escapeIssues = 0;
  const entries = readPoEntries(doc, { msgstr: !isSource, onEscapeIssue: () => escapeIssues++ });
  if (escapeIssues > 0) {
    options.log.error(`POParser: ${escapeIssues} bad escape sequence(s) in ${file} (run "kodi-shim po check" on it)`);
  }
  return entries;
}
