import { describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import { processRevokeResponse, revokeToken } from '../../addon/twitch/index.js';
import { mockPerTest, OAUTH_ORIGIN, TEST_CLIENT_ID, TwitchMock } from '../helpers/twitch-mock.js';
import { htmlResponse, twitchErrorResponse } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = TEST_CLIENT_ID;
const twitch = mockPerTest(CLIENT_ID);
const options = twitch.options;

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

describe('revokeToken', () => {
it('revokes with client_id and token', async () => {
    twitch.mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/revoke', { status: 200, body: '' });
    expect(await revokeToken(options(), 'access-1')).toBe('revoked');
    expect(Object.fromEntries(twitch.mock!.requests[0]!.form)).toEqual({ client_id: CLIENT_ID, token: 'access-1' });
  });
});
