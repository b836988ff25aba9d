import type { TwitchClock } from '../../addon/twitch/index.js';
import { systemClock } from '../../src/host/clock.js';

/**
 * Real timers running `factor` times faster than the wall clock: a 5 s poll interval passes in
 * 50 ms at factor 100. The client and the stand-in share one, so both agree on what "5 s" is while
 * real HTTP runs between them (a FakeClock would jump ahead while a request is on the wire).
 */
export class ScaledClock implements TwitchClock {
  readonly #factor: number;
  readonly #startMs: number;
  readonly #realStartMs = performance.now();

  constructor(factor = 100, startMs = Date.UTC(2026, 5, 1, 12, 0, 0)) {
    this.#factor = factor;
    this.#startMs = startMs;
  }

  now(): number {
    return Math.floor(this.#startMs + (performance.now() - this.#realStartMs) * this.#factor);
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return systemClock.sleep(ms / this.#factor, signal);
  }
}
