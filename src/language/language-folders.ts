import * as path from 'node:path';
import type { HostFs } from '../host/fs.js';

/** Kodi's source language: its folder's msgid lines are the English text. */
export const SOURCE_LANGUAGE = 'en_gb';
export const LANGUAGE_FOLDER_PREFIX = 'resource.language.';

/** What the official add-on checker accepts after `resource.language.` (e.g. `de_de`, `sr_rs@latin`). */
const LANGUAGE_CODE = /^[a-z]{2,3}(_[a-zA-Z]{2}(@\S+)?)?$/;

/** True when Kodi's add-on checker accepts `code` as a language folder suffix. */
export function isValidLanguageCode(code: string): boolean {
  return LANGUAGE_CODE.test(code);
}

/** `de_DE`, `resource.language.de_de` or `de_de` → `de_de`. */
export function normalizeLanguage(language: string): string {
  const trimmed = language.trim().toLowerCase();
  return trimmed.startsWith(LANGUAGE_FOLDER_PREFIX) ? trimmed.slice(LANGUAGE_FOLDER_PREFIX.length) : trimmed;
}

/** The language code of a `resource.language.<code>` folder name, or undefined for any other name. */
export function languageOfFolder(folderName: string): string | undefined {
  return folderName.startsWith(LANGUAGE_FOLDER_PREFIX) ? folderName.slice(LANGUAGE_FOLDER_PREFIX.length) : undefined;
}

/**
 * The `strings.po` of `language` under `languageRoot`, or undefined when there is no such folder.
 * Kodi's folder names are lower case but it converts case when it looks one up, so any case matches.
 */
export function findStringsFile(fs: HostFs, languageRoot: string, language: string): string | undefined {
  const wanted = LANGUAGE_FOLDER_PREFIX + normalizeLanguage(language);
  let names: string[];
  try {
    names = fs.readdirSync(languageRoot).map(String);
  } catch {
    return undefined;
  }
  const folder = names.includes(wanted) ? wanted : names.find((name) => name.toLowerCase() === wanted);
  return folder === undefined ? undefined : path.join(languageRoot, folder, 'strings.po');
}
