/** The log the Twitch client writes to; the host's log fits it as is. Never given a secret. */
export interface TwitchLogger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything, for callers that pass none. */
export const silentLogger: TwitchLogger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  error: () => undefined,
};
