/** Messages between the stress coordinator (or a fault test) and its worker processes, over Node's IPC channel. */

/** Asks a worker to get a valid token, as one plugin invocation would. */
export interface EnsureCommand {
  type: 'ensure';
  id: number;
  /** Added to the worker's wall clock for this step: how rounds make hours pass without waiting. */
  clockOffsetMs: number;
  /** Reread the token file in a tight loop during the step (the stress check); off for timing runs. */
  watchFile: boolean;
}

export interface ExitCommand {
  type: 'exit';
}

export type WorkerCommand = EnsureCommand | ExitCommand;

/** Sent once the worker's host is built and it can take commands. */
export interface ReadyMessage {
  type: 'ready';
  pid: number;
}

/** The outcome of one `ensure` step; never carries a token, only its fingerprint. */
export interface EnsureResult {
  type: 'result';
  id: number;
  pid: number;
  /** False when `ensureValidToken` threw. */
  ok: boolean;
  /** Fingerprint of the access token held afterwards; `''` when none. */
  fingerprint: string;
  stale: boolean;
  /** Time `ensureValidToken` took, in ms (mostly waiting for the lock or for another process's refresh). */
  elapsedMs: number;
  /** Reads of the token file during the step (before, during and after) and how many failed to parse. */
  fileReads: number;
  fileParseFailures: number;
  /** Notices shown to the user in this step (`relogin`, `relogin_after_lost_reply`, `public_client`). */
  notices: string[];
  /** Warning and error log lines of this step (already redacted by the host's log). */
  problems: string[];
  error: string;
}

export type WorkerMessage = ReadyMessage | EnsureResult;
