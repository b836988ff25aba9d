import { describe, expect, it } from 'vitest';
import { HEADER, bytesOf, doc, entry, msgids, msgstrs, poText } from '../helpers/po-builder.js';

describe('parsePo: which files Kodi accepts', () => {
  it('rejects a file under 18 bytes and accepts one of exactly 18', () => {
    expect(doc('msgid ""\nmsgstr "').rejection).toBe('too-small'); // 17 bytes
    expect(doc('msgid ""\nmsgstr ""').rejection).toBeUndefined(); // 18 bytes
  });

  it('rejects the whole file when the first entry with a msgid has a numeric id', () => {
    const noHeader = [entry(30001, 'Games', 'Spiele'), entry(30002, 'Search', 'Suche')].join('\n');
    expect(doc(noHeader).rejection).toBe('no-header');
    expect(msgstrs(noHeader)).toEqual([]);
  });

  it('rejects the file when the header runs into the first entry without an empty line', () => {
    const merged = HEADER + entry(30001, 'Games', 'Spiele') + '\n' + entry(30002, 'Search', 'Suche');
    expect(doc(merged).rejection).toBe('no-header');
    expect(msgstrs(merged)).toEqual([]);
  });

  it('rejects a file whose header msgid is hidden behind a byte order mark', () => {
    const file = bytesOf([0xef, 0xbb, 0xbf], poText(entry(30001, 'Games', 'Spiele')));
    expect(doc(file).rejection).toBe('no-header');
  });

  it('accepts a byte order mark in front of a comment that precedes the header', () => {
    const file = bytesOf([0xef, 0xbb, 0xbf], '# a comment\n', poText(entry(30001, 'Games', 'Spiele')));
    expect(msgstrs(file)).toEqual([[30001, 'Spiele']]);
  });

  it('accepts any first entry without numeric id or plural, such as the add-on summary', () => {
    const file = ['msgctxt "Addon Summary"\nmsgid "Twitch for Kodi"\nmsgstr ""\n', entry(30001, 'Games', 'Spiele')].join('\n');
    expect(msgstrs(file)).toEqual([[30001, 'Spiele']]);
  });

  it('rejects a file whose first entry is a plural one', () => {
    const file = ['msgid "clip"\nmsgid_plural "clips"\nmsgstr[0] ""\n', entry(30001, 'Games', 'Spiele')].join('\n');
    expect(doc(file).rejection).toBe('no-header');
  });
});

describe('parsePo: line ends and entry boundaries', () => {
  it('reads CRLF and lone-CR files like LF files', () => {
    const lf = poText(entry(30001, 'Games', 'Spiele'), entry(30002, 'Search', 'Suche'));
    expect(msgstrs(lf.replaceAll('\n', '\r\n'))).toEqual(msgstrs(lf));
    expect(msgstrs(lf.replaceAll('\n', '\r'))).toEqual(msgstrs(lf));
    expect(msgstrs(lf)).toEqual([[30001, 'Spiele'], [30002, 'Suche']]);
  });

  it('merges two entries separated by a line of spaces, keeping only the first', () => {
    const file = poText(entry(30001, 'Games', 'Spiele') + '   \n' + entry(30002, 'Search', 'Suche'));
    expect(msgstrs(file)).toEqual([[30001, 'Spiele']]);
  });

  it('keeps the first msgctxt, msgid and msgstr of entries written without an empty line between them', () => {
    const file = poText(entry(30001, 'Games', 'Spiele') + entry(30002, 'Search', 'Suche'));
    expect(msgstrs(file)).toEqual([[30001, 'Spiele']]);
  });

  it('takes the numeric id of a merged entry even when the text belongs to the entry before it', () => {
    const file = poText('msgctxt "Addon Summary"\nmsgid "Summary"\nmsgstr "Zusammenfassung"\n' + entry(30005, 'Teams', 'Teams-DE'));
    expect(msgstrs(file)).toEqual([[30005, 'Zusammenfassung']]);
  });

  it('ignores entries without a numeric id', () => {
    const file = poText('msgctxt "Addon Summary"\nmsgid "Summary"\nmsgstr "Zusammenfassung"\n', entry(30001, 'Games', 'Spiele'));
    expect(msgstrs(file)).toEqual([[30001, 'Spiele']]);
  });
});

describe('parsePo: numeric ids', () => {
  it('reads the leading digits after "#": leading zeros are fine and anything after them is ignored', () => {
    const file = poText(entry('030001', 'Games', 'Spiele'), entry('30002 old', 'Search', 'Suche'), entry('x30003', 'No', 'Nein'));
    expect(msgstrs(file)).toEqual([[30001, 'Spiele'], [30002, 'Suche']]);
  });

  it('stores ids as Kodi\'s unsigned 32-bit number, saturating overlong ones', () => {
    const file = poText(entry('4294967297', 'Wrapped', 'A'), entry('9'.repeat(30), 'Huge', 'B'));
    expect(msgstrs(file)).toEqual([[1, 'A'], [4294967295, 'B']]);
  });
});

