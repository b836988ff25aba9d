import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Host } from '../host/host.js';
import { LogLevel } from '../host/log.js';
import type { ScriptedAnswers, UiDriver } from '../host/ui.js';
import { UsageError, type CliIo } from './cli-io.js';
import { resolveAddonFolder, resolveProfile } from './profile.js';

export interface CommandHostFlags {
  profile?: string | true;
  addon?: string | true;
  language?: string | true;
  debug?: string | true;
}

/** Builds the host one `kodi-shim` command runs in, with the add-on installed; returns its id too. */
export function createCommandHost(
  io: CliIo,
  flags: CommandHostFlags,
  options: { ui: UiDriver; logToStderr: 'all' | 'warnings' | 'none' },
): { host: Host; addonId: string } {
  const profile = resolveProfile(flags.profile, io.env, io.cwd);
  const debug = flags.debug === true;
  const language = typeof flags.language === 'string' ? flags.language : (io.env.KODI_SHIM_LANGUAGE ?? 'en_gb');
  if (!/^[a-z]{2,3}(_[a-z]{2})?$/i.test(language)) {
    throw new UsageError(`--language takes a Kodi language folder suffix such as en_gb or de_de, not ${JSON.stringify(language)}`);
  }
  const showLevel = options.logToStderr === 'all' ? LogLevel.DEBUG : options.logToStderr === 'warnings' ? LogLevel.WARNING : LogLevel.NONE;
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(io.env)) if (/^(TWITCH_|KODI_SHIM_)/.test(key)) env[key] = value;
  const host = new Host({
    roots: { profile },
    ui: options.ui,
    language: language.toLowerCase(),
    env,
    log: {
      debug,
      sink: (line, record) => {
        if (record.level >= showLevel) io.stderr(`${line}\n`);
      },
    },
  });
  host.fs.mkdirSync(profile, { recursive: true });
  const manifest = host.installAddon(resolveAddonFolder(flags.addon, io.env, io.cwd));
  return { host, addonId: manifest.id };
}

/** Reads `--answers FILE`: scripted dialog answers as JSON (`{"yesno": [true], "select": [0]}`). */
export function readAnswersFile(path: string | true | undefined, cwd: string): ScriptedAnswers {
  if (path === undefined) return {};
  if (path === true) throw new UsageError('--answers needs a file');
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (cause) {
    throw new UsageError(`cannot read the answers file ${path}: ${(cause as Error).message}`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new UsageError(`the answers file ${path} is not valid JSON: ${(cause as Error).message}`, { cause });
  }
  const kinds: Record<string, (v: unknown) => boolean> = {
    ok: (v) => v === true,
    yesno: (v) => typeof v === 'boolean',
    select: (v) => Number.isInteger(v),
    input: (v) => typeof v === 'string',
    progress: (v) =>
      v === null || (typeof v === 'object' && v !== null && Number.isInteger((v as { cancelAfterUpdates?: unknown }).cancelAfterUpdates ?? 0)),
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`the answers file ${path} must hold an object such as {"yesno": [true]}`);
  }
  for (const [key, list] of Object.entries(value)) {
    const check = kinds[key];
    if (!check) throw new UsageError(`the answers file ${path} has an unknown dialog kind "${key}" (known: ${Object.keys(kinds).join(', ')})`);
    if (!Array.isArray(list) || !list.every(check)) {
      throw new UsageError(`the answers file ${path}: "${key}" must be a list of ${key === 'select' ? 'integers' : key === 'input' ? 'strings' : key === 'progress' ? '{"cancelAfterUpdates": n} objects' : 'booleans'}`);
    }
  }
  return value as ScriptedAnswers;
}
