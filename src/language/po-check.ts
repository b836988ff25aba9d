import { isValidLanguageCode, languageOfFolder, SOURCE_LANGUAGE } from './language-folders.js';
import { unescapePoBytes } from './po-escapes.js';
import { forEachPoBlock, parsePo, readPoEntries, readPoString, type PoDocument, type PoEntry } from './po-parser.js';
import { markupCounts, placeholdersOf } from './po-placeholders.js';
import { resolveStrings } from './string-table.js';

export type PoSeverity = 'error' | 'warning';

/** Stable names of the checker's findings (for `--json` consumers). */
export const PoCheckCodes = {
  TOO_SMALL: 'too-small',
  NO_HEADER: 'no-header',
  BOM: 'bom',
  INVALID_UTF8: 'invalid-utf8',
  TEXT_AFTER_QUOTE: 'text-after-quote',
  STRING_CUT: 'string-cut',
  KEYWORD_SPACING: 'keyword-spacing',
  UNKNOWN_LINE: 'unknown-line',
  UNKNOWN_ESCAPE: 'unknown-escape',
  TRAILING_BACKSLASH: 'trailing-backslash',
  MERGED_ENTRIES: 'merged-entries',
  DUPLICATE_ID: 'duplicate-id',
  PLACEHOLDERS: 'placeholders',
  MARKUP: 'markup',
  UNKNOWN_ID: 'unknown-id',
  OUTDATED_MSGID: 'outdated-msgid',
  LINE_ENDS: 'line-ends',
  FOLDER_NAME: 'folder-name',
} as const;
export type PoCheckCode = (typeof PoCheckCodes)[keyof typeof PoCheckCodes];

/** One finding, at a 1-based line and character column of the checked file. */
export interface PoDiagnostic {
  line: number;
  col: number;
  severity: PoSeverity;
  code: PoCheckCode;
  message: string;
  /** What the translator can do about it. */
  hint: string;
}

/** How much of en_gb a translation covers, counting only strings Kodi would really show. */
export interface PoTranslationStats {
  translated: number;
  total: number;
  /** en_gb ids for which Kodi shows English, ascending. */
  untranslated: number[];
}

export interface PoCheckInput {
  /** The file as read. */
  bytes: Uint8Array;
  /** Name of the folder holding the file (`resource.language.de_de`), to check it and to know the language. */
  folderName?: string;
  /** The en_gb strings.po beside it, when there is one. */
  sourceBytes?: Uint8Array;
}

export interface PoCheckResult {
  /** The language code from the folder name, when it has the `resource.language.` form. */
  language: string | undefined;
  /** True for en_gb, whose msgid lines are the text. */
  isSource: boolean;
  /** Sorted by line and column. */
  diagnostics: PoDiagnostic[];
  /** For a translation checked against en_gb. */
  stats: PoTranslationStats | undefined;
}

/** Most findings of one kind reported per file; a broken encoding would otherwise flood the report. */
const MAX_PER_CODE = 50;

/** Tells a translator what Kodi will do with a strings.po: what it drops, cuts, merges or overrides. */
export function checkPo(input: PoCheckInput): PoCheckResult {
  const language = input.folderName === undefined ? undefined : languageOfFolder(input.folderName);
  const isSource = language?.toLowerCase() === SOURCE_LANGUAGE;
  const doc = parsePo(input.bytes);
  const report = new Reporter(doc);

  checkFileLevel(input, doc, report);
  checkFolderName(input.folderName, language, report);
  checkBlocks(doc, report);
  checkDuplicateIds(doc, isSource, report);

  let stats: PoTranslationStats | undefined;
  if (!isSource && input.sourceBytes !== undefined) {
    const sourceDoc = parsePo(input.sourceBytes);
    const source = readPoEntries(sourceDoc, { msgstr: false });
    stats = compareWithSource(doc, source, report);
  } else if (!isSource) {
    checkEntriesAlone(doc, report);
  }
  return { language, isSource, diagnostics: report.sorted(), stats };
}

class Reporter {
  readonly #doc: PoDocument;
  readonly #items: PoDiagnostic[] = [];
  readonly #perCode = new Map<string, number>();

  constructor(doc: PoDocument) {
    this.#doc = doc;
  }

