import lockfile from 'proper-lockfile';
import { ErrorCodes, ShimError } from './errors.js';
import type { HostFs } from './fs.js';

/** A lock not refreshed for this long belongs to a dead process and is taken over (ms). */
export const STALE_LOCK_MS = 5_000;
/** How long `acquireFileLock` waits for a busy lock before giving up (ms). */
export const LOCK_WAIT_MS = 15_000;

export interface FileLockOptions {
  fs: HostFs;
  /** proper-lockfile refuses less than 2000 ms. */
  staleMs?: number;
  /** Longest wait for a busy lock (ms); 0 = try once. */
  waitMs?: number;
  /** Pause between attempts (ms); randomized ±50 % so waiters do not march in step. */
  retryMs?: number;
}

/** A lock this process holds. */
export interface HeldLock {
  /** Aborted when the lock was lost (taken over as stale, or its folder removed): abandon writes. */
  readonly signal: AbortSignal;
  /** Time spent waiting for it, in milliseconds. */
  readonly waitedMs: number;
  release(): Promise<void>;
}

/**
 * Takes the cross-process lock on `path` (a `path.lock` folder, proper-lockfile's scheme) waiting at
 * most `waitMs`. Throws `LOCK_TIMEOUT` when it stays busy.
 */
export async function acquireFileLock(path: string, options: FileLockOptions): Promise<HeldLock> {
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const retryMs = options.retryMs ?? 20;
  const started = performance.now();
  for (;;) {
    const held = await tryFileLock(path, options, started);
    if (held) return held;
    const waited = performance.now() - started;
    if (waited >= waitMs) {
      throw new ShimError(
        ErrorCodes.LOCK_TIMEOUT,
        `${path} stayed locked by another process for ${Math.round(waited)} ms; try again shortly`,
      );
    }
    const pause = retryMs * (0.5 + Math.random());
    await new Promise((r) => setTimeout(r, Math.min(pause, waitMs - waited + 1)));
  }
}

/** Takes the lock if it is free (or stale) right now; `null` when another process holds it. */
export async function tryFileLock(
  path: string,
  options: FileLockOptions,
  startedAt = performance.now(),
): Promise<HeldLock | null> {
  const controller = new AbortController();
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(path, {
      fs: options.fs,
      realpath: false,
      stale: Math.max(2_000, options.staleMs ?? STALE_LOCK_MS),
      retries: 0,
      onCompromised: (error) => controller.abort(error),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOCKED') return null;
    throw new ShimError(ErrorCodes.WRITE_FAILED, `Could not lock ${path}: ${(error as Error).message}`, { cause: error });
  }
  let released = false;
  return {
    signal: controller.signal,
    waitedMs: performance.now() - startedAt,
    release: async () => {
      if (released) return;
      released = true;
      // A compromised lock is no longer ours to remove.
      if (controller.signal.aborted) return;
      await release().catch(() => undefined);
    },
  };
}

/** Runs `fn` holding the lock on `path`, and always releases it. */
export async function withFileLock<T>(
  path: string,
  options: FileLockOptions,
  fn: (lock: HeldLock) => Promise<T>,
): Promise<T> {
  const lock = await acquireFileLock(path, options);
  try {
    return await fn(lock);
  } finally {
    await lock.release();
  }
}
