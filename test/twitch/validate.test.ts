import { describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import { processValidateResponse, validateAccessToken } from '../../addon/twitch/index.js';
import { mockPerTest, OAUTH_ORIGIN, TEST_CLIENT_ID, TwitchMock } from '../helpers/twitch-mock.js';
import { jsonResponse, twitchErrorResponse, validateBody } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = TEST_CLIENT_ID;
const twitch = mockPerTest(CLIENT_ID);
const options = twitch.options;

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

describe('validateAccessToken', () => {
it('validates with "Authorization: OAuth <token>"', async () => {
    twitch.mock = new TwitchMock().script(OAUTH_ORIGIN, 'GET', '/oauth2/validate', { status: 200, body: validateBody() });
    expect((await validateAccessToken(options(), 'access-1')).login).toBe('viewer');
    expect(twitch.mock!.requests[0]!.headers.authorization).toBe('OAuth access-1');
  });
});
