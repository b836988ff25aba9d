import { describe, expect, it } from 'vitest';
import { AddonErrorCodes, isTransient } from '../../addon/errors.js';
import { processDeviceAuthorizationResponse, requestDeviceAuthorization } from '../../addon/twitch/index.js';
import { mockPerTest, OAUTH_ORIGIN, TEST_CLIENT_ID, TwitchMock } from '../helpers/twitch-mock.js';
import { deviceBody, htmlResponse, jsonResponse, textResponse, twitchErrorResponse } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const CLIENT_ID = TEST_CLIENT_ID;
const twitch = mockPerTest(CLIENT_ID);
const options = twitch.options;
const SCOPES = ['user:read:follows', 'chat:read'];

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

describe('requestDeviceAuthorization', () => {
it('asks for a device code with client_id and space-separated scopes, form-encoded', async () => {
    twitch.mock = new TwitchMock().script(OAUTH_ORIGIN, 'POST', '/oauth2/device', { status: 200, body: deviceBody() });
    const result = await requestDeviceAuthorization(options(), SCOPES);
    expect(result.userCode).toBe('ABCDEFGH');
    const [request] = twitch.mock!.requests;
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(request!.form)).toEqual({ client_id: CLIENT_ID, scopes: 'user:read:follows chat:read' });
  });
it('keeps a path prefix of the OAuth base URL (a stand-in at /oauth2)', async () => {
    twitch.mock = new TwitchMock().script('http://127.0.0.1:9999', 'POST', '/prefix/oauth2/device', { status: 200, body: deviceBody() });
    await requestDeviceAuthorization({ ...options(), oauthUrl: 'http://127.0.0.1:9999/prefix/oauth2/' }, SCOPES);
    expect(twitch.mock!.requests[0]!.path).toBe('/prefix/oauth2/device');
  });
});
