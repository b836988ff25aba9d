import type { TwitchLogger } from '../../addon/twitch/index.js';

/** A logger that keeps every line, for asserting what was (and was not) logged. */
export function recordingLogger(): TwitchLogger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return { lines, debug: keep('debug'), info: keep('info'), warning: keep('warning'), error: keep('error') };
}
