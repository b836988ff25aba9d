import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poCommand } from '../../src/harness/commands/po.js';
import { parsePo, readPoEntries, resolveStrings } from '../../src/language/index.js';
import { corpusLanguageRoot, hasCorpus } from '../helpers/po-corpus.js';
import { fakeIo } from '../helpers/po-cli-io.js';

if (!hasCorpus) console.warn(`SKIPPED: the corpus tests need ${corpusLanguageRoot}`);

describe.skipIf(!hasCorpus)('the original add-on\'s 77 translations', () => {
  const folders = hasCorpus ? fs.readdirSync(corpusLanguageRoot).sort() : [];
  const read = (folder: string) => fs.readFileSync(path.join(corpusLanguageRoot, folder, 'strings.po'));

  it('are all accepted by Kodi\'s rules and yield numeric entries', () => {
    expect(folders).toHaveLength(77);
    for (const folder of folders) {
      const doc = parsePo(read(folder));
      expect({ folder, rejection: doc.rejection }).toEqual({ folder, rejection: undefined });
      expect(readPoEntries(doc).length).toBeGreaterThan(200);
    }
  });

  it('resolve every en_gb id, with a translation\'s own text where Kodi uses it', () => {
    const source = readPoEntries(parsePo(read('resource.language.en_gb')), { msgstr: false });
    const englishIds = new Set(source.filter((e) => e.msgid !== '').map((e) => e.id));
    let translatedSomewhere = 0;
    for (const folder of folders.filter((f) => f !== 'resource.language.en_gb')) {
      const entries = readPoEntries(parsePo(read(folder)));
      const resolved = resolveStrings(entries, source);
      for (const id of englishIds) expect(resolved.get(id)?.text).not.toBe('');
      for (const entry of entries) {
        const english = source.find((e) => e.id === entry.id)?.msgid;
        if (entry.msgstr !== '' && entry.msgid === english && entry.msgstr !== english) {
          expect(resolved.get(entry.id)?.text).toBe(entry.msgstr);
          translatedSomewhere++;
        }
      }
    }
    expect(translatedSomewhere).toBeGreaterThan(1000);
  });

  it('go through po check without crashing, each compared with en_gb', async () => {
    const io = fakeIo(path.dirname(corpusLanguageRoot));
    const code = await poCommand(['check', corpusLanguageRoot, '--json'], io);
    expect([0, 1]).toContain(code);
    const report = JSON.parse(io.out) as { files: Array<{ language: string; stats: { total: number } | null }> };
    expect(report.files).toHaveLength(77);
    const translations = report.files.filter((f) => f.language !== 'en_gb');
    expect(translations.every((f) => f.stats !== null && f.stats.total > 200)).toBe(true);
  });
});
