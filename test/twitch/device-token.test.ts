import { describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import { DEVICE_CODE_GRANT_TYPE, pollDeviceTokenOnce, processDeviceTokenResponse } from '../../addon/twitch/index.js';
import { mockPerTest, OAUTH_ORIGIN, TEST_CLIENT_ID, TwitchMock } from '../helpers/twitch-mock.js';
import { jsonResponse, textResponse, tokenBody, twitchErrorResponse } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = TEST_CLIENT_ID;
const twitch = mockPerTest(CLIENT_ID);
const options = twitch.options;
const SCOPES = ['user:read:follows', 'chat:read'];

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

describe('pollDeviceTokenOnce', () => {
it('polls with the device grant, the device code, the client id and the scopes', async () => {
    twitch.mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 400, body: { status: 400, message: 'authorization_pending' } });
    expect(await pollDeviceTokenOnce(options(), 'device-code-1', SCOPES)).toEqual({ kind: 'pending' });
    expect(Object.fromEntries(twitch.mock!.requests[0]!.form)).toEqual({
      client_id: CLIENT_ID,
      scopes: 'user:read:follows chat:read',
      device_code: 'device-code-1',
      grant_type: DEVICE_CODE_GRANT_TYPE,
    });
  });
});
