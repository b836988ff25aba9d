import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { CliIo } from '../../src/harness/cli-io.js';
import { repoRoot } from './hosts.js';

/** The built `kodi-shim` (npm test builds before it tests). */
export const cliPath = join(repoRoot, 'dist/src/harness/cli.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from start to exit. */
  elapsedMs: number;
}

/** Runs the built CLI as a child process; `onStart` may signal it. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; input?: string; onStart?: (child: ReturnType<typeof spawn>) => void } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, elapsedMs: performance.now() - started }));
    child.stdin.end(options.input ?? '');
    options.onStart?.(child);
  });
}

/** A `CliIo` that collects output, for calling commands in-process. */
export function memoryIo(env: Record<string, string | undefined> = {}, cwd = repoRoot): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => {
      io.out += t;
    },
    stderr: (t: string) => {
      io.err += t;
    },
    stdin: undefined,
    interactive: false,
    env,
    cwd,
  };
  return io;
}
