import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UsageError, parseFlags } from '../../src/harness/cli-io.js';
import { packageRoot } from '../../src/harness/profile.js';
import { TOKEN_FILE } from '../../addon/auth/token-store.js';
import { STAND_IN_CLIENT_ID, startTwitchStandIn } from '../twitch-stand-in/twitch-stand-in.js';
import type { EnsureResult } from './protocol.js';
import { percentile, seededRandom, StressWorker } from './worker-pool.js';

const ADDON_ID = 'plugin.video.twitch';
/** The stand-in's access-token lifetime (Twitch's, about 4 h): each round moves every clock this far. */
const ACCESS_TOKEN_SECONDS = 14_400;

export interface StressOptions {
  processes: number;
  rounds: number;
  seed: number;
  /** Each worker starts its step after a seeded random delay of up to this many ms. */
  jitterMs?: number;
  /** Makes the stand-in spend the refresh token and drop its reply in this round: a run that must fail. */
  faultAtRound?: number;
}

/** Sized to take about a minute on two cores. */
export const DEFAULT_STRESS: StressOptions = { processes: 16, rounds: 450, seed: 1 };

export interface StressReport {
  refreshRequests: number;
  expectedRefreshes: number;
  invalidRefreshReplies: number;
  fileReads: number;
  fileParseFailures: number;
  waitP50Ms: number;
  waitP99Ms: number;
  waitMaxMs: number;
  wallMs: number;
  /** Warning and error lines the workers logged, with how often each came (tokens never appear in them). */
  warnings: Map<string, number>;
  violations: string[];
}

/**
 * N real processes over one real profile for R rounds: each round makes the token expire by moving
 * every clock (the stand-in's and the workers') one token lifetime ahead, then every process asks for
 * a valid token at once. Exactly one refresh per round must reach the server, and every process must
 * end the round holding the same new token.
 */
export async function runStress(options: StressOptions, progress: (line: string) => void = () => undefined): Promise<StressReport> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const jitterMs = options.jitterMs ?? 5;
  let offsetMs = 0;
  const server = await startTwitchStandIn({ now: () => Date.now() + offsetMs, lifetimes: { accessTokenSeconds: ACCESS_TOKEN_SECONDS } });
  const profile = await mkdtemp(join(tmpdir(), 'twitch-stress-'));
  const workers: StressWorker[] = [];
  const violations: string[] = [];
  const results: EnsureResult[] = [];
  try {
    const data = join(profile, 'addon_data', ADDON_ID);
    await mkdir(data, { recursive: true });
    // A login as the Python add-on leaves it, already expired: round 1 must renew it.
    const issued = server.issueTokens({ clientId: STAND_IN_CLIENT_ID, login: 'viewer' });
    const expiry = Date.now() / 1000 - 10;
    await writeFile(join(data, TOKEN_FILE), JSON.stringify({ access: issued.accessToken, refresh: issued.refreshToken, expiry }), { mode: 0o600 });
    const env = { TWITCH_OAUTH_URL: server.oauthUrl, TWITCH_HELIX_URL: server.helixUrl, TWITCH_CLIENT_ID: STAND_IN_CLIENT_ID };
    const addonFolder = packageRoot();
    workers.push(...(await Promise.all(Array.from({ length: options.processes }, () => StressWorker.start({ profile, addonFolder, env })))));
    server.resetCounters();
    let previous = '';
    for (let round = 1; round <= options.rounds; round++) {
      offsetMs = (round - 1) * ACCESS_TOKEN_SECONDS * 1000;
      if (round === options.faultAtRound) server.injectFault('token-refresh', 'consumeAndDrop');
      const before = server.count('token-refresh');
      const delays = workers.map(() => random() * jitterMs);
      const roundResults = await Promise.all(
        workers.map(async (worker, i) => {
          await new Promise((r) => setTimeout(r, delays[i]));
          return worker.ensure(offsetMs);
        }),
      );
      results.push(...roundResults);
      const refreshes = server.count('token-refresh') - before;
      const held = new Set(roundResults.map((r) => r.fingerprint));
      const [token = ''] = held;
      const problems: string[] = [];
      if (refreshes !== 1) problems.push(`${refreshes} refresh requests`);
      for (const r of roundResults) {
        if (!r.ok) problems.push(`process ${r.pid} failed: ${r.error}`);
        else if (!r.fingerprint) problems.push(`process ${r.pid} got no token`);
        else if (r.stale) problems.push(`process ${r.pid} got the expired token`);
        if (r.notices.length) problems.push(`process ${r.pid} told the user: ${r.notices.join(', ')}`);
      }
      if (held.size !== 1) problems.push(`processes hold ${held.size} different tokens`);
      else if (token === previous) problems.push('the token was not renewed');
      previous = token;
      if (problems.length) {
        violations.push(`round ${round}: ${problems.join('; ')}`);
        for (const r of roundResults) for (const line of r.problems) violations.push(`  process ${r.pid} ${line}`);
      }
      if (round % 25 === 0) progress(`round ${round}/${options.rounds}`);
    }
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await server.close();
    await rm(profile, { recursive: true, force: true });
  }
  // Every step meets an expired token, so each one waits: for the lock, or for another process's renewal.
  const waits = results.map((r) => r.elapsedMs);
  const report: StressReport = {
    refreshRequests: server.count('token-refresh'),
    expectedRefreshes: options.rounds,
    invalidRefreshReplies: server.count('refresh-invalid'),
    fileReads: results.reduce((n, r) => n + r.fileReads, 0),
    fileParseFailures: results.reduce((n, r) => n + r.fileParseFailures, 0),
    waitP50Ms: percentile(waits, 50),
    waitP99Ms: percentile(waits, 99),
    waitMaxMs: Math.max(0, ...waits),
    wallMs: performance.now() - started,
    warnings: countWarnings(results),
    violations,
  };
  if (report.refreshRequests !== report.expectedRefreshes) {
    violations.unshift(`the server saw ${report.refreshRequests} refresh requests for ${report.expectedRefreshes} expiries`);
  }
  if (report.invalidRefreshReplies > 0) violations.unshift(`${report.invalidRefreshReplies} "Invalid refresh token" replies`);
  if (report.fileParseFailures > 0) violations.unshift(`${report.fileParseFailures} token-file reads did not parse`);
  return report;
}

