/** The time source the Twitch client waits and keeps time with; the host's clock fits it as is. */
export interface TwitchClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` milliseconds; resolves `true` when the time has passed, `false` as soon as `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<boolean>;
}
