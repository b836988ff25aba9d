import { ErrorCodes, ShimError } from '../host/errors.js';

/** The terminal a command talks to; tests pass strings in and collect strings out. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin: NodeJS.ReadableStream | undefined;
  /** True when a person is at the keyboard (stdin and stdout are terminals). */
  interactive: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** One sub-command of `kodi-shim`: takes its own arguments, returns the exit code. */
export type CliCommand = (args: string[], io: CliIo) => Promise<number>;

/** Bad command-line input: printed as one line, exit code 2. */
export class UsageError extends ShimError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(ErrorCodes.BAD_ARGUMENT, message, options);
    this.name = 'UsageError';
  }
}

/** Splits `args` into flags (`--name value`, `--name=value`, boolean `--name`) and positionals. */
export function parseFlags(
  args: string[],
  spec: { values?: string[]; booleans?: string[] },
): { flags: Record<string, string | true>; positionals: string[] } {
  const values = new Set(spec.values ?? []);
  const booleans = new Set([...(spec.booleans ?? []), 'debug']);
  const flags: Record<string, string | true> = {};
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '--') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    if (values.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      flags[name] = value;
    } else if (booleans.has(name) && eq < 0) {
      flags[name] = true;
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return { flags, positionals };
}
