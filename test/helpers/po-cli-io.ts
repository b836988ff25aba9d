import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../src/harness/cli-io.js';

/** A `CliIo` that collects what a command prints. */
export function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    stdin: undefined,
    interactive: false,
    env: {},
    cwd,
  };
  return io;
}

/** A temporary folder holding `files` (relative path → content); removed by the returned `remove`. */
export function tempTree(files: Record<string, string | Uint8Array>): { root: string; remove: () => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'po-cli-'));
  for (const [relative, content] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return { root, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}
