import { afterEach, describe, expect, it } from 'vitest';
import { AddonError, AddonErrorCodes } from '../../addon/errors.js';
import {
  DEVICE_CODE_GRANT_TYPE,
  effectiveTimeoutMs,
  refreshAccessToken,
  requestDeviceAuthorization,
  pollDeviceTokenOnce,
  revokeToken,
  validateAccessToken,
  MAX_TIMEOUT_MS,
} from '../../addon/twitch/index.js';
import { connectionRefused, OAUTH_ORIGIN, OAUTH_URL, TwitchMock } from '../helpers/twitch-mock.js';
import { deviceBody, tokenBody, validateBody } from '../helpers/twitch-responses.js';

const CLIENT_ID = 'kimne78kx3ncx6brgo4mv6wki5h1ko';
const SCOPES = ['user:read:follows', 'chat:read'];
let mock: TwitchMock | undefined;

function options(extra: { timeoutMs?: number; signal?: AbortSignal } = {}) {
  return { dispatcher: mock!.agent, oauthUrl: OAUTH_URL, clientId: CLIENT_ID, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<AddonError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AddonError);
  return error as AddonError;
}

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

describe('OAuth requests through the injected dispatcher', () => {
  it('asks for a device code with client_id and space-separated scopes, form-encoded', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/device', { status: 200, body: deviceBody() });
    const result = await requestDeviceAuthorization(options(), SCOPES);
    expect(result.userCode).toBe('ABCDEFGH');
    const [request] = mock!.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request!.form)).toEqual({ client_id: CLIENT_ID, scopes: 'user:read:follows chat:read' });
  });

  it('polls with the device grant, the device code, the client id and the scopes', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 400, body: { status: 400, message: 'authorization_pending' } });
    expect(await pollDeviceTokenOnce(options(), 'device-code-1', SCOPES)).toEqual({ kind: 'pending' });
    expect(Object.fromEntries(mock!.requests[0]!.form)).toEqual({
      client_id: CLIENT_ID,
      scopes: 'user:read:follows chat:read',
      device_code: 'device-code-1',
      grant_type: DEVICE_CODE_GRANT_TYPE,
    });
  });

  it('refreshes with grant_type, refresh_token and client_id and no secret', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 200, body: tokenBody() });
    await refreshAccessToken(options(), 'old-refresh-token');
    expect(Object.fromEntries(mock!.requests[0]!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: 'old-refresh-token', client_id: CLIENT_ID });
  });

  it('validates with "Authorization: OAuth <token>"', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'GET', '/oauth2/validate', { status: 200, body: validateBody() });
    expect((await validateAccessToken(options(), 'access-1')).login).toBe('viewer');
    expect(mock!.requests[0]!.headers.authorization).toBe('OAuth access-1');
  });

  it('revokes with client_id and token', async () => {
    mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/revoke', { status: 200, body: '' });
    expect(await revokeToken(options(), 'access-1')).toBe('revoked');
    expect(Object.fromEntries(mock!.requests[0]!.form)).toEqual({ client_id: CLIENT_ID, token: 'access-1' });
  });

  it('keeps a path prefix of the OAuth base URL (a stand-in at /oauth2)', async () => {
    mock = new TwitchMock().script('http://127.0.0.1:9999', 'POST', '/prefix/oauth2/device', { status: 200, body: deviceBody() });
    await requestDeviceAuthorization({ ...options(), oauthUrl: 'http://127.0.0.1:9999/prefix/oauth2/' }, SCOPES);
    expect(mock!.requests[0]!.path).toBe('/prefix/oauth2/device');
  });
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
});
