import { parsePo, readPoEntries, type PoDocument } from '../../src/language/po-parser.js';

/** A minimal header Kodi accepts. */
export const HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n';

/** One numeric entry as text; `msgstr` defaults to empty (the en_gb style). */
export function entry(id: number | string, msgid: string, msgstr = ''): string {
  return `msgctxt "#${id}"\nmsgid "${msgid}"\nmsgstr "${msgstr}"\n`;
}

/** A file: the header, then each block separated by an empty line. */
export function poText(...blocks: string[]): string {
  return [HEADER, ...blocks].join('\n');
}

/** UTF-8 bytes of a text. */
export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Joins byte pieces and strings (as UTF-8) into one buffer. */
export function bytesOf(...parts: Array<string | number[] | Uint8Array>): Uint8Array {
  const chunks = parts.map((p) => (typeof p === 'string' ? utf8(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** id → msgstr of a translation file as Kodi would read it (first occurrence kept, duplicates listed too). */
export function msgstrs(input: string | Uint8Array): Array<[number, string]> {
  return readPoEntries(doc(input)).map((e) => [e.id, e.msgstr]);
}

/** id → msgid of a file read as the source language. */
export function msgids(input: string | Uint8Array): Array<[number, string]> {
  return readPoEntries(doc(input), { msgstr: false }).map((e) => [e.id, e.msgid]);
}

export function doc(input: string | Uint8Array): PoDocument {
  return parsePo(typeof input === 'string' ? utf8(input) : input);
}
