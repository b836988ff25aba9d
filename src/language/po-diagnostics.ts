import type { PoDocument } from './po-parser.js';

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

/** Most findings of one kind reported per file; a broken encoding would otherwise flood the report. */
const MAX_PER_CODE = 50;

/** Collects findings at byte offsets and turns them into lines and columns. */
export class PoReporter {
  readonly #doc: PoDocument;
  readonly #items: PoDiagnostic[] = [];
  readonly #perCode = new Map<string, number>();

  constructor(doc: PoDocument) {
    this.#doc = doc;
  }

  /** Records a finding at a byte offset of `doc.buffer`; past the cap only counts it. */
  at(offset: number, severity: PoSeverity, code: PoCheckCode, message: string, hint: string): void {
    const count = (this.#perCode.get(code) ?? 0) + 1;
    this.#perCode.set(code, count);
    if (count > MAX_PER_CODE) return;
    const { line, col } = this.#doc.position(offset);
    this.#items.push({ line, col, severity, code, message: oneLine(message), hint });
  }

  /** The findings by line and column, with a note for each kind that went past the cap. */
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

/** Quoted file text may hold line breaks; a report line must not. */
function oneLine(text: string): string {
  return text.replaceAll('\n', '\\n').replaceAll('\r', '\\r').replaceAll('\t', '\\t');
}

/** At most `maxChars` characters of `text`, with an ellipsis when cut. */
export function shorten(text: string, maxChars = 80): string {
  return text.length <= maxChars ? text : `${text.slice(0, maxChars - 1)}…`;
}

/** The offset of the start of the line holding `offset`. */
export function lineStartOf(doc: PoDocument, offset: number): number {
  return doc.buffer.lastIndexOf(0x0a, offset - 1) + 1;
}
