import { execFileSync } from 'node:child_process';
import { repoRoot } from './hosts.js';

/** vitest global setup: the real-process tests spawn `dist/…`, so build it once from these sources. */
export default function setup(): void {
  execFileSync(process.execPath, [`${repoRoot}/node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' });
}
