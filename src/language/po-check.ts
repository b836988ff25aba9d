import { isValidLanguageCode, languageOfFolder, SOURCE_LANGUAGE } from './language-folders.js';
import { checkAgainstSource, checkTranslationAlone } from './po-check-translation.js';
import { checkPoSyntax, startsWithBom } from './po-check-syntax.js';
import {
  lineStartOf,
  PoCheckCodes,
  PoReporter,
  type PoDiagnostic,
  type PoTranslationStats,
} from './po-diagnostics.js';
import { parsePo, readPoEntries, type PoDocument } from './po-parser.js';
import { findInvalidUtf8 } from './utf8-validate.js';

export * from './po-diagnostics.js';

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

/** Tells a translator what Kodi will do with a strings.po: what it drops, cuts, merges or overrides. */
export function checkPo(input: PoCheckInput): PoCheckResult {
  const language = input.folderName === undefined ? undefined : languageOfFolder(input.folderName);
  const isSource = language?.toLowerCase() === SOURCE_LANGUAGE;
  const doc = parsePo(input.bytes);
  const report = new PoReporter(doc);

  checkFileLevel(input, doc, report);
  checkFolderName(input.folderName, language, report);
  checkPoSyntax(doc, report);
  checkDuplicateIds(doc, isSource, report);

  let stats: PoTranslationStats | undefined;
  if (!isSource && input.sourceBytes !== undefined) {
    const sourceDoc = parsePo(input.sourceBytes);
    const source = readPoEntries(sourceDoc, { msgstr: false });
    stats = checkAgainstSource(doc, source, report);
  } else if (!isSource) {
    checkTranslationAlone(doc, report);
  }
  return { language, isSource, diagnostics: report.sorted(), stats };
}

function checkFileLevel(input: PoCheckInput, doc: PoDocument, report: PoReporter): void {
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
    report.at(first ? lineStartOf(doc, first.idAt >= 0 ? first.idAt : first.msgidAt) : 1, 'error', PoCheckCodes.NO_HEADER,
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

function checkFolderName(folderName: string | undefined, language: string | undefined, report: PoReporter): void {
  if (folderName === undefined) return;
  if (language === undefined) {
    report.at(1, 'warning', PoCheckCodes.FOLDER_NAME, `the folder "${folderName}" is not a language folder`,
      'Kodi only looks in folders named resource.language.<code>, for example resource.language.de_de');
  } else if (!isValidLanguageCode(language)) {
    report.at(1, 'warning', PoCheckCodes.FOLDER_NAME, `the folder name "${folderName}" is not accepted by Kodi's add-on checker`,
      'use a lower-case language code, optionally with _ and a region: resource.language.de_de, resource.language.pt_br');
  }
}

function checkDuplicateIds(doc: PoDocument, isSource: boolean, report: PoReporter): void {
  const firstBlock = new Map<number, number>();
  for (const block of doc.blocks) {
    if (block.kind !== 'numeric') continue;
    const at = lineStartOf(doc, block.idAt);
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

function checkUtf8(doc: PoDocument, report: PoReporter): void {
  const buffer = doc.buffer;
  for (let i = findInvalidUtf8(buffer, 0); i >= 0; ) {
    report.at(i, 'error', PoCheckCodes.INVALID_UTF8, 'this line is not valid UTF-8: Kodi shows \uFFFD for the broken bytes',
      'save the file in UTF-8 encoding');
    // One report per line is enough.
    const lf = buffer.indexOf(0x0a, i);
    i = lf < 0 ? -1 : findInvalidUtf8(buffer, lf + 1);
  }
}

