import { unescapeInPlace, unescapePoBytes, type PoEscapeIssue } from './po-escapes.js';

/** Kodi refuses smaller files: "at least the size of a minimalistic header" (POUtils LoadFile). */
export const MIN_PO_FILE_BYTES = 18;

/** Why Kodi ignores a whole file. */
export type PoRejection = 'too-small' | 'no-header';

/**
 * How Kodi classifies an entry: with a numeric id (`msgctxt "#30001"`), a plain gettext entry
 * (the header, `msgctxt "Addon Summary"`), or a plural one without a numeric id.
 */
export type PoBlockKind = 'numeric' | 'plain' | 'plural';

/**
 * One entry as Kodi finds it: the bytes between two blank lines that contain a `msgid ` line.
 * Offsets point into `PoDocument.buffer`.
 */
export interface PoBlock {
  /** Offset of the line feed that opens the block (Kodi's entry text starts there). */
  start: number;
  /** Offset one past the line feed that closes the block. */
  end: number;
  kind: PoBlockKind;
  /** The numeric id, or -1 when the entry has none. */
  id: number;
  /** Offset of the first id digit after `msgctxt "#`, or -1. */
  idAt: number;
  /** Offset just after the first `msgid ` keyword. */
  msgidAt: number;
  /** Offset just after the first `msgstr ` keyword, or -1 (only looked up for numeric entries). */
  msgstrAt: number;
}

/** A quoted string as Kodi reads it, before escapes are decoded. */
export interface PoStringRead {
  /** The quoted lines' contents joined together, escapes not yet decoded. */
  raw: Uint8Array;
  /** Start offset and length of each joined line's content, in pairs. */
  pieces: number[];
  /** Offset of the line that stopped the reading, or -1 when the entry ended first. */
  stopAt: number;
}

/** A numeric entry with its text decoded: what the string table is built from. */
export interface PoEntry {
  id: number;
  msgid: string;
  /** The plain `msgstr` (empty when missing or when only `msgstr[n]` lines exist). */
  msgstr: string;
  block: PoBlock;
}

/** 1-based line and column (in characters) of a byte in the file. */
export interface PoPosition {
  line: number;
  col: number;
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const NEEDLES = {
  entrySeparator: '\n\n',
  msgid: '\nmsgid ',
  numericContext: '\nmsgctxt "#',
  msgidPlural: '\nmsgid_plural ',
  msgstr: '\nmsgstr ',
} as const;

/** A file as Kodi holds it in memory, with the entries Kodi would walk through. */
export class PoDocument {
  /** The file with line ends turned into LF, a leading LF added and a trailing LF ensured. */
  readonly buffer: Buffer;
  /** Size of the file as read, in bytes. */
  readonly fileBytes: number;
  /** Set when Kodi ignores the whole file. */
  readonly rejection: PoRejection | undefined;
  /** The first entry with a `msgid ` line (normally the header). */
  readonly header: PoBlock | undefined;
  /** Every later entry with a `msgid ` line, in file order (also collected for a rejected file). */
  readonly blocks: readonly PoBlock[];
  #lineStarts: number[] | undefined;

  constructor(fields: {
    buffer: Buffer;
    fileBytes: number;
    rejection: PoRejection | undefined;
    header: PoBlock | undefined;
    blocks: PoBlock[];
  }) {
    this.buffer = fields.buffer;
    this.fileBytes = fields.fileBytes;
    this.rejection = fields.rejection;
    this.header = fields.header;
    this.blocks = fields.blocks;
  }

