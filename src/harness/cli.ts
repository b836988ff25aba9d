#!/usr/bin/env node
import { ShimError } from '../host/errors.js';
import { UsageError, type CliCommand, type CliIo } from './cli-io.js';

// Sub-commands load on demand so that `run` does not pay for `po` or `settings`.
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  run: async () => (await import('./commands/run.js')).runCommand,
  service: async () => (await import('./commands/service.js')).serviceCommand,
  browse: async () => (await import('./commands/browse.js')).browseCommand,
  settings: async () => (await import('./commands/settings.js')).settingsCommand,
  po: async () => (await import('./commands/po.js')).poCommand,
};

const USAGE = `usage: kodi-shim <command> [options]

  run <plugin-url> [--profile DIR] [--json] [--answers FILE] [--language xx_yy]
                              one plugin invocation
  service [--profile DIR]     the add-on's background service, until Ctrl-C
  browse [plugin-url]         open folders by number, '..' goes back, 'q' quits
  settings dump <addon-dir | settings.xml> [--values FILE] [--json]
                              the setting definitions, with values from a user file
  settings get <id>           one setting's value in the profile
  settings set <id> <value>   change one setting, checked against its definition
  po check <file|folder...> [--json]
                              what Kodi will do with a strings.po: drops, cuts, overrides
  po dump <file> [--fallback <en_gb file>] [--json]
                              the strings Kodi would display

Every command takes --profile DIR (Kodi's userdata; default $KODI_SHIM_PROFILE or
~/.kodi-shim/userdata), --addon DIR (default: this package) and --debug.
`;

/** Runs `kodi-shim` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  const debug = argv.includes('--debug');
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(USAGE);
    return name ? 0 : 2;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.stderr(`kodi-shim: unknown command "${name}" (try: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  try {
    return await (await load())(rest, io);
  } catch (error) {
    if (debug) io.stderr(`${(error as Error)?.stack ?? String(error)}\n`);
    if (error instanceof UsageError || (error instanceof ShimError && isInputError(error.code))) {
      io.stderr(`kodi-shim ${name}: ${error.message}\n`);
      return 2;
    }
    io.stderr(`kodi-shim ${name}: ${(error as Error)?.message ?? String(error)}${debug ? '' : ' (--debug shows details)'}\n`);
    return 1;
  }
}

function isInputError(code: string): boolean {
  return ['BAD_ARGUMENT', 'BAD_URL', 'UNKNOWN_ADDON', 'ADDON_MANIFEST', 'PATH_OUTSIDE'].includes(code);
}

function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdin: process.stdin,
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    env: process.env,
    cwd: process.cwd(),
  };
}

// Run only when executed as the `kodi-shim` binary, not when imported by tests.
const invokedAs = process.argv[1] ?? '';
if (/(^|[/\\])(cli\.js|kodi-shim)$/.test(invokedAs)) {
  // Exit once output is flushed: a timer an add-on left behind must not keep Kodi's process alive.
  const exit = (code: number) => process.stdout.write('', () => process.exit(code));
  main(process.argv.slice(2), processIo()).then(exit, (error: unknown) => {
    process.stderr.write(`kodi-shim: ${String(error)}\n`);
    exit(1);
  });
}