function countWarnings(results: readonly EnsureResult[]): Map<string, number> {
  const counts = new Map<string, number>();
  // Log lines differ only in numbers (times, counts): those are folded so like lines group together.
  for (const line of results.flatMap((r) => r.problems)) {
    const key = line.replace(/\d+/g, 'N');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** The table a user reads: each measure, the bound it must keep, and whether it did. */
export function formatStressTable(options: StressOptions, report: StressReport): string[] {
  const ms = (v: number) => `${v.toFixed(1)} ms`;
  const rows: Array<[string, string, string, boolean | null]> = [
    ['refresh requests the server saw', String(report.refreshRequests), `= ${report.expectedRefreshes} (rounds)`, report.refreshRequests === report.expectedRefreshes],
    ['"Invalid refresh token" replies', String(report.invalidRefreshReplies), '= 0', report.invalidRefreshReplies === 0],
    ['token-file reads that failed to parse', `${report.fileParseFailures} of ${report.fileReads}`, '= 0', report.fileParseFailures === 0],
    ['ensureValidToken wait p50', ms(report.waitP50Ms), '', null],
    ['ensureValidToken wait p99', ms(report.waitP99Ms), '', null],
    ['ensureValidToken wait max', ms(report.waitMaxMs), '', null],
    ['warnings logged by the processes', String([...report.warnings.values()].reduce((a, b) => a + b, 0)), '', null],
    ['wall time', `${(report.wallMs / 1000).toFixed(1)} s`, '', null],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  const lines = [`stress: ${options.processes} processes, ${options.rounds} rounds, seed ${options.seed}`];
  for (const [name, value, bound, ok] of rows) {
    lines.push(`${name.padEnd(width)}  ${value.padStart(14)}  ${bound.padEnd(14)}  ${ok === null ? '' : ok ? 'ok' : 'VIOLATED'}`.trimEnd());
  }
  for (const [line, count] of [...report.warnings].slice(0, 5)) lines.push(`  ${count} x ${line}`);
  lines.push(report.violations.length ? `FAILED: ${report.violations.length} violation(s)` : 'PASSED');
  return lines.concat(report.violations.slice(0, 40));
}

function positiveInteger(flags: Record<string, string | true>, name: string, fallback: number, max: number): number {
  const value = flags[name];
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value === true || !Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`--${name} takes a whole number from 1 to ${max.toLocaleString('en')}, not ${JSON.stringify(value)}`);
  return n;
}

/**
 * `npm run stress -- [--processes N] [--rounds R] [--seed S] [--fault-at-round K]`; returns the exit
 * code: 0 when every bound held, 1 on any violation, 2 for bad arguments.
 */
export async function stressMain(args: string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  let options: StressOptions;
  try {
    const { flags, positionals } = parseFlags(args, { values: ['processes', 'rounds', 'seed', 'fault-at-round'] });
    if (positionals.length) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    options = {
      processes: positiveInteger(flags, 'processes', DEFAULT_STRESS.processes, 64),
      rounds: positiveInteger(flags, 'rounds', DEFAULT_STRESS.rounds, 100_000),
      seed: positiveInteger(flags, 'seed', DEFAULT_STRESS.seed, 2 ** 31),
    };
    if (flags['fault-at-round'] !== undefined) options.faultAtRound = positiveInteger(flags, 'fault-at-round', 1, options.rounds);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`stress: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const report = await runStress(options, err);
  for (const line of formatStressTable(options, report)) out(line);
  return report.violations.length ? 1 : 0;
}

const invokedAs = process.argv[1] ?? '';
if (/(^|[/\\])stress\.js$/.test(invokedAs)) {
  stressMain(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  ).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`stress: ${(error as Error).message}\n`);
      process.exit(1);
    },
  );
}
