import { describe, expect, it } from 'vitest';
import { loadStringTable, resolveStrings, type PoEntry } from '../../src/language/index.js';
import { entry, poText } from '../helpers/po-builder.js';
import { ADDON_PATH, addonWithLanguages } from '../helpers/po-world.js';

function translated(...items: Array<[number, string, string]>): PoEntry[] {
  return items.map(([id, msgid, msgstr]) => ({ id, msgid, msgstr }) as PoEntry);
}
function english(...items: Array<[number, string]>): PoEntry[] {
  return items.map(([id, msgid]) => ({ id, msgid, msgstr: '' }) as PoEntry);
}
function texts(map: Map<number, { text: string }>): Record<number, string> {
  return Object.fromEntries([...map].map(([id, s]) => [id, s.text]));
}

describe('resolveStrings (Kodi\'s LoadPO order)', () => {
  it('takes the first non-empty msgstr of a translation for each id', () => {
    const result = resolveStrings(translated([1, 'Games', ''], [1, 'Games', 'Spiele'], [1, 'Games', 'Partien']), undefined);
    expect(texts(result)).toEqual({ 1: 'Spiele' });
  });

  it('fills ids missing from the translation with the first en_gb msgid', () => {
    const result = resolveStrings(translated([1, 'Games', 'Spiele']), english([1, 'Games'], [2, 'Search'], [2, 'Find']));
    expect(texts(result)).toEqual({ 1: 'Spiele', 2: 'Search' });
  });

  it('shows English for a reused id whose English text has changed since the translation', () => {
    const result = resolveStrings(translated([1, 'Login', 'Anmelden']), english([1, 'Log in with a code']));
    expect(texts(result)).toEqual({ 1: 'Log in with a code' });
  });

  it('keeps the translation when its msgid matches en_gb, or when it was made without a msgid', () => {
    const result = resolveStrings(translated([1, 'Games', 'Spiele'], [2, '', 'Suche']), english([1, 'Games'], [2, 'Search']));
    expect(texts(result)).toEqual({ 1: 'Spiele', 2: 'Suche' });
  });

  it('skips en_gb entries with an empty msgid', () => {
    expect(texts(resolveStrings(undefined, english([1, ''], [1, 'Games'])))).toEqual({ 1: 'Games' });
  });

  it('compares every duplicate en_gb entry again, so the last differing one wins', () => {
    const result = resolveStrings(translated([1, 'Old', 'Alt']), english([1, 'First'], [1, 'Old'], [1, 'Last']));
    expect(texts(result)).toEqual({ 1: 'Last' });
  });

  it('keeps the first en_gb text when a later en_gb duplicate differs and there is no translation', () => {
    expect(texts(resolveStrings(undefined, english([1, 'First'], [1, 'Second'])))).toEqual({ 1: 'First' });
  });
});

describe('loadStringTable', () => {
  const en = poText(entry(30001, 'Games'), entry(30002, 'Search'), entry(30003, 'Log in with a code'));
  const de = poText(entry(30001, 'Games', 'Spiele'), entry(30003, 'Login', 'Anmelden'));

  it('reads the GUI language first and falls back to en_gb', () => {
    const world = addonWithLanguages({ 'resource.language.en_gb': en, 'resource.language.de_de': de });
    const table = loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'de_de' });
    expect([table.get(30001), table.get(30002), table.get(30003), table.get(39999)]).toEqual([
      'Spiele',
      'Search',
      'Log in with a code',
      '',
    ]);
  });

  it('matches the language folder whatever the case of the language name', () => {
    const world = addonWithLanguages({ 'resource.language.en_gb': en, 'resource.language.de_de': de });
    expect(loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'de_DE' }).get(30001)).toBe('Spiele');
    const upper = addonWithLanguages({ 'resource.language.en_gb': en, 'resource.language.DE_DE': de });
    expect(loadStringTable({ ...upper, addonPath: ADDON_PATH, language: 'de_de' }).get(30001)).toBe('Spiele');
  });

  it('reads en_gb as the source language, its msgid being the text', () => {
    const world = addonWithLanguages({ 'resource.language.en_gb': en });
    expect(loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'en_gb' }).get(30002)).toBe('Search');
  });

  it('uses en_gb for a language without a folder', () => {
    const world = addonWithLanguages({ 'resource.language.en_gb': en });
    expect(loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'fr_fr' }).get(30001)).toBe('Games');
  });

  it('returns "" for every id when the add-on has no language files', () => {
    const world = addonWithLanguages({});
    const table = loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'de_de' });
    expect([table.get(30001), table.get(0), table.get(-1), table.get(1.5)]).toEqual(['', '', '', '']);
  });

  it('logs and ignores a translation Kodi would reject, showing English', () => {
    const headerless = [entry(30001, 'Games', 'Spiele')].join('\n') + '\n';
    const world = addonWithLanguages({ 'resource.language.en_gb': en, 'resource.language.de_de': headerless });
    expect(loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'de_de' }).get(30001)).toBe('Games');
    expect(world.log.records.map((r) => r.message).join('\n')).toMatch(/ignoring .*de_de.*no header/);
  });

  it('reads nothing until the first lookup, and reads each file once', () => {
    const world = addonWithLanguages({ 'resource.language.en_gb': en, 'resource.language.de_de': de });
    const table = loadStringTable({ ...world, addonPath: ADDON_PATH, language: 'de_de' });
    expect(world.reads).toEqual([]);
    table.get(30001);
    table.get(30002);
    expect(world.reads).toHaveLength(2);
  });
});
