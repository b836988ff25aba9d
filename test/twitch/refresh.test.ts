import { describe, expect, it } from 'vitest';
import { AddonErrorCodes, isTransient } from '../../addon/errors.js';
import { processRefreshTokenResponse, refreshAccessToken } from '../../addon/twitch/index.js';
import { mockPerTest, OAUTH_ORIGIN, TEST_CLIENT_ID, TwitchMock } from '../helpers/twitch-mock.js';
import { htmlResponse, jsonResponse, tokenBody, twitchErrorResponse } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = TEST_CLIENT_ID;
const twitch = mockPerTest(CLIENT_ID);
const options = twitch.options;

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

describe('refreshAccessToken', () => {
it('refreshes with grant_type, refresh_token and client_id and no secret', async () => {
    twitch.mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/token', { status: 200, body: tokenBody() });
    await refreshAccessToken(options(), 'old-refresh-token');
    expect(Object.fromEntries(twitch.mock!.requests[0]!.form)).toEqual({ grant_type: 'refresh_token', refresh_token: 'old-refresh-token', client_id: CLIENT_ID });
  });
});