  /** Line and character column in the original file of a byte offset into `buffer`. */
  position(offset: number): PoPosition {
    const starts = (this.#lineStarts ??= lineStartsOf(this.buffer));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    const lineStart = starts[lo]!;
    let col = 1;
    for (let i = lineStart; i < offset && i < this.buffer.length; i++) {
      if ((this.buffer[i]! & 0xc0) !== 0x80) col++;
    }
    return { line: lo + 1, col };
  }

  /** Reads the quoted string that starts at `at` inside `block`, as Kodi's GetString does. */
  readString(at: number, block: PoBlock): PoStringRead {
    return readPoString(this.buffer, at, block.end);
  }
}

/** Kodi's entry boundaries: from a line feed up to and including the first of the next two. */
export function forEachPoBlock(buffer: Buffer, visit: (start: number, end: number) => void): void {
  const separator = Buffer.from(NEEDLES.entrySeparator, 'latin1');
  const last = buffer.length - 1;
  let cursor = 0;
  for (;;) {
    let next = buffer.indexOf(separator, cursor);
    if (next < 0) next = last;
    visit(cursor, next + 1);
    cursor = next + 1;
    if (next === last) break;
  }
}

/**
 * Parses strings.po bytes exactly as Kodi's POUtils walks them. Linear in the input size: every
 * search is bounded to one entry and runs a fixed number of times per entry.
 */
export function parsePo(bytes: Uint8Array): PoDocument {
  const fileBytes = bytes.length;
  const buffer = normalizeLineEnds(bytes);
  if (fileBytes < MIN_PO_FILE_BYTES) {
    return new PoDocument({ buffer, fileBytes, rejection: 'too-small', header: undefined, blocks: [] });
  }
  const needles = {
    msgid: Buffer.from(NEEDLES.msgid, 'latin1'),
    numericContext: Buffer.from(NEEDLES.numericContext, 'latin1'),
    msgidPlural: Buffer.from(NEEDLES.msgidPlural, 'latin1'),
    msgstr: Buffer.from(NEEDLES.msgstr, 'latin1'),
  };
  let header: PoBlock | undefined;
  let rejection: PoRejection | undefined;
  const blocks: PoBlock[] = [];
  forEachPoBlock(buffer, (start, end) => {
    const block = classifyBlock(buffer, start, end, needles);
    if (!block) return;
    if (header === undefined && rejection === undefined) {
      // Kodi insists that the first entry it meets is a plain one (normally `msgid ""`).
      if (block.kind === 'plain') header = block;
      else {
        rejection = 'no-header';
        blocks.push(block);
      }
    } else blocks.push(block);
  });
  if (header === undefined) rejection ??= 'no-header';
  return new PoDocument({ buffer, fileBytes, rejection, header, blocks });
}

/**
 * The numeric entries of an accepted file with msgid and msgstr decoded, in file order, duplicates
 * kept. A rejected file has none, as in Kodi.
 */
export function readPoEntries(
  doc: PoDocument,
  options: { msgstr?: boolean; evenIfRejected?: boolean; onEscapeIssue?: (issue: PoEscapeIssue) => void } = {},
): PoEntry[] {
  if (doc.rejection && !options.evenIfRejected) return [];
  const wantMsgstr = options.msgstr ?? true;
  const reader = new PoTextReader(doc.buffer, options.onEscapeIssue);
  const entries: PoEntry[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'numeric') continue;
    const msgid = reader.read(block.msgidAt, block.end);
    const msgstr = wantMsgstr && block.msgstrAt >= 0 ? reader.read(block.msgstrAt, block.end) : '';
    entries.push({ id: block.id, msgid, msgstr, block });
  }
  return entries;
}

/**
 * Reads decoded strings from one buffer, joining lines and decoding escapes in a scratch buffer it
 * reuses, so reading a file allocates little more than the strings themselves.
 */
export class PoTextReader {
  readonly #buffer: Buffer;
  readonly #onEscapeIssue: ((issue: PoEscapeIssue) => void) | undefined;
  #scratch: Buffer = Buffer.allocUnsafe(1024);

  constructor(buffer: Buffer, onEscapeIssue?: (issue: PoEscapeIssue) => void) {
    this.#buffer = buffer;
    this.#onEscapeIssue = onEscapeIssue;
  }

