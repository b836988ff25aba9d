import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/stress/worker-pool.js';
import { tokenFileVersion } from '../../scripts/stress/token-writer.js';
import { repoRoot } from '../helpers/hosts.js';

const WRITER = join(repoRoot, 'dist/scripts/stress/token-writer.js');

interface Trial {
  /** The last version the writer said it had finished before it died. */
  announced: number;
  /** The version the file holds, or -1 when it is not any whole version. */
  found: number;
  leftovers: number;
}

/** One writer process over a file holding version 0, killed with SIGKILL `killAfterMs` after it starts writing. */
async function trial(how: 'atomic' | 'in-place', killAfterMs: number): Promise<Trial> {
  const dir = mkdtempSync(join(tmpdir(), 'token-write-'));
  const file = join(dir, 'oauth_tokens.json');
  writeFileSync(file, tokenFileVersion(0), { mode: 0o600 });
  try {
    const child = spawn(process.execPath, [WRITER, file, how], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        const ready = out.length === 0;
        out += chunk.toString('utf8');
        if (ready) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      });
      child.once('error', reject);
      child.once('close', () => resolve());
    });
    const announced = Number(out.trim().split('\n').filter((l) => /^\d+$/.test(l)).at(-1) ?? 0);
    const text = readFileSync(file, 'utf8');
    const version = Number(/"access(\d{6})/.exec(text)?.[1] ?? -1);
    const found = version >= 0 && text === tokenFileVersion(version) ? version : -1;
    return { announced, found, leftovers: readdirSync(dir).length - 1 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `count` seeded trials, four at a time (most of a trial is a process starting). */
async function trials(how: 'atomic' | 'in-place', count: number, seed: number): Promise<Trial[]> {
  const random = seededRandom(seed);
  const delays = Array.from({ length: count }, () => random() * 12);
  const results: Trial[] = [];
  for (let i = 0; i < count; i += 4) results.push(...(await Promise.all(delays.slice(i, i + 4).map((d) => trial(how, d)))));
  return results;
}

describe('a process killed at a random point while writing the token file', () => {
  it('leaves the complete old or the complete new token set in 500 seeded trials (real fs, writeFileAtomic)', async () => {
    const results = await trials('atomic', 500, 20261204);
    const torn = results.filter((r) => r.found < 0);
    const outOfOrder = results.filter((r) => r.found >= 0 && r.found !== r.announced && r.found !== r.announced + 1);
    const midWrite = results.filter((r) => r.leftovers > 0).length;
    const writes = results.reduce((n, r) => n + r.announced, 0);
    console.log(`atomic writer: 500 kills after ${writes} finished writes; ${midWrite} landed mid-write (a temporary file was left); torn files: ${torn.length}`);
    expect(torn).toEqual([]);
    expect(outOfOrder).toEqual([]);
    // The kills must really land inside writes, or this test proves nothing.
    expect(midWrite).toBeGreaterThan(25);
  });

  it('catches a naive in-place writer tearing the file (the control that shows the check can fail)', async () => {
    const results = await trials('in-place', 60, 7);
    const torn = results.filter((r) => r.found < 0).length;
    console.log(`in-place writer: ${torn} of 60 kills left a torn or empty token file`);
    expect(torn).toBeGreaterThan(0);
  });
});
