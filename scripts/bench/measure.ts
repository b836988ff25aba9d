import { spawnSync } from 'node:child_process';

/** Median of a list of numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Wall time of one child process, in milliseconds; throws when it fails. */
export function timeProcess(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${String(result.stderr).slice(0, 400)}`);
  }
  return elapsed;
}

/**
 * Runs `subject` and `baseline` alternately `rounds` times (after one warm-up each) so that both see
 * the same machine load, and returns both medians in milliseconds.
 */
export function alternate(
  rounds: number,
  subject: () => number,
  baseline: () => number,
): { subjectMs: number; baselineMs: number; ratio: number } {
  subject();
  baseline();
  const s: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    if (i % 2) {
      s.push(subject());
      b.push(baseline());
    } else {
      b.push(baseline());
      s.push(subject());
    }
  }
  const subjectMs = median(s);
  const baselineMs = median(b);
  return { subjectMs, baselineMs, ratio: subjectMs / baselineMs };
}
