import type { Clock } from './clock.js';

/** Kodi's log levels (xbmc.LOGDEBUG … xbmc.LOGNONE). */
export const LogLevel = { DEBUG: 0, INFO: 1, WARNING: 2, ERROR: 3, FATAL: 4, NONE: 5 } as const;
export type LogLevelValue = (typeof LogLevel)[keyof typeof LogLevel];

const LEVEL_NAMES = ['debug', 'info', 'warning', 'error', 'fatal', 'none'] as const;

/** One line as it was logged (after redaction). */
export interface LogRecord {
  /** Milliseconds since the epoch, from the host's clock. */
  time: number;
  level: LogLevelValue;
  levelName: string;
  message: string;
}

export interface HostLogOptions {
  clock: Clock;
  /** Receives every line that is not hidden, formatted and as a record; default: nothing. */
  sink?: (line: string, record: LogRecord) => void;
  /** Kodi hides LOGDEBUG unless debug logging is on. */
  debug?: boolean;
  /** The thread id Kodi prints after `T:`; we print the process id. */
  threadId?: number;
}

/**
 * The host's log: Kodi's line format, debug hidden unless enabled, and a last line of defence that
 * masks every value registered as secret (tokens, device codes) whatever the level.
 */
export class HostLog {
  readonly records: LogRecord[] = [];
  readonly #clock: Clock;
  readonly #sink: (line: string, record: LogRecord) => void;
  readonly #debug: boolean;
  readonly #threadId: number;
  readonly #secrets = new Set<string>();

  constructor(options: HostLogOptions) {
    this.#clock = options.clock;
    this.#sink = options.sink ?? (() => undefined);
    this.#debug = options.debug ?? false;
    this.#threadId = options.threadId ?? process.pid;
  }

  get debugEnabled(): boolean {
    return this.#debug;
  }

  /** Registers a value that must never appear in the log; values shorter than 6 characters are ignored. */
  redact(secret: string | undefined | null): void {
    if (secret && secret.length >= 6) this.#secrets.add(secret);
  }

  write(level: number, message: string): void {
    const lvl = Math.min(Math.max(Math.trunc(level), 0), 5) as LogLevelValue;
    if (lvl === LogLevel.NONE) return;
    if (lvl === LogLevel.DEBUG && !this.#debug) return;
    let text = String(message);
    for (const secret of this.#secrets) if (text.includes(secret)) text = text.split(secret).join('***');
    const time = this.#clock.now();
    const record: LogRecord = { time, level: lvl, levelName: LEVEL_NAMES[lvl], message: text };
    this.records.push(record);
    this.#sink(formatLogLine(record, this.#threadId), record);
  }

  debug(message: string): void {
    this.write(LogLevel.DEBUG, message);
  }
  info(message: string): void {
    this.write(LogLevel.INFO, message);
  }
  warning(message: string): void {
    this.write(LogLevel.WARNING, message);
  }
  error(message: string): void {
    this.write(LogLevel.ERROR, message);
  }
}

/** Kodi 19+'s line: `2026-12-04 16:08:23.123 T:1234       info <general>: message` (local time). */
export function formatLogLine(record: LogRecord, threadId: number): string {
  const d = new Date(record.time);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const stamp =
    `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ` +
    `${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds(), 3)}`;
  return `${stamp} T:${String(threadId).padEnd(7)} ${record.levelName.padStart(7)} <general>: ${record.message}`;
}