  /** The text of the quoted string at `at` (as `readPoString` then `decodePoString`). */
  read(at: number, end: number): string {
    const buffer = this.#buffer;
    let length = 0;
    let hasBackslash = false;
    let pos = at;
    while (pos < end) {
      let nl = buffer.indexOf(LF, pos);
      if (nl < 0 || nl >= end) nl = end;
      if (nl - pos < 2 || buffer[pos] !== QUOTE || buffer[nl - 1] !== QUOTE) break;
      const from = pos + 1;
      const to = nl - 1;
      if (length === 0 && (nl + 1 >= end || buffer[nl + 1] !== QUOTE)) {
        // One line, the usual case: decode straight from the file when there is nothing to unescape.
        let plain = true;
        for (let i = from; i < to && plain; i++) plain = buffer[i] !== BACKSLASH;
        if (plain) return to > from ? buffer.toString('utf8', from, to) : '';
      }
      if (length + (to - from) > this.#scratch.length) this.#grow(length + (to - from));
      buffer.copy(this.#scratch, length, from, to);
      for (let i = from; i < to && !hasBackslash; i++) hasBackslash = buffer[i] === BACKSLASH;
      length += to - from;
      pos = nl + 1;
    }
    if (hasBackslash) length = unescapeInPlace(this.#scratch, length, this.#onEscapeIssue);
    return length === 0 ? '' : this.#scratch.toString('utf8', 0, length);
  }

  #grow(atLeast: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(atLeast, this.#scratch.length * 2));
    this.#scratch.copy(bigger);
    this.#scratch = bigger;
  }
}

/** Decodes escapes, then UTF-8 with U+FFFD for every invalid sequence (what Python receives). */
export function decodePoString(raw: Uint8Array, onEscapeIssue?: (issue: PoEscapeIssue) => void): string {
  const bytes = unescapePoBytes(raw, onEscapeIssue);
  if (bytes.length === 0) return '';
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
}

function classifyBlock(
  buffer: Buffer,
  start: number,
  end: number,
  needles: Record<'msgid' | 'numericContext' | 'msgidPlural' | 'msgstr', Buffer>,
): PoBlock | undefined {
  const view = buffer.subarray(start, end);
  const msgidAt = findLineStart(view, needles.msgid);
  if (msgidAt < 0) return undefined;
  const block: PoBlock = {
    start,
    end,
    kind: 'plain',
    id: -1,
    idAt: -1,
    msgidAt: start + msgidAt,
    msgstrAt: -1,
  };
  const idAt = findLineStart(view, needles.numericContext);
  if (idAt >= 0 && isDigit(view[idAt]!)) {
    block.kind = 'numeric';
    block.idAt = start + idAt;
    block.id = parseNumericId(view, idAt);
    const msgstrAt = findLineStart(view, needles.msgstr);
    block.msgstrAt = msgstrAt < 0 ? -1 : start + msgstrAt;
  } else if (findLineStart(view, needles.msgidPlural) >= 0) {
    block.kind = 'plural';
  }
  return block;
}

/** Kodi's FindLineStart: the first occurrence only, and it needs two more bytes after the keyword. */
function findLineStart(view: Buffer, needle: Buffer): number {
  const found = view.indexOf(needle);
  if (found < 0 || found + needle.length + 2 > view.length) return -1;
  return found + needle.length;
}

function isDigit(byte: number): boolean {
  return byte >= 0x30 && byte <= 0x39;
}

const LONG_MAX = 0x7fffffffffffffffn;

/** `strtol` on 64-bit Linux (saturating at LONG_MAX), then stored in a uint32_t, as Kodi does. */
function parseNumericId(view: Buffer, at: number): number {
  let end = at;
  while (end < view.length && isDigit(view[end]!)) end++;
  let first = at;
  while (first < end - 1 && view[first] === 0x30) first++;
  const digits = end - first;
  if (digits <= 15) return Number(view.toString('latin1', first, end)) % 0x1_0000_0000;
  if (digits > 19) return Number(LONG_MAX & 0xffffffffn);
  let value = BigInt(view.toString('latin1', first, end));
  if (value > LONG_MAX) value = LONG_MAX;
  return Number(value & 0xffffffffn);
}

/** Kodi's GetString over `buffer` from `at` up to `end` (exclusive), line by line. */
export function readPoString(buffer: Buffer, at: number, end: number): PoStringRead {
  const pieces: number[] = [];
  let pos = at;
  let stopAt = -1;
  while (pos < end) {
    let nl = buffer.indexOf(LF, pos);
    if (nl < 0 || nl >= end) nl = end;
    // Kodi stops at the first line that does not both start and end with a quote.
    if (nl - pos < 2 || buffer[pos] !== QUOTE || buffer[nl - 1] !== QUOTE) {
      stopAt = pos;
      break;
    }
    pieces.push(pos + 1, nl - pos - 2);
    pos = nl + 1;
  }
  return { raw: joinPieces(buffer, pieces), pieces, stopAt };
}

function joinPieces(buffer: Buffer, pieces: number[]): Uint8Array {
  if (pieces.length === 0) return new Uint8Array(0);
  if (pieces.length === 2) return buffer.subarray(pieces[0]!, pieces[0]! + pieces[1]!);
  let total = 0;
  for (let i = 1; i < pieces.length; i += 2) total += pieces[i]!;
  const out = new Uint8Array(total);
  let n = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    out.set(buffer.subarray(pieces[i]!, pieces[i]! + pieces[i + 1]!), n);
    n += pieces[i + 1]!;
  }
  return out;
}

/** CRLF and lone CR become LF, a LF is put in front and one ensured at the end (POUtils LoadFile). */
function normalizeLineEnds(bytes: Uint8Array): Buffer {
  const firstCr = bytes.indexOf(CR);
  const out = Buffer.allocUnsafe(bytes.length + 2);
  out[0] = LF;
  let n = 1;
  if (firstCr < 0) {
    out.set(bytes, 1);
    n += bytes.length;
  } else {
    out.set(bytes.subarray(0, firstCr), 1);
    n += firstCr;
    for (let i = firstCr; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === CR) {
        if (i + 1 < bytes.length && bytes[i + 1] === LF) continue;
        out[n++] = LF;
      } else out[n++] = b;
    }
  }
  if (out[n - 1] !== LF) out[n++] = LF;
  return out.subarray(0, n);
}

function lineStartsOf(buffer: Buffer): number[] {
  // buffer[0] is the LF Kodi puts in front, so line 1 starts at offset 1.
  const starts = [1];
  let i = buffer.indexOf(LF, 1);
  while (i >= 0 && i + 1 < buffer.length) {
    starts.push(i + 1);
    i = buffer.indexOf(LF, i + 1);
  }
  return starts;
}
