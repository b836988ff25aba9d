import { join, resolve } from 'node:path';
import { readAddonManifest } from '../../host/addon-manifest.js';
import { systemClock } from '../../host/clock.js';
import { ShimError } from '../../host/errors.js';
import { realFs } from '../../host/fs.js';
import { HostLog } from '../../host/log.js';
import {
  checkValueText,
  openSettingsSession,
  parseSettingsDefinitions,
  parseUserValues,
  resolveUserValues,
  valueKindOf,
  type SettingsDefinitions,
} from '../../settings/index.js';
import { UsageError, parseFlags, type CliCommand, type CliIo } from '../cli-io.js';
import { resolveAddonFolder, resolveProfile } from '../profile.js';

const USAGE =
  'usage: kodi-shim settings dump <addon-dir | settings.xml> [--values <user settings.xml>] [--json]\n' +
  '       kodi-shim settings get <id> [--profile DIR] [--addon DIR]\n' +
  '       kodi-shim settings set <id> <value> [--profile DIR] [--addon DIR]';

/** `kodi-shim settings dump|get|set`: inspect definitions, read and change one user value. */
export const settingsCommand: CliCommand = async (args, io) => {
  try {
    const [action, ...rest] = args;
    if (action === 'dump') return dump(rest, io);
    if (action === 'get') return await get(rest, io);
    if (action === 'set') return await set(rest, io);
    throw new UsageError(action ? `unknown settings action "${action}"\n${USAGE}` : USAGE);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`kodi-shim settings: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ShimError) {
      io.stderr(`kodi-shim settings: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
};

function dump(args: string[], io: CliIo): number {
  const { flags, positionals } = parseFlags(args, { values: ['values'], booleans: ['json'] });
  if (positionals.length !== 1) throw new UsageError(`dump needs one add-on folder or settings.xml\n${USAGE}`);
  const given = resolvePath(io, positionals[0]!);
  const file = isFolder(given) ? join(given, 'resources', 'settings.xml') : given;
  const definitions = parseSettingsDefinitions(readText(file), file);
  for (const warning of definitions.warnings) io.stderr(`warning: ${warning}\n`);
  const values = typeof flags.values === 'string' ? readValues(definitions, resolvePath(io, flags.values), io) : undefined;
  const rows = definitions.settings.map((d) => ({
    id: d.id,
    type: d.type,
    default: d.default,
    hidden: d.hidden,
    category: d.categoryLabel === '' ? d.categoryId : d.categoryLabel,
    label: d.label,
    ...(values ? { value: values.get(d.id) ?? d.default } : {}),
  }));
  if (flags.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return 0;
  }
  const header = ['id', 'type', 'default', 'hidden', 'category', 'label', ...(values ? ['value'] : [])];
  const table = rows.map((r) => [r.id, r.type, r.default, r.hidden ? 'yes' : '', String(r.category), String(r.label), ...(values ? [r.value ?? ''] : [])]);
  const widths = header.map((h, i) => Math.min(40, Math.max(h.length, ...table.map((row) => row[i]!.length))));
  const format = (row: string[]) => row.map((cell, i) => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell).padEnd(widths[i]!)).join('  ').trimEnd();
  io.stdout(`${[format(header), ...table.map(format)].join('\n')}\n`);
  return 0;
}

function readValues(definitions: SettingsDefinitions, file: string, io: CliIo): Map<string, string> {
  let parsed;
  try {
    parsed = parseUserValues(readText(file));
  } catch (error) {
    throw new UsageError(`${file} is not a valid settings file: ${(error as Error).message}`, { cause: error });
  }
  const state = resolveUserValues(definitions, parsed, (id, reason) =>
    io.stderr(`warning: ${file}: setting "${id}": the stored value is ${reason}; the default applies\n`),
  );
  return state.values;
}

async function get(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, { values: ['profile', 'addon'] });
  if (positionals.length !== 1) throw new UsageError(`get needs one setting id\n${USAGE}`);
  const id = positionals[0]!;
  const session = openForProfile(flags, io);
  if (!session.definition(id) && !session.getSettings().has(id)) throw new UsageError(`the add-on has no setting "${id}"`);
  io.stdout(`${session.getText(id)}\n`);
  return 0;
}

async function set(args: string[], io: CliIo): Promise<number> {
  const { flags, positionals } = parseFlags(args, { values: ['profile', 'addon'] });
  if (positionals.length !== 2) throw new UsageError(`set needs a setting id and a value\n${USAGE}`);
  const [id, value] = positionals as [string, string];
  const session = openForProfile(flags, io);
  const definition = session.definition(id);
  if (!definition) throw new UsageError(`the add-on has no setting "${id}"`);
  if (valueKindOf(definition.type) === 'action') throw new UsageError(`"${id}" is an action and holds no value`);
  const checked = checkValueText(definition, value);
  if (!checked.ok) throw new UsageError(`${JSON.stringify(value)} does not fit setting "${id}" (${definition.type}): ${checked.reason}`);
  await session.setText(id, value);
  return 0;
}

function openForProfile(flags: Record<string, string | true>, io: CliIo) {
  const profile = resolveProfile(flags.profile, io.env, io.cwd);
  const addonFolder = resolveAddonFolder(flags.addon, io.env, io.cwd);
  const manifest = readAddonManifest(realFs, addonFolder);
  const log = new HostLog({
    clock: systemClock,
    sink: (line) => io.stderr(`${line}\n`),
  });
  return openSettingsSession({
    fs: realFs,
    log,
    addonId: manifest.id,
    addonPath: manifest.path,
    dataFolder: join(profile, 'addon_data', manifest.id),
    onSaved: () => undefined,
  });
}

function resolvePath(io: CliIo, path: string): string {
  return resolve(io.cwd, path);
}

function isFolder(path: string): boolean {
  try {
    return realFs.statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function readText(file: string): string {
  try {
    return realFs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}
