import * as fs from 'node:fs';
import * as path from 'node:path';
import { findStringsFile, languageOfFolder, SOURCE_LANGUAGE } from '../../language/language-folders.js';
import { checkPo, type PoCheckResult } from '../../language/po-check.js';
import { parsePo, readPoEntries } from '../../language/po-parser.js';
import { resolveStrings } from '../../language/string-table.js';
import { parseFlags, UsageError, type CliCommand, type CliIo } from '../cli-io.js';

const USAGE = [
  'usage: kodi-shim po check <file|folder...> [--json]',
  '       kodi-shim po dump <file> [--fallback <en_gb strings.po>] [--json]',
].join('\n');

/** `kodi-shim po check|dump`: tells translators what Kodi will do with their strings.po. */
export const poCommand: CliCommand = async (args, io) => {
  const [sub, ...rest] = args;
  if (sub === '--help' || sub === 'help') {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  if (sub === 'check') return runCheck(rest, io);
  if (sub === 'dump') return runDump(rest, io);
  throw new UsageError(sub === undefined ? `po needs a sub-command\n${USAGE}` : `unknown po sub-command "${sub}"; use check or dump`);
};

interface CheckTarget {
  /** The path as shown to the user. */
  shown: string;
  file: string;
  sourceFile: string | undefined;
}

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, { booleans: ['json'] });
  if (positionals.length === 0) throw new UsageError('po check needs at least one strings.po file or folder');
  const targets = positionals.flatMap((arg) => collectTargets(arg, io.cwd));
  const results = targets.map((target) => ({ target, result: checkTarget(target) }));
  let errors = 0;
  let warnings = 0;
  for (const { result } of results) {
    for (const d of result.diagnostics) {
      if (d.severity === 'error') errors++;
      else warnings++;
    }
  }
  if (flags.json) {
    const files = results.map(({ target, result }) => ({
      file: target.shown,
      language: result.language ?? null,
      isSource: result.isSource,
      comparedWith: target.sourceFile === undefined ? null : shownPath(target.sourceFile, io.cwd),
      diagnostics: result.diagnostics,
      stats: result.stats ?? null,
    }));
    io.stdout(`${JSON.stringify({ files, errors, warnings }, null, 2)}\n`);
  } else {
    for (const { target, result } of results) io.stdout(formatReport(target.shown, result));
    io.stdout(`checked ${results.length} file${results.length === 1 ? '' : 's'}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
  }
  return errors > 0 ? 1 : 0;
}

function checkTarget(target: CheckTarget): PoCheckResult {
  return checkPo({
    bytes: readArgumentFile(target.file, target.shown),
    folderName: path.basename(path.dirname(target.file)),
    ...(target.sourceFile === undefined ? {} : { sourceBytes: readArgumentFile(target.sourceFile, target.sourceFile) }),
  });
}

/** `file:line:col: severity: message`, an indented hint, then the coverage of a translation. */
export function formatReport(shown: string, result: PoCheckResult): string {
  let out = '';
  for (const d of result.diagnostics) {
    out += `${shown}:${d.line}:${d.col}: ${d.severity}: ${d.message}\n    hint: ${d.hint}\n`;
  }
  const language = result.language ?? 'unknown language';
  if (result.stats) {
    const { translated, total, untranslated } = result.stats;
    const percent = total === 0 ? 100 : Math.floor((translated * 100) / total);
    out += `${shown}: ${language}: ${translated}/${total} translated (${percent}%)`;
    out += untranslated.length === 0 ? '\n' : `; untranslated: ${untranslated.join(', ')}\n`;
  } else if (result.isSource) {
    out += `${shown}: ${language}: source language (its msgid lines are the text)\n`;
  } else {
    out += `${shown}: ${language}: no en_gb strings.po beside it, so coverage is not known\n`;
  }
  return out;
}

function collectTargets(arg: string, cwd: string): CheckTarget[] {
  const absolute = path.resolve(cwd, arg);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absolute);
  } catch {
    throw new UsageError(`no such file or folder: ${arg}`);
  }
  const files = !stat.isDirectory()
    ? [absolute]
    : languageOfFolder(path.basename(absolute)) !== undefined && fs.existsSync(path.join(absolute, 'strings.po'))
      ? [path.join(absolute, 'strings.po')]
      : findLanguageFiles(absolute);
  if (files.length === 0) throw new UsageError(`no resource.language.*/strings.po found below ${arg}`);
  return files.map((file) => ({
    shown: shownPath(file, cwd),
    file,
    sourceFile: sourceBeside(file),
  }));
}

/** Every `resource.language.*\/strings.po` below `root`, sorted. */
function findLanguageFiles(root: string): string[] {
  const found: string[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const folder = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      const child = path.join(folder, entry.name);
      if (languageOfFolder(entry.name) !== undefined && fs.existsSync(path.join(child, 'strings.po'))) {
        found.push(path.join(child, 'strings.po'));
      } else {
        pending.push(child);
      }
    }
  }
  return found.sort();
}

/** The en_gb strings.po in the folder next to the file's language folder, unless it is the file itself. */
function sourceBeside(file: string): string | undefined {
  const source = findStringsFile(fs, path.dirname(path.dirname(file)), SOURCE_LANGUAGE);
  if (source === undefined || !fs.existsSync(source) || path.resolve(source) === path.resolve(file)) return undefined;
  return source;
}

async function runDump(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, { values: ['fallback'], booleans: ['json'] });
  if (positionals.length !== 1) throw new UsageError(`po dump needs exactly one strings.po file\n${USAGE}`);
  const file = path.resolve(io.cwd, positionals[0]!);
  const doc = parsePo(readArgumentFile(file, positionals[0]!));
  const fallback = typeof flags.fallback === 'string' ? path.resolve(io.cwd, flags.fallback) : undefined;
  const folderLanguage = languageOfFolder(path.basename(path.dirname(file)))?.toLowerCase();
  // Without a fallback an en_gb file is read as Kodi reads the source language: msgid is the text.
  const readAsSource = fallback === undefined && folderLanguage === SOURCE_LANGUAGE;
  if (doc.rejection) {
    const why = doc.rejection === 'too-small' ? 'it is smaller than 18 bytes' : 'it has no header entry first';
    io.stderr(`warning: Kodi ignores ${positionals[0]}: ${why} (see kodi-shim po check)\n`);
  }
  const translated = readAsSource ? undefined : readPoEntries(doc);
  const source = readAsSource
    ? readPoEntries(doc, { msgstr: false })
    : fallback === undefined
      ? undefined
      : readPoEntries(parsePo(readArgumentFile(fallback, String(flags.fallback))), { msgstr: false });
  const resolved = resolveStrings(translated, source);
  const out: Record<string, string> = {};
  for (const id of [...resolved.keys()].sort((a, b) => a - b)) out[String(id)] = resolved.get(id)!.text;
  io.stdout(`${JSON.stringify(out, null, 2)}\n`);
  return 0;
}

function readArgumentFile(file: string, shown: string): Uint8Array {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (error as Error).message;
    throw new UsageError(`cannot read ${shown}: ${why}`, { cause: error });
  }
}

function shownPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
