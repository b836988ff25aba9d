import { describe, expect, it } from 'vitest';
import { AddonError, AddonErrorCodes, isTransient } from '../../addon/errors.js';
import {
  processDeviceAuthorizationResponse,
  processDeviceTokenResponse,
  processRefreshTokenResponse,
  processRevokeResponse,
  processValidateResponse,
} from '../../addon/twitch/index.js';
import { deviceBody, htmlResponse, jsonResponse, textResponse, tokenBody, twitchErrorResponse, validateBody } from '../helpers/twitch-responses.js';

async function rejection(promise: Promise<unknown>): Promise<AddonError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AddonError);
  return error as AddonError;
}

describe('processDeviceAuthorizationResponse', () => {
  it('maps Twitch\'s reply into camelCase fields with units', async () => {
    const result = await processDeviceAuthorizationResponse(jsonResponse(200, deviceBody()));
    expect(result).toEqual({
      deviceCode: 'dc-7yq0e3bq4xxm1f6w9h2kz5r8t',
      userCode: 'ABCDEFGH',
      verificationUri: 'https://www.twitch.tv/activate?public=true&device-code=ABCDEFGH',
      expiresInSeconds: 1800,
      intervalSeconds: 5,
    });
  });

  it('uses RFC 8628\'s 5 s when Twitch names no interval', async () => {
    const body = deviceBody({ interval: undefined });
    expect((await processDeviceAuthorizationResponse(jsonResponse(200, body))).intervalSeconds).toBe(5);
  });

  it('keeps the interval Twitch names', async () => {
    expect((await processDeviceAuthorizationResponse(jsonResponse(200, deviceBody({ interval: 7 })))).intervalSeconds).toBe(7);
  });

  it('names the field that is missing', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(jsonResponse(200, deviceBody({ device_code: undefined }))));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect(error.message).toContain('"device_code" must be a non-empty string');
  });

  it('names a field of the wrong type', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(jsonResponse(200, deviceBody({ expires_in: '1800' }))));
    expect(error.message).toContain('"expires_in" must be a number');
  });

  it('turns an HTML page into BAD_RESPONSE, which keeps the login', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(htmlResponse(200)));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect(error.message).toContain('HTML page');
    expect(isTransient(error)).toBe(true);
  });

  it('reports an unknown Client-ID as CLIENT_ID_INVALID with Twitch\'s words', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(twitchErrorResponse(400, 'invalid client')));
    expect(error.code).toBe(AddonErrorCodes.CLIENT_ID_INVALID);
    expect(error.message).toContain('invalid client');
  });

  it('reports a 5xx as a transient SERVER_ERROR', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(textResponse(503, 'upstream down')));
    expect(error.code).toBe(AddonErrorCodes.SERVER_ERROR);
    expect(isTransient(error)).toBe(true);
  });

  it('rejects a JSON array body', async () => {
    const error = await rejection(processDeviceAuthorizationResponse(jsonResponse(200, [deviceBody()])));
    expect(error.message).toContain('must be a JSON object');
  });
});

describe('processDeviceTokenResponse', () => {
  it('returns the tokens with scope as the array Twitch sends', async () => {
    const result = await processDeviceTokenResponse(jsonResponse(200, tokenBody()));
    expect(result).toEqual({
      kind: 'tokens',
      tokens: {
        accessToken: 'at-0123456789abcdefghijklmnopqr',
        refreshToken: 'rt-abcdefghijklmnopqrstuvwxyz0123456789abcdefghij',
        expiresInSeconds: 14542,
        scopes: ['user:read:follows', 'chat:read'],
        tokenType: 'bearer',
      },
    });
  });

  it('also reads an RFC-style space-separated scope string', async () => {
    const result = await processDeviceTokenResponse(jsonResponse(200, tokenBody({ scope: 'a b' })));
    expect(result.kind === 'tokens' && result.tokens.scopes).toEqual(['a', 'b']);
  });

  it.each([
    ['authorization_pending', 'pending'],
    ['slow_down', 'slow_down'],
    ['invalid device code', 'invalid_device_code'],
    ['access_denied', 'denied'],
  ])('reads Twitch\'s 400 "%s" as %s', async (message, kind) => {
    expect(await processDeviceTokenResponse(twitchErrorResponse(400, message))).toEqual({ kind });
  });

  it('reads the RFC\'s {"error": "authorization_pending"} too', async () => {
    expect(await processDeviceTokenResponse(jsonResponse(400, { error: 'authorization_pending' }))).toEqual({ kind: 'pending' });
  });

  it('throws REQUEST_REJECTED with Twitch\'s message for an unknown 400', async () => {
    const error = await rejection(processDeviceTokenResponse(twitchErrorResponse(400, 'something new')));
    expect(error.code).toBe(AddonErrorCodes.REQUEST_REJECTED);
    expect(error.message).toContain('something new');
  });

  it('throws RATE_LIMITED with the wait from Retry-After', async () => {
    const error = await rejection(processDeviceTokenResponse(twitchErrorResponse(429, 'Too Many Requests', { 'retry-after': '12' })));
    expect(error.code).toBe(AddonErrorCodes.RATE_LIMITED);
    expect(error.retryAfterMs).toBe(12_000);
  });

  it('throws BAD_RESPONSE for a truncated JSON body', async () => {
    const error = await rejection(processDeviceTokenResponse(textResponse(200, '{"access_token":"abc', 'application/json')));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
  });

  it('throws BAD_RESPONSE when scope is a number', async () => {
    const error = await rejection(processDeviceTokenResponse(jsonResponse(200, tokenBody({ scope: 3 }))));
    expect(error.message).toContain('"scope" must be an array of strings');
  });

  it('never puts the tokens of a malformed reply into the message', async () => {
    const error = await rejection(processDeviceTokenResponse(jsonResponse(200, tokenBody({ expires_in: -1 }))));
    expect(error.message).not.toContain('at-0123456789');
    expect(error.message).not.toContain('rt-abcdefghij');
  });
});

