import { unescapePoBytes } from './po-escapes.js';
import { PoCheckCodes, type PoReporter } from './po-diagnostics.js';
import { forEachPoBlock, readPoString, type PoDocument } from './po-parser.js';

const KEYWORDS = ['msgctxt', 'msgid_plural', 'msgid', 'msgstr'] as const;
type Keyword = (typeof KEYWORDS)[number] | 'msgstr[n]';

interface LineInfo {
  start: number;
  /** Offset of the line's LF. */
  end: number;
  kind: 'keyword' | 'comment' | 'quoted' | 'blank' | 'other';
  keyword?: Keyword;
  /** Length of the keyword text (`msgstr[1]` is 9). */
  keywordLength?: number;
}

function classifyLine(buffer: Buffer, start: number, end: number): LineInfo {
  const first = buffer[start];
  if (start === end) return { start, end, kind: 'blank' };
  if (first === 0x23) return { start, end, kind: 'comment' };
  if (first === 0x22) return { start, end, kind: 'quoted' };
  for (const keyword of KEYWORDS) {
    if (!startsWithAscii(buffer, start, end, keyword)) continue;
    const length = keyword.length;
    if (keyword === 'msgstr' && buffer[start + length] === 0x5b) {
      const close = buffer.subarray(start, Math.min(end, start + 12)).indexOf(0x5d);
      if (close > 0) return { start, end, kind: 'keyword', keyword: 'msgstr[n]', keywordLength: close + 1 };
    }
    const next = buffer[start + length];
    if (next === undefined || start + length >= end || next === 0x20 || next === 0x09 || next === 0x22) {
      return { start, end, kind: 'keyword', keyword, keywordLength: length };
    }
  }
  let blank = true;
  for (let i = start; i < end && blank; i++) blank = buffer[i] === 0x20 || buffer[i] === 0x09;
  return { start, end, kind: blank ? 'blank' : 'other' };
}

/** True when a UTF-8 byte order mark starts at `at`. */
export function startsWithBom(buffer: Uint8Array, at: number): boolean {
  return buffer[at] === 0xef && buffer[at + 1] === 0xbb && buffer[at + 2] === 0xbf;
}

