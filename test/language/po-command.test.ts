import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/harness/cli-io.js';
import { poCommand } from '../../src/harness/commands/po.js';
import { entry, poText } from '../helpers/po-builder.js';
import { fakeIo, tempTree } from '../helpers/po-cli-io.js';

const EN = poText(entry(30001, 'Games'), entry(30002, 'Search'), entry(30003, 'Log in as %s'));
const DE_CLEAN = poText(entry(30001, 'Games', 'Spiele'), entry(30003, 'Log in as %s', 'Als %s anmelden'));
const DE_BROKEN = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spiele" \n', entry(30003, 'Log in as %s', 'Anmelden'));

let cleanup: Array<() => void> = [];
afterEach(() => {
  for (const remove of cleanup) remove();
  cleanup = [];
});
function tree(files: Record<string, string>) {
  const t = tempTree(files);
  cleanup.push(t.remove);
  return t.root;
}

describe('kodi-shim po check', () => {
  it('prints file:line:col findings with a hint and the coverage, and exits 1 on an error', async () => {
    const root = tree({ 'lang/resource.language.en_gb/strings.po': EN, 'lang/resource.language.de_de/strings.po': DE_BROKEN });
    const io = fakeIo(root);
    const code = await poCommand(['check', 'lang/resource.language.de_de/strings.po'], io);
    expect(code).toBe(1);
    const lines = io.out.split('\n');
    expect(lines[0]).toMatch(/^lang\/resource\.language\.de_de\/strings\.po:7:16: error: there is text after the closing quote/);
    expect(lines[1]).toMatch(/^ {4}hint: remove everything after the closing quote/);
    expect(lines[2]).toMatch(/^lang\/resource\.language\.de_de\/strings\.po:11:8: warning: placeholders differ/);
    expect(io.out).toContain('lang/resource.language.de_de/strings.po: de_de: 1/3 translated (33%); untranslated: 30001, 30002\n');
    expect(io.out).toMatch(/checked 1 file: 1 error, 1 warning\n$/);
  });

  it('exits 0 when there are only warnings or nothing to report', async () => {
    const root = tree({ 'resource.language.en_gb/strings.po': EN, 'resource.language.de_de/strings.po': DE_CLEAN });
    const io = fakeIo(root);
    expect(await poCommand(['check', 'resource.language.de_de/strings.po'], io)).toBe(0);
    expect(io.out).toContain('de_de: 2/3 translated (66%); untranslated: 30002');
  });

  it('checks every resource.language.*/strings.po below a folder against the en_gb beside them', async () => {
    const root = tree({
      'addon/resources/language/resource.language.en_gb/strings.po': EN,
      'addon/resources/language/resource.language.de_de/strings.po': DE_CLEAN,
      'addon/resources/language/resource.language.fr_fr/strings.po': poText(entry(30002, 'Search', 'Recherche')),
      'addon/resources/other/readme.txt': 'not a language',
    });
    const io = fakeIo(root);
    expect(await poCommand(['check', 'addon', '--json'], io)).toBe(0);
    const report = JSON.parse(io.out);
    expect(report.files.map((f: { file: string; language: string; stats: unknown }) => [f.file, f.language, f.stats])).toEqual([
      ['addon/resources/language/resource.language.de_de/strings.po', 'de_de', { translated: 2, total: 3, untranslated: [30002] }],
      ['addon/resources/language/resource.language.en_gb/strings.po', 'en_gb', null],
      ['addon/resources/language/resource.language.fr_fr/strings.po', 'fr_fr', { translated: 1, total: 3, untranslated: [30001, 30003] }],
    ]);
    expect(report.files[0].comparedWith).toBe('addon/resources/language/resource.language.en_gb/strings.po');
    expect(report).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('takes a language folder itself and compares it with the en_gb beside it', async () => {
    const root = tree({ 'lang/resource.language.en_gb/strings.po': EN, 'lang/resource.language.de_de/strings.po': DE_CLEAN });
    const io = fakeIo(root);
    expect(await poCommand(['check', 'lang/resource.language.de_de'], io)).toBe(0);
    expect(io.out).toContain('de_de: 2/3 translated (66%); untranslated: 30002');
  });

  it('gives every finding in --json with line, column, severity, code, message and hint', async () => {
    const root = tree({ 'resource.language.en_gb/strings.po': EN, 'resource.language.de_de/strings.po': DE_BROKEN });
    const io = fakeIo(root);
    expect(await poCommand(['check', '--json', 'resource.language.de_de/strings.po'], io)).toBe(1);
    const report = JSON.parse(io.out);
    expect(report.files[0].diagnostics[0]).toEqual({
      line: 7,
      col: 16,
      severity: 'error',
      code: 'text-after-quote',
      message: expect.stringContaining('closing quote'),
      hint: expect.stringContaining('remove'),
    });
    expect(report).toMatchObject({ errors: 1, warnings: 1 });
  });

  it('refuses missing paths, no paths, unknown options and unknown sub-commands with a UsageError', async () => {
    const io = fakeIo(tree({}));
    await expect(poCommand(['check', 'nowhere.po'], io)).rejects.toThrow(new UsageError('no such file or folder: nowhere.po'));
    await expect(poCommand(['check'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(poCommand(['check', '.', '--strict'], io)).rejects.toThrow(/unknown option --strict/);
    await expect(poCommand(['check', '.'], io)).rejects.toThrow(/no resource\.language\.\*\/strings\.po/);
    await expect(poCommand(['lint'], io)).rejects.toThrow(/unknown po sub-command "lint"/);
    await expect(poCommand([], io)).rejects.toBeInstanceOf(UsageError);
  });
});

describe('kodi-shim po dump', () => {
  it('prints what Kodi would show as one JSON object with decimal-string keys', async () => {
    const root = tree({ 'resource.language.en_gb/strings.po': EN, 'resource.language.de_de/strings.po': DE_CLEAN });
    const io = fakeIo(root);
    const code = await poCommand(['dump', 'resource.language.de_de/strings.po', '--fallback', 'resource.language.en_gb/strings.po', '--json'], io);
    expect(code).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ '30001': 'Spiele', '30002': 'Search', '30003': 'Als %s anmelden' });
  });

  it('reads an en_gb file on its own as the source language', async () => {
    const root = tree({ 'resource.language.en_gb/strings.po': EN });
    const io = fakeIo(root);
    expect(await poCommand(['dump', 'resource.language.en_gb/strings.po', '--json'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ '30001': 'Games', '30002': 'Search', '30003': 'Log in as %s' });
  });

  it('reads a translation on its own from its msgstr lines', async () => {
    const root = tree({ 'resource.language.de_de/strings.po': DE_BROKEN });
    const io = fakeIo(root);
    expect(await poCommand(['dump', 'resource.language.de_de/strings.po'], io)).toBe(0);
    expect(JSON.parse(io.out)).toEqual({ '30003': 'Anmelden' });
  });

  it('warns on stderr when Kodi would ignore the file, and shows the fallback alone', async () => {
    const root = tree({ 'en.po': EN, 'de.po': entry(30001, 'Games', 'Spiele') });
    const io = fakeIo(root);
    expect(await poCommand(['dump', 'de.po', '--fallback', 'en.po'], io)).toBe(0);
    expect(io.err).toBe('warning: Kodi ignores de.po: it has no header entry first (see kodi-shim po check)\n');
    expect(JSON.parse(io.out)).toEqual({ '30001': 'Games', '30002': 'Search', '30003': 'Log in as %s' });
  });

  it('refuses a missing file, a missing fallback and extra arguments with a UsageError', async () => {
    const io = fakeIo(tree({ 'en.po': EN }));
    await expect(poCommand(['dump', 'nope.po'], io)).rejects.toThrow(new UsageError('cannot read nope.po: no such file'));
    await expect(poCommand(['dump', 'en.po', '--fallback', 'gone.po'], io)).rejects.toThrow(/cannot read gone\.po/);
    await expect(poCommand(['dump', 'en.po', 'en.po'], io)).rejects.toBeInstanceOf(UsageError);
    await expect(poCommand(['dump', 'en.po', '--fallback'], io)).rejects.toThrow(/--fallback needs a value/);
  });
});