  at(offset: number, severity: PoSeverity, code: PoCheckCode, message: string, hint: string): void {
    const count = (this.#perCode.get(code) ?? 0) + 1;
    this.#perCode.set(code, count);
    if (count > MAX_PER_CODE) return;
    const { line, col } = this.#doc.position(offset);
    this.#items.push({ line, col, severity, code, message, hint });
  }

  sorted(): PoDiagnostic[] {
    const items = [...this.#items];
    for (const [code, count] of this.#perCode) {
      if (count > MAX_PER_CODE) {
        const first = items.find((d) => d.code === code)!;
        items.push({ ...first, message: `${count - MAX_PER_CODE} more like this not listed`, hint: first.hint });
      }
    }
    return items.sort((a, b) => a.line - b.line || a.col - b.col);
  }
}

function checkFileLevel(input: PoCheckInput, doc: PoDocument, report: Reporter): void {
  const bytes = input.bytes;
  const hasBom = startsWithBom(bytes, 0);
  if (hasBom) {
    report.at(1, 'error', PoCheckCodes.BOM, 'the file starts with a byte order mark (BOM)',
      'save it as UTF-8 without BOM; a BOM in front of the header hides the header from Kodi');
  }
  if (doc.rejection === 'too-small') {
    report.at(1, 'error', PoCheckCodes.TOO_SMALL, `the file has only ${bytes.length} bytes: Kodi ignores files under 18 bytes`,
      'a strings.po needs at least the header entry (msgid "" and msgstr "")');
  } else if (doc.rejection === 'no-header') {
    const first = doc.blocks[0];
    report.at(first ? lineStartOfKeyword(doc, first.idAt >= 0 ? first.idAt : first.msgidAt) : 1, 'error', PoCheckCodes.NO_HEADER,
      'no header entry before the first string: Kodi ignores the whole file',
      hasBom
        ? 'remove the byte order mark (BOM) at the start of the file: it hides the header from Kodi'
        : 'start the file with the header entry (msgid "" and msgstr "" with the header lines), then an empty line');
  }
  const cr = bytes.indexOf(0x0d);
  if (cr >= 0) {
    const crlf = bytes[cr + 1] === 0x0a;
    let line = 1;
    for (let i = bytes.indexOf(0x0a); i >= 0 && i < cr; i = bytes.indexOf(0x0a, i + 1)) line++;
    report.at(lineOffset(doc, line), 'warning', PoCheckCodes.LINE_ENDS,
      crlf ? 'the file uses Windows line ends (CR LF)' : 'the file uses old Mac line ends (CR)',
      'Kodi copes, but the add-on checker refuses it: save the file with Unix line ends (LF)');
  }
  checkUtf8(doc, report);
}

function checkFolderName(folderName: string | undefined, language: string | undefined, report: Reporter): void {
  if (folderName === undefined) return;
  if (language === undefined) {
    report.at(1, 'warning', PoCheckCodes.FOLDER_NAME, `the folder "${folderName}" is not a language folder`,
      'Kodi only looks in folders named resource.language.<code>, for example resource.language.de_de');
  } else if (!isValidLanguageCode(language)) {
    report.at(1, 'warning', PoCheckCodes.FOLDER_NAME, `the folder name "${folderName}" is not accepted by Kodi's add-on checker`,
      'use a lower-case language code, optionally with _ and a region: resource.language.de_de, resource.language.pt_br');
  }
}

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

function startsWithBom(buffer: Uint8Array, at: number): boolean {
  return buffer[at] === 0xef && buffer[at + 1] === 0xbb && buffer[at + 2] === 0xbf;
}

function startsWithAscii(buffer: Buffer, start: number, end: number, word: string): boolean {
  if (end - start < word.length) return false;
  for (let i = 0; i < word.length; i++) if (buffer[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

function checkBlocks(doc: PoDocument, report: Reporter): void {
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

function checkKeywordString(doc: PoDocument, lines: LineInfo[], index: number, blockEnd: number, report: Reporter): void {
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

function reportStop(doc: PoDocument, lines: LineInfo[], index: number, stopAt: number, firstAt: number, report: Reporter): void {
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

function checkDuplicateIds(doc: PoDocument, isSource: boolean, report: Reporter): void {
  const firstBlock = new Map<number, number>();
  for (const block of doc.blocks) {
    if (block.kind !== 'numeric') continue;
    const at = lineStartOfKeyword(doc, block.idAt);
    const earlier = firstBlock.get(block.id);
    if (earlier === undefined) {
      firstBlock.set(block.id, at);
      continue;
    }
    report.at(at, 'error', PoCheckCodes.DUPLICATE_ID, `id #${block.id} is already used on line ${doc.position(earlier).line}`,
      isSource
        ? 'Kodi shows the first one; give this entry a new id or remove it'
        : 'Kodi shows the first one that has a translation; remove the other');
  }
}

function compareWithSource(doc: PoDocument, source: PoEntry[], report: Reporter): PoTranslationStats {
  const sourceText = new Map<number, string>();
  for (const entry of source) if (entry.msgid !== '' && !sourceText.has(entry.id)) sourceText.set(entry.id, entry.msgid);
  const entries = readPoEntries(doc, { evenIfRejected: true });
  const used = firstTranslations(entries);
  const resolved = resolveStrings(doc.rejection ? [] : entries, source);
  for (const entry of used.values()) {
    const at = lineStartOfKeyword(doc, entry.block.idAt);
    const english = sourceText.get(entry.id);
    if (english === undefined) {
      report.at(at, 'warning', PoCheckCodes.UNKNOWN_ID, `id #${entry.id} is not in en_gb: the add-on never shows this string`,
        'remove the entry, or check the number against en_gb');
      continue;
    }
    if (!doc.rejection && resolved.get(entry.id)?.text !== entry.msgstr) {
      report.at(at, 'warning', PoCheckCodes.OUTDATED_MSGID,
        `the English text of #${entry.id} has changed to "${english}": Kodi will show English instead of this translation`,
        'copy the new English text into msgid and update the translation');
    }
    checkPlaceholdersAndMarkup(doc, entry, report);
  }
  const untranslated: number[] = [];
  let translated = 0;
  for (const id of sourceText.keys()) {
    const entry = doc.rejection ? undefined : used.get(id);
    if (entry !== undefined && resolved.get(id)?.text === entry.msgstr) translated++;
    else untranslated.push(id);
  }
  untranslated.sort((a, b) => a - b);
  return { translated, total: sourceText.size, untranslated };
}

function checkEntriesAlone(doc: PoDocument, report: Reporter): void {
  for (const entry of firstTranslations(readPoEntries(doc, { evenIfRejected: true })).values()) {
    checkPlaceholdersAndMarkup(doc, entry, report);
  }
}

/** The entry Kodi takes for each id of a translation: the first with a non-empty msgstr. */
function firstTranslations(entries: PoEntry[]): Map<number, PoEntry> {
  const used = new Map<number, PoEntry>();
  for (const entry of entries) if (entry.msgstr !== '' && !used.has(entry.id)) used.set(entry.id, entry);
  return used;
}

function checkPlaceholdersAndMarkup(doc: PoDocument, entry: PoEntry, report: Reporter): void {
  if (entry.msgid === '' || entry.msgstr === '') return;
  const at = entry.block.msgstrAt >= 0 ? entry.block.msgstrAt : entry.block.msgidAt;
  const expected = placeholdersOf(entry.msgid);
  const actual = placeholdersOf(entry.msgstr);
  if (expected.join('\u0000') !== actual.join('\u0000')) {
    report.at(at, 'warning', PoCheckCodes.PLACEHOLDERS,
      `placeholders differ: the English text has ${listOf(expected)}, the translation has ${listOf(actual)}`,
      'keep the same placeholders in the same order: the add-on fills them with names and numbers');
  }
  const want = markupCounts(entry.msgid);
  const have = markupCounts(entry.msgstr);
  const differing = (Object.keys(want) as (keyof typeof want)[]).filter((tag) => want[tag] !== have[tag]);
  if (differing.length > 0) {
    const detail = differing.map((tag) => `${tag} ${want[tag]}× in English, ${have[tag]}× here`).join('; ');
    report.at(at, 'warning', PoCheckCodes.MARKUP, `formatting tags differ: ${detail}`,
      'keep [B]…[/B], [I]…[/I], [COLOR …]…[/COLOR] and [CR] as in the English text, in upper case');
  }
}

function listOf(placeholders: string[]): string {
  return placeholders.length === 0 ? 'none' : placeholders.join(' ');
}

/** The offset of the start of the line holding `offset`. */
function lineStartOfKeyword(doc: PoDocument, offset: number): number {
  return doc.buffer.lastIndexOf(0x0a, offset - 1) + 1;
}

/** The offset in `doc.buffer` where 1-based `line` starts. */
function lineOffset(doc: PoDocument, line: number): number {
  let offset = 1;
  for (let n = 1; n < line; n++) {
    const lf = doc.buffer.indexOf(0x0a, offset);
    if (lf < 0) break;
    offset = lf + 1;
  }
  return offset;
}

function checkUtf8(doc: PoDocument, report: Reporter): void {
  const buffer = doc.buffer;
  for (let i = 0; i < buffer.length; ) {
    const length = validSequenceLength(buffer, i);
    if (length > 0) {
      i += length;
      continue;
    }
    report.at(i, 'error', PoCheckCodes.INVALID_UTF8, 'this line is not valid UTF-8: Kodi shows \uFFFD for the broken bytes',
      'save the file in UTF-8 encoding');
    // One report per line is enough.
    const lf = buffer.indexOf(0x0a, i);
    i = lf < 0 ? buffer.length : lf + 1;
  }
}

/** Length of the valid UTF-8 sequence at `i` (1–4), or 0 when the bytes there are not valid UTF-8. */
function validSequenceLength(b: Buffer, i: number): number {
  const c = b[i]!;
  if (c < 0x80) return 1;
  const cont = (k: number, lo = 0x80, hi = 0xbf) => {
    const x = b[i + k];
    return x !== undefined && x >= lo && x <= hi;
  };
  if (c >= 0xc2 && c <= 0xdf) return cont(1) ? 2 : 0;
  if (c === 0xe0) return cont(1, 0xa0) && cont(2) ? 3 : 0;
  if ((c >= 0xe1 && c <= 0xec) || c === 0xee || c === 0xef) return cont(1) && cont(2) ? 3 : 0;
  if (c === 0xed) return cont(1, 0x80, 0x9f) && cont(2) ? 3 : 0;
  if (c === 0xf0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xf1 && c <= 0xf3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c === 0xf4) return cont(1, 0x80, 0x8f) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}
