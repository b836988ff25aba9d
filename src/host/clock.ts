/** Time as the host sees it; injected so tests can run hours of service loop in milliseconds. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /**
   * Waits `ms` milliseconds of this clock's time. Resolves `true` when the time has passed and
   * `false` as soon as `signal` aborts (never rejects).
   */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}

/** The wall clock and real timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const onAbort = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve(true);
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
}

/** A clock that moves only when told to: `advance(ms)`, or `drive(promise)` until it settles. */
export class FakeClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  /** Jumps the clock without firing timers, as a wall clock set by hand does. */
  set(ms: number): void {
    this.#now = ms;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      if (signal?.aborted) return resolve(false);
      const timer: Timer = {
        due: this.#now + Math.max(0, ms),
        seq: this.#seq++,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(true);
        },
      };
      const onAbort = () => {
        this.#timers = this.#timers.filter((t) => t !== timer);
        resolve(false);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#timers.push(timer);
    });
  }

  /** Number of sleeps waiting. */
  get pending(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order, letting each continue. */
  async advance(ms: number): Promise<void> {
    const end = this.#now + ms;
    for (;;) {
      await settle();
      const next = this.#nextTimer();
      if (!next || next.due > end) break;
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.due);
      next.fire();
    }
    this.#now = Math.max(this.#now, end);
    await settle();
  }

  /**
   * Runs `promise` to completion, jumping time to each next timer whenever everything else is idle.
   * Fails when more than `limitMs` of fake time would pass.
   */
  async drive<T>(promise: Promise<T>, limitMs = 7 * 24 * 3600_000): Promise<T> {
    let done = false;
    const tracked = promise.finally(() => {
      done = true;
    });
    tracked.catch(() => undefined);
    const limit = this.#now + limitMs;
    while (!done) {
      await settle();
      if (done) break;
      const next = this.#nextTimer();
      if (!next) {
        // Nothing scheduled on this clock: real I/O is under way; give it a moment.
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      if (next.due > limit) throw new Error(`FakeClock.drive: more than ${limitMs} ms of fake time passed`);
      this.#timers = this.#timers.filter((t) => t !== next);
      this.#now = Math.max(this.#now, next.due);
      next.fire();
    }
    return tracked;
  }

  #nextTimer(): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.#timers) if (!best || t.due < best.due || (t.due === best.due && t.seq < best.seq)) best = t;
    return best;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