describe('processRefreshTokenResponse', () => {
  it('returns the rotated token set', async () => {
    const tokens = await processRefreshTokenResponse(jsonResponse(200, tokenBody({ refresh_token: 'rt-new-one-xxxxxxxx' })));
    expect(tokens.refreshToken).toBe('rt-new-one-xxxxxxxx');
    expect(tokens.expiresInSeconds).toBe(14542);
  });

  it('reads "Invalid refresh token" as REFRESH_TOKEN_INVALID, which is not transient', async () => {
    const error = await rejection(processRefreshTokenResponse(twitchErrorResponse(400, 'Invalid refresh token')));
    expect(error.code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
    expect(isTransient(error)).toBe(false);
    expect(error.message).toMatch(/log in again/);
  });

  it('reads "missing client secret" as CLIENT_SECRET_REQUIRED and says what to do', async () => {
    const error = await rejection(processRefreshTokenResponse(jsonResponse(400, { error: 'Bad Request', status: 400, message: 'missing client secret' })));
    expect(error.code).toBe(AddonErrorCodes.CLIENT_SECRET_REQUIRED);
    expect(error.message).toMatch(/Public/);
  });

  it.each([
    [500, 'SERVER_ERROR'],
    [502, 'SERVER_ERROR'],
    [429, 'RATE_LIMITED'],
  ])('keeps the login on HTTP %i (%s is transient)', async (status, code) => {
    const error = await rejection(processRefreshTokenResponse(twitchErrorResponse(status, 'x')));
    expect(error.code).toBe(code);
    expect(isTransient(error)).toBe(true);
  });

  it('keeps the login on an HTML error page', async () => {
    const error = await rejection(processRefreshTokenResponse(htmlResponse(403)));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect(isTransient(error)).toBe(true);
  });
});

describe('processValidateResponse', () => {
  it('returns who the token belongs to', async () => {
    expect(await processValidateResponse(jsonResponse(200, validateBody()))).toEqual({
      clientId: 'kimne78kx3ncx6brgo4mv6wki5h1ko',
      login: 'viewer',
      userId: '141981764',
      scopes: ['user:read:follows'],
      expiresInSeconds: 5520838,
    });
  });

  it('reads scopes: null as no scopes', async () => {
    expect((await processValidateResponse(jsonResponse(200, validateBody({ scopes: null })))).scopes).toEqual([]);
  });

  it('reads 401 "invalid access token" as INVALID_TOKEN', async () => {
    const error = await rejection(processValidateResponse(twitchErrorResponse(401, 'invalid access token')));
    expect(error.code).toBe(AddonErrorCodes.INVALID_TOKEN);
  });

  it('names a missing client_id', async () => {
    const error = await rejection(processValidateResponse(jsonResponse(200, validateBody({ client_id: undefined }))));
    expect(error.message).toContain('"client_id"');
  });
});

describe('processRevokeResponse', () => {
  it('reads 200 with an empty body as revoked', async () => {
    expect(await processRevokeResponse(new Response('', { status: 200 }))).toBe('revoked');
  });

  it('reads "Invalid token" as already invalid, which is the goal of a revoke', async () => {
    expect(await processRevokeResponse(twitchErrorResponse(400, 'Invalid token'))).toBe('already_invalid');
  });

  it('reads 404 "client does not exist" as CLIENT_ID_INVALID', async () => {
    const error = await rejection(processRevokeResponse(twitchErrorResponse(404, 'client does not exist')));
    expect(error.code).toBe(AddonErrorCodes.CLIENT_ID_INVALID);
  });

  it('reads a 5xx as SERVER_ERROR', async () => {
    expect((await rejection(processRevokeResponse(htmlResponse(500)))).code).toBe(AddonErrorCodes.SERVER_ERROR);
  });
});
