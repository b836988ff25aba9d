import { describe, expect, it } from 'vitest';
import { AddonError, AddonErrorCodes, hasCode, isTransient } from '../../addon/errors.js';
import { retryAfterMsFrom } from '../../addon/twitch/index.js';

describe('retryAfterMsFrom', () => {
  it('reads Retry-After in seconds', () => {
    expect(retryAfterMsFrom(new Headers({ 'retry-after': '30' }))).toBe(30_000);
  });

  it('reads Retry-After as an HTTP date against the reply\'s own Date header', () => {
    const headers = new Headers({ date: 'Fri, 04 Dec 2026 10:00:00 GMT', 'retry-after': 'Fri, 04 Dec 2026 10:00:45 GMT' });
    expect(retryAfterMsFrom(headers, 0)).toBe(45_000);
  });

  it('reads Ratelimit-Reset (epoch seconds) against the local time when there is no Date header', () => {
    expect(retryAfterMsFrom(new Headers({ 'ratelimit-reset': '1000' }), 990_500)).toBe(9_500);
  });

  it('prefers Retry-After over Ratelimit-Reset', () => {
    expect(retryAfterMsFrom(new Headers({ 'retry-after': '2', 'ratelimit-reset': '5000' }), 0)).toBe(2_000);
  });

  it('returns undefined when nothing says how long', () => {
    expect(retryAfterMsFrom(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('isTransient', () => {
  it.each(['NETWORK', 'TIMEOUT', 'SERVER_ERROR', 'RATE_LIMITED', 'BAD_RESPONSE'] as const)('keeps the login on %s', (code) => {
    expect(isTransient(new AddonError(AddonErrorCodes[code], 'x'))).toBe(true);
  });

  it.each(['REFRESH_TOKEN_INVALID', 'CLIENT_SECRET_REQUIRED', 'ACCESS_DENIED', 'CANCELLED', 'INVALID_TOKEN'] as const)('does not call %s transient', (code) => {
    expect(isTransient(new AddonError(AddonErrorCodes[code], 'x'))).toBe(false);
  });

  it('does not call a plain Error transient', () => {
    expect(isTransient(new Error('boom'))).toBe(false);
  });
});

describe('AddonError', () => {
  it('keeps its cause, code and wait', () => {
    const cause = new Error('socket hang up');
    const error = new AddonError(AddonErrorCodes.RATE_LIMITED, 'slow down', { cause, retryAfterMs: 5, status: 429 });
    expect(error.cause).toBe(cause);
    expect(error.retryAfterMs).toBe(5);
    expect(error.status).toBe(429);
    expect(hasCode(error, AddonErrorCodes.RATE_LIMITED)).toBe(true);
    expect(error).toBeInstanceOf(Error);
  });
});
