import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Strings, t } from '../../addon/i18n.js';
import { FakeClock } from '../../src/host/clock.js';
import { realFs } from '../../src/host/fs.js';
import { HostLog } from '../../src/host/log.js';
import { checkPo } from '../../src/language/po-check.js';
import { loadStringTable, parsePo, readPoEntries } from '../../src/language/index.js';
import { corpusLanguageRoot, hasCorpus, repoRoot } from '../helpers/po-corpus.js';

const languageRoot = path.join(repoRoot, 'resources/language');
const enBytes = fs.readFileSync(path.join(languageRoot, 'resource.language.en_gb/strings.po'));
const deBytes = fs.readFileSync(path.join(languageRoot, 'resource.language.de_de/strings.po'));
const english = new Map(readPoEntries(parsePo(enBytes), { msgstr: false }).map((e) => [e.id, e.msgid]));
const table = (language: string) =>
  loadStringTable({ fs: realFs, log: new HostLog({ clock: new FakeClock() }), addonPath: repoRoot, language });

describe('the add-on\'s own strings.po files', () => {
  it('pass po check without findings', () => {
    expect(checkPo({ bytes: enBytes, folderName: 'resource.language.en_gb' }).diagnostics).toEqual([]);
    expect(checkPo({ bytes: deBytes, folderName: 'resource.language.de_de', sourceBytes: enBytes }).diagnostics).toEqual([]);
  });

  it('have a German translation that covers only part of en_gb', () => {
    const stats = checkPo({ bytes: deBytes, folderName: 'resource.language.de_de', sourceBytes: enBytes }).stats!;
    expect(stats.translated).toBeGreaterThan(5);
    expect(stats.untranslated.length).toBeGreaterThan(5);
  });

  it('show German where translated and English elsewhere', () => {
    const de = table('de_de');
    expect(de.get(Strings.LOGIN_PROGRESS_HEADING)).not.toBe(english.get(Strings.LOGIN_PROGRESS_HEADING));
    expect(de.get(Strings.LOGIN_PROGRESS_HEADING)).not.toBe('');
    expect(de.get(Strings.NETWORK_TROUBLE)).toBe(english.get(Strings.NETWORK_TROUBLE));
    expect(table('en_gb').get(Strings.GAMES)).toBe('Games');
  });

  it('name every en_gb id in addon/i18n.ts and nothing else', () => {
    expect(new Set(Object.values(Strings))).toEqual(new Set(english.keys()));
    expect(new Set(Object.values(Strings)).size).toBe(Object.values(Strings).length);
  });

  it('keep messages in 30800–30899 and only setting labels in 30900–30999', () => {
    expect(Object.entries(Strings).filter(([name, id]) => id >= 30900 && !name.startsWith('SETTING_'))).toEqual([]);
    expect(Object.entries(Strings).filter(([, id]) => id >= 30800).length).toBeGreaterThan(15);
  });
});

describe.skipIf(!hasCorpus)('compatibility with the original add-on', () => {
  const corpusRoot = path.dirname(corpusLanguageRoot);
  const original = hasCorpus
    ? new Map(readPoEntries(parsePo(fs.readFileSync(path.join(corpusLanguageRoot, 'resource.language.en_gb/strings.po'))), { msgstr: false }).map((e) => [e.id, e.msgid]))
    : new Map<number, string>();

  it('has a label for every label and option id of the original 3.0.3 settings.xml', () => {
    const xml = fs.readFileSync(path.join(corpusRoot, 'settings.xml'), 'utf8');
    const ids = new Set<number>();
    for (const m of xml.matchAll(/\b(?:label|lvalues)="([0-9|]+)"/g)) for (const id of m[1]!.split('|')) ids.add(Number(id));
    expect(ids.size).toBeGreaterThan(50);
    expect([...ids].filter((id) => !english.has(id))).toEqual([]);
  });

  it('uses new ids for its own messages, so no old translation is shown for them', () => {
    const messages = Object.values(Strings).filter((id) => id >= 30800);
    expect(messages.filter((id) => original.has(id))).toEqual([]);
  });

  it('keeps the original English of the shared short labels, so old translations still apply', () => {
    for (const name of ['GAMES', 'FOLLOWING', 'SEARCH', 'SETTINGS', 'CHANNELS', 'LIVE_CHANNELS', 'CATEGORY_LOGIN'] as const) {
      expect(english.get(Strings[name])).toBe(original.get(Strings[name]));
    }
  });
});

describe('t', () => {
  const addon = (text: string) => ({ getLocalizedString: (id: number) => (id === Strings.LOGIN_INSTRUCTIONS ? text : '') });

  it('fills %s and %d in order', () => {
    expect(t(addon('Open %s, code %s, %d s left'), 'LOGIN_INSTRUCTIONS', 'twitch.tv/activate', 'ABCD', 59.7)).toBe(
      'Open twitch.tv/activate, code ABCD, 59 s left',
    );
  });

  it('keeps %% as a percent sign and leaves placeholders without an argument as they are', () => {
    expect(t(addon('100%% of %s and %s'), 'LOGIN_INSTRUCTIONS', 'one')).toBe('100% of one and %s');
  });

  it('returns "" for a string the add-on does not have', () => {
    expect(t(addon('x'), 'GAMES')).toBe('');
  });

  it('lives in addon/ without importing anything from src/', () => {
    const source = fs.readFileSync(path.join(repoRoot, 'addon/i18n.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\b/m);
  });
});