function startsWithAscii(buffer: Buffer, start: number, end: number, word: string): boolean {
  if (end - start < word.length) return false;
  for (let i = 0; i < word.length; i++) if (buffer[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/** What Kodi cuts, merges or cannot read, line by line in each entry. */
export function checkPoSyntax(doc: PoDocument, report: PoReporter): void {
  const buffer = doc.buffer;
  forEachPoBlock(buffer, (blockStart, blockEnd) => {
    const lines: LineInfo[] = [];
    // The block starts with the LF that ends the previous line; its lines follow.
    for (let s = blockStart + 1; s < blockEnd; ) {
      let e = buffer.indexOf(0x0a, s);
      if (e < 0 || e >= blockEnd) e = blockEnd;
      lines.push(classifyLine(buffer, s, e));
      s = e + 1;
    }
    const seen = new Set<string>();
    let sawBlankLine = false;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.kind === 'blank') sawBlankLine = true;
      // A BOM makes the first line unreadable to Kodi; the BOM finding already says so.
      if (line.kind === 'other' && !(line.start === 1 && startsWithBom(buffer, 1))) {
        report.at(line.start, 'error', PoCheckCodes.UNKNOWN_LINE, 'Kodi does not understand this line',
          'every line must be a comment (#), a keyword (msgctxt, msgid, msgstr) or text in double quotes');
        continue;
      }
      if (line.kind !== 'keyword') continue;
      const keyword = line.keyword!;
      if (keyword === 'msgctxt' || keyword === 'msgid' || keyword === 'msgstr') {
        if (seen.has(keyword)) {
          report.at(line.start, 'error', PoCheckCodes.MERGED_ENTRIES,
            'this entry is not separated from the one before by an empty line: Kodi reads both as one entry and ignores this one',
            sawBlankLine
              ? 'the line between them holds spaces or tabs; make it completely empty'
              : 'put an empty line before this entry');
          seen.clear();
        }
        seen.add(keyword);
      }
      checkKeywordString(doc, lines, i, blockEnd, report);
    }
  });
}

function checkKeywordString(doc: PoDocument, lines: LineInfo[], index: number, blockEnd: number, report: PoReporter): void {
  const buffer = doc.buffer;
  const line = lines[index]!;
  const afterKeyword = line.start + line.keywordLength!;
  const name = buffer.toString('latin1', line.start, afterKeyword);
  if (buffer[afterKeyword] !== 0x20 || buffer[afterKeyword + 1] !== 0x22) {
    report.at(afterKeyword, 'error', PoCheckCodes.KEYWORD_SPACING,
      `"${name}" must be followed by exactly one space and the opening quote: Kodi reads this text as empty`,
      `write it as ${name} "text"`);
    return;
  }
  const read = readPoString(buffer, afterKeyword + 1, blockEnd);
  if (read.stopAt >= 0) reportStop(doc, lines, index, read.stopAt, afterKeyword + 1, report);
  unescapePoBytes(read.raw, (issue) => {
    const offset = offsetInPieces(read.pieces, issue.index);
    if (issue.kind === 'trailing-backslash') {
      report.at(offset, 'error', PoCheckCodes.TRAILING_BACKSLASH, 'the text ends with a backslash: Kodi stops reading there',
        'write \\\\ for a backslash');
    } else {
      const letter = buffer[offset + 1] ?? 0;
      const shown = letter >= 0x20 && letter < 0x7f ? `\\${String.fromCharCode(letter)}` : 'a backslash';
      report.at(offset, 'error', PoCheckCodes.UNKNOWN_ESCAPE,
        `unknown escape ${shown}: Kodi drops the backslash and the character after it` +
          (letter >= 0x80 ? ', which leaves a broken character' : ''),
        'write \\\\ for a backslash; known escapes are \\n \\t \\" \\\\');
    }
  });
}

function reportStop(doc: PoDocument, lines: LineInfo[], index: number, stopAt: number, firstAt: number, report: PoReporter): void {
  const buffer = doc.buffer;
  let stopIndex = index;
  while (stopIndex < lines.length && lines[stopIndex]!.end < stopAt) stopIndex++;
  const stopLine = lines[stopIndex];
  if (stopLine === undefined) return;
  const lineEnd = stopLine.end;
  if (stopAt === firstAt || stopLine.kind === 'quoted') {
    // The line starts with a quote but does not end with one.
    const lastQuote = buffer.lastIndexOf(0x22, lineEnd - 1);
    if (lastQuote > stopAt) {
      report.at(lastQuote + 1, 'error', PoCheckCodes.TEXT_AFTER_QUOTE,
        'there is text after the closing quote: Kodi cuts the string off at this line',
        'remove everything after the closing quote, spaces included, or move it inside the quotes');
    } else {
      report.at(lineEnd, 'error', PoCheckCodes.TEXT_AFTER_QUOTE, 'the closing quote is missing: Kodi cuts the string off at this line',
        'end the line with a double quote');
    }
    return;
  }
  if (stopLine.kind === 'keyword' || stopLine.kind === 'other') return;
  // A comment or a line of spaces inside the string: anything quoted after it is lost.
  for (let i = stopIndex + 1; i < lines.length; i++) {
    const later = lines[i]!;
    if (later.kind === 'keyword') return;
    if (later.kind === 'quoted') {
      report.at(stopLine.start, 'error', PoCheckCodes.STRING_CUT,
        stopLine.kind === 'comment'
          ? 'a comment line inside the text: Kodi stops reading the string here and drops the lines after it'
          : 'a line of spaces inside the text: Kodi stops reading the string here and drops the lines after it',
        'move the comment above the entry, or remove the line');
      return;
    }
  }
}

function offsetInPieces(pieces: number[], index: number): number {
  let before = 0;
  for (let i = 0; i < pieces.length; i += 2) {
    const length = pieces[i + 1]!;
    if (index < before + length) return pieces[i]! + (index - before);
    before += length;
  }
  return pieces.length > 0 ? pieces[pieces.length - 2]! + pieces[pieces.length - 1]! : 0;
}
