import { describe, expect, it } from 'vitest';
import { checkPo, type PoCheckInput } from '../../src/language/po-check.js';
import { HEADER, bytesOf, entry, poText, utf8 } from '../helpers/po-builder.js';

const EN = poText(entry(30001, 'Games'), entry(30002, 'Search'), entry(30003, 'Go to %s and enter %s'), entry(30004, '[B]Live[/B][CR]now'));

function check(text: string | Uint8Array, options: Partial<PoCheckInput> = {}) {
  return checkPo({
    bytes: typeof text === 'string' ? utf8(text) : text,
    folderName: 'resource.language.de_de',
    sourceBytes: utf8(EN),
    ...options,
  });
}
/** `line:col severity code` of each finding, the way a test reads best. */
function findings(text: string | Uint8Array, options: Partial<PoCheckInput> = {}): string[] {
  return check(text, options).diagnostics.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code}`);
}

// HEADER is 3 lines and an empty line follows it, so the first entry starts on line 5.
describe('checkPo: errors', () => {
  it('passes a clean translation', () => {
    expect(findings(poText(entry(30001, 'Games', 'Spiele')))).toEqual([]);
  });

  it('reports a missing header, which makes Kodi ignore the file', () => {
    expect(findings(entry(30001, 'Games', 'Spiele'))).toEqual(['1:1 error no-header']);
  });

  it('reports a file too small for Kodi', () => {
    expect(findings('msgid ""\n')).toEqual(['1:1 error too-small']);
  });

  it('reports text after a closing quote where Kodi cuts the string', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spiele" \n');
    expect(findings(file)).toEqual(['7:16 error text-after-quote']);
  });

  it('reports a continuation line with text after its closing quote', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spi"\n"ele" x\n');
    expect(findings(file)).toEqual(['8:6 error text-after-quote']);
  });

  it('reports a comment inside a string, after which Kodi drops the rest', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spi"\n# note\n"ele"\n');
    expect(findings(file)).toEqual(['8:1 error string-cut']);
  });

  it('reports an unknown escape at its backslash, even across a line break', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spi\\qele"\n', 'msgctxt "#30002"\nmsgid "Search"\nmsgstr "Su\\"\n"xche"\n');
    expect(findings(file)).toEqual(['7:12 error unknown-escape', '11:11 error unknown-escape']);
  });

  it('reports a trailing backslash', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spiele\\"\n');
    expect(findings(file)).toEqual(['7:15 error trailing-backslash']);
  });

  it('reports two entries without an empty line between them, and says when the line holds spaces', () => {
    const tight = poText(entry(30001, 'Games', 'Spiele') + entry(30002, 'Search', 'Suche'));
    expect(findings(tight)).toEqual(['8:1 error merged-entries']);
    const spaces = check(poText(entry(30001, 'Games', 'Spiele') + '  \n' + entry(30002, 'Search', 'Suche')));
    expect(spaces.diagnostics.map((d) => [d.line, d.code])).toEqual([[9, 'merged-entries']]);
    expect(spaces.diagnostics[0]!.hint).toMatch(/spaces/);
  });

  it('reports a duplicate id at the second entry, naming the first', () => {
    const result = check(poText(entry(30001, 'Games', 'Spiele'), entry(30001, 'Games', 'Partien')));
    expect(result.diagnostics.map((d) => `${d.line}:${d.col} ${d.code}`)).toEqual(['9:1 duplicate-id']);
    expect(result.diagnostics[0]!.message).toContain('line 5');
  });

  it('reports invalid UTF-8 once per line', () => {
    const file = bytesOf(HEADER, '\nmsgctxt "#30001"\nmsgid "Games"\nmsgstr "Sp', [0xff, 0xfe], 'iele"\n');
    expect(findings(file)).toEqual(['7:11 error invalid-utf8']);
  });

  it('reports a byte order mark, and blames it for the missing header', () => {
    const result = check(bytesOf([0xef, 0xbb, 0xbf], poText(entry(30001, 'Games', 'Spiele'))));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['bom', 'no-header']);
    expect(result.diagnostics[1]!.hint).toMatch(/BOM/);
  });

  it('reports a keyword followed by two spaces or a tab, which Kodi reads as empty', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr  "Spiele"\n', 'msgctxt "#30002"\nmsgid "Search"\nmsgstr\t"Suche"\n');
    expect(findings(file)).toEqual(['7:7 error keyword-spacing', '11:7 error keyword-spacing']);
  });
});

describe('checkPo: warnings', () => {
  it('warns when placeholders differ in number or order', () => {
    const result = check(poText(entry(30003, 'Go to %s and enter %s', 'Gib %s ein')));
    expect(result.diagnostics.map((d) => `${d.line} ${d.severity} ${d.code}`)).toEqual(['7 warning placeholders']);
    expect(result.diagnostics[0]!.message).toContain('%s %s');
  });

  it('warns when markup differs', () => {
    const result = check(poText(entry(30004, '[B]Live[/B][CR]now', '[B]Live[/B] jetzt')));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['markup']);
    expect(result.diagnostics[0]!.message).toContain('[CR] 1× in English, 0× here');
  });

  it('warns about an id that en_gb does not have', () => {
    expect(findings(poText(entry(30999, 'Gone', 'Weg')))).toEqual(['5:1 warning unknown-id']);
  });

  it('warns when the msgid differs from en_gb, because Kodi will show English', () => {
    const result = check(poText(entry(30001, 'Play games', 'Spiele')));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['outdated-msgid']);
    expect(result.stats?.untranslated).toContain(30001);
  });

  it('warns about CRLF line ends', () => {
    expect(findings(poText(entry(30001, 'Games', 'Spiele')).replaceAll('\n', '\r\n'))).toEqual(['1:1 warning line-ends']);
  });

  it('warns about a folder name Kodi does not accept', () => {
    expect(findings(poText(), { folderName: 'resource.language.German' })).toEqual(['1:1 warning folder-name']);
    expect(findings(poText(), { folderName: 'language' })).toEqual(['1:1 warning folder-name']);
    expect(findings(poText(), { folderName: 'resource.language.sr_rs@latin' })).toEqual([]);
  });
});

describe('checkPo: coverage', () => {
  it('counts only what Kodi shows as translated and lists the rest', () => {
    const result = check(poText(entry(30001, 'Games', 'Spiele'), entry(30002, 'Search', ''), entry(30003, 'Old text', 'Alt %s %s')));
    expect(result.stats).toEqual({ translated: 1, total: 4, untranslated: [30002, 30003, 30004] });
  });

  it('counts nothing as translated in a file Kodi rejects', () => {
    expect(check(entry(30001, 'Games', 'Spiele')).stats).toEqual({ translated: 0, total: 4, untranslated: [30001, 30002, 30003, 30004] });
  });

  it('treats en_gb as the source, without coverage', () => {
    const result = checkPo({ bytes: utf8(EN), folderName: 'resource.language.en_gb' });
    expect(result).toMatchObject({ isSource: true, stats: undefined, diagnostics: [] });
  });
});

describe('checkPo: files outside a language folder', () => {
  it('reads them as translations and says the coverage is unknown without en_gb', () => {
    const result = checkPo({ bytes: utf8(poText(entry(30001, 'Games %s', 'Spiele'))), folderName: 'tmp' });
    expect(result).toMatchObject({ language: undefined, isSource: false, stats: undefined });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['folder-name', 'placeholders']);
  });
});

describe('checkPo: long reports', () => {
  it('lists at most 50 findings of one kind and says how many more there are', () => {
    const broken = bytesOf(HEADER, ...Array.from({ length: 60 }, () => ['\n# ', [0xff], '\n']).flat() as Array<string | number[]>);
    const utf8Findings = check(broken).diagnostics.filter((d) => d.code === 'invalid-utf8');
    expect(utf8Findings).toHaveLength(51);
    expect(utf8Findings.some((d) => d.message === '10 more like this not listed')).toBe(true);
  });
});

describe('checkPo: report lines', () => {
  it('keep each finding on one line even when the English text holds line breaks', () => {
    const source = utf8(poText(entry(30001, 'Two\\nlines')));
    const result = checkPo({ bytes: utf8(poText(entry(30001, 'One line', 'Eine Zeile'))), folderName: 'resource.language.de_de', sourceBytes: source });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      'the English text of #30001 has changed to "Two\\nlines": Kodi will show English instead of this translation',
    ]);
  });
});