describe('parsePo: plural entries with a numeric id', () => {
  const plural = 'msgctxt "#30010"\nmsgid "%d clip"\nmsgid_plural "%d clips"\n';

  it('uses the msgid when read as the source language', () => {
    expect(msgids(poText(plural + 'msgstr[0] ""\nmsgstr[1] ""\n'))).toEqual([[30010, '%d clip']]);
  });

  it('counts only a plain msgstr line in a translation', () => {
    expect(msgstrs(poText(plural + 'msgstr[0] "%d Clip"\n'))).toEqual([[30010, '']]);
    expect(msgstrs(poText(plural + 'msgstr "%d Clips"\n'))).toEqual([[30010, '%d Clips']]);
  });
});

describe('parsePo: reading strings', () => {
  it('needs exactly one space between the keyword and the quote', () => {
    const twoSpaces = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr  "Spiele"\n');
    const tab = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr\t"Spiele"\n');
    expect(msgstrs(twoSpaces)).toEqual([[30001, '']]);
    expect(msgstrs(tab)).toEqual([[30001, '']]);
    expect(msgids(poText('msgctxt "#30001"\nmsgid  "Games"\nmsgstr ""\n'))).toEqual([[30001, '']]);
  });

  it('joins continuation lines', () => {
    const file = poText('msgctxt "#30001"\nmsgid ""\n"Live "\n"Channels"\nmsgstr ""\n"Live-"\n"Kanäle"\n');
    expect(msgstrs(file)).toEqual([[30001, 'Live-Kanäle']]);
    expect(msgids(file)).toEqual([[30001, 'Live Channels']]);
  });

  it('cuts the string at a line with spaces after the closing quote', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Erste "\n"Zweite" \n"Dritte"\n');
    expect(msgstrs(file)).toEqual([[30001, 'Erste ']]);
  });

  it('reads nothing when the keyword line itself has text after the closing quote', () => {
    expect(msgstrs(poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Spiele" # note\n'))).toEqual([[30001, '']]);
  });

  it('cuts the string at a comment between continuation lines', () => {
    const file = poText('msgctxt "#30001"\nmsgid "Games"\nmsgstr "Erste "\n# note\n"Zweite"\n');
    expect(msgstrs(file)).toEqual([[30001, 'Erste ']]);
  });
});

describe('parsePo: escapes and encoding', () => {
  it('decodes every escape Kodi knows', () => {
    const file = poText(entry(30001, 'x', String.raw`\a\b\v\n\t\r\"\0\f\?\'\\`));
    expect(msgstrs(file)).toEqual([[30001, '\x07\b\v\n\t\r"\0\f?\'\\']]);
  });

  it('joins lines before decoding, so an escape may span two lines', () => {
    const file = poText('msgctxt "#30001"\nmsgid "x"\nmsgstr "one\\"\n"ntwo"\n');
    expect(msgstrs(file)).toEqual([[30001, 'one\ntwo']]);
  });

  it('drops an unknown escape together with the byte after it', () => {
    expect(msgstrs(poText(entry(30001, 'x', 'a\\qb')))).toEqual([[30001, 'ab']]);
  });

  it('leaves a broken character (U+FFFD) when an unknown escape precedes a multi-byte character', () => {
    expect(msgstrs(poText(entry(30001, 'x', 'a\\éb')))).toEqual([[30001, 'a\uFFFDb']]);
  });

  it('stops at a backslash at the very end of the string', () => {
    const file = poText('msgctxt "#30001"\nmsgid "x"\nmsgstr "abc\\"\n');
    expect(msgstrs(file)).toEqual([[30001, 'abc']]);
  });

  it('shows U+FFFD for bytes that are not UTF-8', () => {
    const file = bytesOf(poText(''), 'msgctxt "#30001"\nmsgid "x"\nmsgstr "a', [0xff, 0xe2, 0x82], 'b"\n');
    expect(msgstrs(file)).toEqual([[30001, 'a\uFFFD\uFFFDb']]);
  });
});

describe('PoDocument.position', () => {
  it('gives 1-based line and character column in the original file, CRLF included', () => {
    const text = 'msgid ""\r\nmsgstr ""\r\n\r\nmsgctxt "#1"\r\nmsgid "äö x"\r\n';
    const d = doc(text);
    const x = d.buffer.indexOf('x"');
    expect(d.position(x)).toEqual({ line: 5, col: 11 });
    expect(d.position(d.buffer.indexOf('msgctxt'))).toEqual({ line: 4, col: 1 });
  });
});
