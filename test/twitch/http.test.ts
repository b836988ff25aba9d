import { afterEach, describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import {
  effectiveTimeoutMs,
  refreshAccessToken,
  validateAccessToken,
  MAX_BODY_BYTES,
  MAX_TIMEOUT_MS,
} from '../../addon/twitch/index.js';
import { connectionRefused, OAUTH_ORIGIN, OAUTH_URL, TwitchMock } from '../helpers/twitch-mock.js';
import { tokenBody } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = 'kimne78kx3ncx6brgo4mv6wki5h1ko';
let mock: TwitchMock | undefined;

function options(extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  return { dispatcher: mock!.agent, oauthUrl: OAUTH_URL, clientId: CLIENT_ID, ...extra };
}

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('transport failures', () => {
  it('gives up with TIMEOUT when Twitch does not answer in time', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 200, body: tokenBody(), delayMs: 2_000 });
    const started = Date.now();
    const error = await rejection(refreshAccessToken(options({ timeoutMs: 50 }), 'refresh-secret-value'));
    expect(error.code).toBe(AddonErrorCodes.TIMEOUT);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error.message).not.toContain('refresh-secret-value');
  });

  it('never waits longer than 15 s, whatever the caller asks', () => {
    expect(effectiveTimeoutMs(60_000)).toBe(MAX_TIMEOUT_MS);
    expect(MAX_TIMEOUT_MS).toBeLessThanOrEqual(15_000);
    expect(effectiveTimeoutMs(undefined)).toBe(10_000);
  });

  it('stops at once with CANCELLED when the caller aborts', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 200, body: tokenBody(), delayMs: 2_000 });
    const abort = new AbortController();
    setTimeout(() => abort.abort(), 20);
    const started = Date.now();
    const error = await rejection(refreshAccessToken(options({ signal: abort.signal }), 'r'));
    expect(error.code).toBe(AddonErrorCodes.CANCELLED);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not send anything when the signal is already aborted', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 200, body: tokenBody() });
    const error = await rejection(refreshAccessToken(options({ signal: AbortSignal.abort() }), 'r'));
    expect(error.code).toBe(AddonErrorCodes.CANCELLED);
    expect(mock!.requests).toHaveLength(0);
  });

  it('reports a refused connection as NETWORK with the host and the code only', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { error: connectionRefused() });
    const error = await rejection(refreshAccessToken(options(), 'refresh-secret-value'));
    expect(error.code).toBe(AddonErrorCodes.NETWORK);
    expect(error.message).toContain('id.twitch.tv');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('fails loudly, as NETWORK, on a request nobody scripted (net connect is disabled)', async () => {
    mock = new TwitchMock();
    const error = await rejection(validateAccessToken(options(), 'access-1'));
    expect(error.code).toBe(AddonErrorCodes.NETWORK);
  });

  it('stops reading a reply larger than MAX_BODY_BYTES with BAD_RESPONSE', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'GET', '/oauth2/validate', { status: 200, body: 'x'.repeat(MAX_BODY_BYTES + 1) });
    const error = await rejection(validateAccessToken(options(), 'access-1'));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect(error.message).toContain('larger than 8 MiB');
  });
});
