import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/hosts.js';

const STRESS = join(repoRoot, 'dist/scripts/stress/stress.js');

function stress(args: string[]) {
  return spawnSync(process.execPath, [STRESS, ...args], { encoding: 'utf8', timeout: 50_000 });
}

describe('npm run stress', () => {
  it('passes with 3 processes over 4 rounds and prints the table', () => {
    const run = stress(['--processes', '3', '--rounds', '4', '--seed', '7']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const out = run.stdout;
    expect(out).toContain('stress: 3 processes, 4 rounds, seed 7');
    expect(out).toMatch(/refresh requests the server saw\s+4\s+= 4 \(rounds\)\s+ok/);
    expect(out).toMatch(/"Invalid refresh token" replies\s+0\s+= 0\s+ok/);
    expect(out).toMatch(/token-file reads that failed to parse\s+0 of [1-9]\d*\s+= 0\s+ok/);
    for (const p of ['p50', 'p99', 'max']) expect(out).toMatch(new RegExp(`ensureValidToken wait ${p}\\s+\\d+\\.\\d ms`));
    expect(out).toMatch(/wall time\s+\d+\.\d s/);
    expect(out.trim().split('\n').at(-1)).toBe('PASSED');
  });

  it('fails with exit code 1 and says which bounds broke when a refresh reply is lost mid-run', () => {
    const run = stress(['--processes', '2', '--rounds', '3', '--fault-at-round', '2']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/"Invalid refresh token" replies\s+1\s+= 0\s+VIOLATED/);
    expect(run.stdout).toMatch(/^FAILED: \d+ violation/m);
    expect(run.stdout).toMatch(/round 2: .*got the expired token/);
  });

  it.each([['--processes', '0'], ['--rounds', 'many'], ['--frobnicate']])('refuses %s with one line and exit code 2', (...args) => {
    const run = stress(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^stress: /);
  });
});
