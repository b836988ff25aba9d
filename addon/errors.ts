/** Stable codes of the add-on's errors; routes turn each into a localized sentence. */
export const AddonErrorCodes = {
  /** No connection, DNS failure, connection reset: nothing is known about the request's effect. */
  NETWORK: 'NETWORK',
  /** Twitch did not answer within the request's time limit. */
  TIMEOUT: 'TIMEOUT',
  /** Twitch answered 5xx. */
  SERVER_ERROR: 'SERVER_ERROR',
  /** Twitch answered 429; `retryAfterMs` says when to try again when Twitch told us. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The reply was not what Twitch sends: not JSON, an HTML page, a field of the wrong type. */
  BAD_RESPONSE: 'BAD_RESPONSE',
  /** Helix answered 401 and no fresh access token could be had. */
  UNAUTHORIZED: 'UNAUTHORIZED',
  /** "Invalid refresh token": the refresh token is spent, expired or revoked; a new login is needed. */
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  /** "missing client secret": the Client-ID is confidential, so it cannot refresh without a secret. */
  CLIENT_SECRET_REQUIRED: 'CLIENT_SECRET_REQUIRED',
  /** The Client-ID is unknown to Twitch ("invalid client", "client does not exist"). */
  CLIENT_ID_INVALID: 'CLIENT_ID_INVALID',
  /** The device code's `expires_in` ran out before the user approved. */
  DEVICE_CODE_EXPIRED: 'DEVICE_CODE_EXPIRED',
  /** The user declined the authorization on twitch.tv. */
  ACCESS_DENIED: 'ACCESS_DENIED',
  /** The user or Kodi's abort stopped the operation. */
  CANCELLED: 'CANCELLED',
  /** `/validate` answered 401: the access token is no longer valid. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  /** The add-on's own files in the profile cannot be read or written (permissions, I/O). */
  STORAGE: 'STORAGE',
  /** Twitch refused the request for another reason; the message carries Twitch's own words. */
  REQUEST_REJECTED: 'REQUEST_REJECTED',
} as const;

export type AddonErrorCode = (typeof AddonErrorCodes)[keyof typeof AddonErrorCodes];

export interface AddonErrorOptions {
  cause?: unknown;
  /** How long Twitch asked us to wait before the next attempt (Retry-After, Ratelimit-Reset). */
  retryAfterMs?: number;
  /** The HTTP status of the reply that caused the error, when there was one. */
  status?: number;
}

/**
 * Base of every add-on error: a stable `code`, a message a user can act on, the `cause` kept.
 * Messages never contain tokens, refresh tokens, device codes or client secrets; a `cause` from
 * undici may quote the request (its MockAgent quotes bodies and headers), so log `message`, not `cause`.
 */
export class AddonError extends Error {
  readonly code: AddonErrorCode;
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(code: AddonErrorCode, message: string, options: AddonErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AddonError';
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

const TRANSIENT_CODES: ReadonlySet<string> = new Set([
  AddonErrorCodes.NETWORK,
  AddonErrorCodes.TIMEOUT,
  AddonErrorCodes.SERVER_ERROR,
  AddonErrorCodes.RATE_LIMITED,
  // An HTML page from a proxy or a truncated body says nothing about the login itself.
  AddonErrorCodes.BAD_RESPONSE,
]);

/** True when the error says "try again later" and must never end a login (network, timeout, 5xx, 429, garbled reply). */
export function isTransient(error: unknown): boolean {
  return error instanceof AddonError && TRANSIENT_CODES.has(error.code);
}

/** True when `error` is an AddonError with the given code. */
export function hasCode(error: unknown, code: AddonErrorCode): error is AddonError {
  return error instanceof AddonError && error.code === code;
}
