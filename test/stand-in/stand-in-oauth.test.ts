import { afterEach, describe, expect, it } from 'vitest';
import { AddonErrorCodes, type AddonError } from '../../addon/errors.js';
import {
  pollDeviceToken,
  pollDeviceTokenOnce,
  refreshAccessToken,
  requestDeviceAuthorization,
  revokeToken,
  validateAccessToken,
} from '../../addon/twitch/index.js';
import { userIdFor } from '../../scripts/twitch-stand-in/index.js';
import { ScaledClock } from '../helpers/twitch-scaled-clock.js';
import { standInWorld, type StandInWorld } from '../helpers/twitch-stand-in-world.js';
import { rejection } from '../helpers/twitch-assert.js';

const SCOPES = ['user:read:follows', 'chat:read'];
let world: StandInWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('device login against the stand-in', () => {
  it('waits with authorization_pending until the user approves, then returns tokens that validate', async () => {
    const clock = new ScaledClock(100);
    world = await standInWorld({ now: () => clock.now() });
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    expect(authorization.intervalSeconds).toBe(5);
    expect(authorization.expiresInSeconds).toBe(1800);
    expect(authorization.verificationUri).toBe(`${server.url}/activate?public=true&device-code=${authorization.userCode}`);

    let approved = false;
    const tokens = await pollDeviceToken({
      ...oauth,
      authorization,
      scopes: SCOPES,
      clock,
      onTick: () => {
        if (!approved && server.count('token-device-pending') === 2) {
          server.approve(authorization.userCode, 'alice');
          approved = true;
        }
      },
    });
    expect(tokens.scopes).toEqual(SCOPES);
    expect(tokens.tokenType).toBe('bearer');
    expect(server.count('token-device-pending')).toBe(2);
    expect(server.count('token-device-slow-down')).toBe(0);
    expect(server.count('token-device-tokens')).toBe(1);

    const who = await validateAccessToken(oauth, tokens.accessToken);
    expect(who).toMatchObject({ login: 'alice', userId: userIdFor('alice'), scopes: SCOPES, clientId: oauth.clientId });
    expect(who.expiresInSeconds).toBeGreaterThan(14_000);
  });

  it('lets a person approve on the /activate page', async () => {
    const clock = new ScaledClock(100);
    world = await standInWorld({ now: () => clock.now() });
    const { server, oauth, dispatcher } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    const form = await dispatcher.request({ origin: server.url, path: `/activate?device-code=${authorization.userCode}`, method: 'GET' });
    const page = await form.body.text();
    expect(page).toContain(`value="${authorization.userCode}"`);
    expect(page).toContain('<form method="post"');

    const approved = await dispatcher.request({
      origin: server.url,
      path: '/activate',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user_code: authorization.userCode.toLowerCase(), login: 'bob', decision: 'approve' }).toString(),
    });
    expect(approved.statusCode).toBe(200);
    expect(await approved.body.text()).toContain('Connected as bob');

    const tokens = await pollDeviceToken({ ...oauth, authorization, scopes: SCOPES, clock });
    expect((await validateAccessToken(oauth, tokens.accessToken)).login).toBe('bob');
  });

  it('says so on the /activate page when the code is unknown', async () => {
    world = await standInWorld();
    const reply = await world.dispatcher.request({
      origin: world.server.url,
      path: '/activate',
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user_code=NOPENOPE&decision=approve',
    });
    expect(reply.statusCode).toBe(400);
    expect(await reply.body.text()).toContain('unknown or has expired');
  });

  it('ends with ACCESS_DENIED when the user declines', async () => {
    const clock = new ScaledClock(100);
    world = await standInWorld({ now: () => clock.now() });
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    server.deny(authorization.userCode);
    const error = await rejection(pollDeviceToken({ ...oauth, authorization, scopes: SCOPES, clock }));
    expect(error.code).toBe(AddonErrorCodes.ACCESS_DENIED);
    expect(server.count('token-device-denied')).toBe(1);
  });

  it('answers slow_down to a client that polls faster than the interval', async () => {
    let now = Date.UTC(2026, 0, 1);
    world = await standInWorld({ now: () => now });
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'pending' });
    now += 2_000;
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'slow_down' });
    // The interval is now 10 s for good: 6 s later is still too soon.
    now += 6_000;
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'slow_down' });
    now += 15_000;
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'pending' });
    expect(server.count('token-device-slow-down')).toBe(2);
  });

  it('lets the poller recover from slow_down when it was told a too short interval', async () => {
    const clock = new ScaledClock(100);
    world = await standInWorld({ now: () => clock.now() });
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    let approved = false;
    const tokens = await pollDeviceToken({
      ...oauth,
      authorization: { ...authorization, intervalSeconds: 2 },
      scopes: SCOPES,
      clock,
      onTick: () => {
        if (!approved && server.count('token-device-slow-down') === 1) {
          server.approve(authorization.userCode);
          approved = true;
        }
      },
    });
    expect(tokens.accessToken).toMatch(/^[a-z0-9]{30}$/);
    expect(server.count('token-device-slow-down')).toBeGreaterThanOrEqual(1);
  });

  it('expires the device code: "invalid device code" from the server, DEVICE_CODE_EXPIRED from the client', async () => {
    const clock = new ScaledClock(200);
    world = await standInWorld({ now: () => clock.now(), lifetimes: { deviceCodeSeconds: 20 } });
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    expect(authorization.expiresInSeconds).toBe(20);
    const error = await rejection(pollDeviceToken({ ...oauth, authorization, scopes: SCOPES, clock }));
    expect(error.code).toBe(AddonErrorCodes.DEVICE_CODE_EXPIRED);
    expect(() => server.approve(authorization.userCode)).toThrow(/not pending/);
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'invalid_device_code' });
  });

  it('accepts a device code only once', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const authorization = await requestDeviceAuthorization(oauth, SCOPES);
    server.approve(authorization.userCode);
    expect((await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).kind).toBe('tokens');
    expect(await pollDeviceTokenOnce(oauth, authorization.deviceCode, SCOPES)).toEqual({ kind: 'invalid_device_code' });
  });
});

describe('refresh against the stand-in', () => {
  it('rotates the refresh token: the new one works, the old one is dead', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens({ scopes: SCOPES });
    const fresh = await refreshAccessToken(oauth, issued.refreshToken);
    expect(fresh.refreshToken).not.toBe(issued.refreshToken);
    expect(fresh.accessToken).not.toBe(issued.accessToken);
    expect(fresh.scopes).toEqual(SCOPES);
    expect(server.isRefreshTokenLive(issued.refreshToken)).toBe(false);
    expect(server.isRefreshTokenLive(fresh.refreshToken)).toBe(true);
    const again = await refreshAccessToken(oauth, fresh.refreshToken);
    expect(again.refreshToken).not.toBe(fresh.refreshToken);
    expect(server.count('refresh-ok')).toBe(2);
  });

  it('answers "Invalid refresh token" to a reused refresh token', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    await refreshAccessToken(oauth, issued.refreshToken);
    const error = await rejection(refreshAccessToken(oauth, issued.refreshToken));
    expect(error.code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
    expect(server.counters).toMatchObject({ 'token-refresh': 2, 'refresh-ok': 1, 'refresh-invalid': 1 });
  });

  it('lets only one of eight simultaneous refreshes with the same token win; the others get "Invalid refresh token"', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => refreshAccessToken(oauth, issued.refreshToken)));
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost.map((o) => (o.reason as AddonError).code)).toEqual(Array(7).fill(AddonErrorCodes.REFRESH_TOKEN_INVALID));
    expect(server.counters).toMatchObject({ 'token-refresh': 8, 'refresh-ok': 1, 'refresh-invalid': 7 });
  });

  it('answers "missing client secret" to a confidential Client-ID and leaves its token alive', async () => {
    world = await standInWorld({ clients: { confidentialclient: { confidential: true } } });
    const { server, oauth } = world;
    const issued = server.issueTokens({ clientId: 'confidentialclient' });
    const error = await rejection(refreshAccessToken({ ...oauth, clientId: 'confidentialclient' }, issued.refreshToken));
    expect(error.code).toBe(AddonErrorCodes.CLIENT_SECRET_REQUIRED);
    expect(server.isRefreshTokenLive(issued.refreshToken)).toBe(true);
    expect(server.count('refresh-missing-secret')).toBe(1);
  });

  it('refuses a refresh token of another Client-ID', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens({ clientId: 'otherclient' });
    expect((await rejection(refreshAccessToken(world.oauth, issued.refreshToken))).code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
  });

  it('lets refresh tokens die 30 days after issue', async () => {
    let now = Date.UTC(2026, 0, 1);
    world = await standInWorld({ now: () => now });
    const issued = world.server.issueTokens();
    now += 31 * 24 * 3600_000;
    expect((await rejection(refreshAccessToken(world.oauth, issued.refreshToken))).code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
  });
});

describe('validate and revoke against the stand-in', () => {
  it('answers 401 "invalid access token" once the access token expired', async () => {
    let now = Date.UTC(2026, 0, 1);
    world = await standInWorld({ now: () => now });
    const issued = world.server.issueTokens({ expiresInSeconds: 60 });
    expect((await validateAccessToken(world.oauth, issued.accessToken)).expiresInSeconds).toBe(60);
    now += 61_000;
    expect((await rejection(validateAccessToken(world.oauth, issued.accessToken))).code).toBe(AddonErrorCodes.INVALID_TOKEN);
    expect(world.server.counters).toMatchObject({ validate: 2, 'validate-ok': 1, 'validate-invalid': 1 });
  });

  it('sends scopes: null for a token without scopes, read as []', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens({ scopes: [] });
    expect((await validateAccessToken(world.oauth, issued.accessToken)).scopes).toEqual([]);
  });

  it('revokes a token and its refresh token; a second revoke reads as already invalid', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    expect(await revokeToken(oauth, issued.accessToken)).toBe('revoked');
    expect(server.isAccessTokenLive(issued.accessToken)).toBe(false);
    expect(server.isRefreshTokenLive(issued.refreshToken)).toBe(false);
    expect(await revokeToken(oauth, issued.accessToken)).toBe('already_invalid');
    expect(server.counters).toMatchObject({ revoke: 2, 'revoke-ok': 1, 'revoke-invalid': 1 });
  });

  it('answers 404 "client does not exist" for an unregistered Client-ID when strict', async () => {
    world = await standInWorld({ strictClientIds: true });
    const error = await rejection(revokeToken({ ...world.oauth, clientId: 'nobody' }, 'x'));
    expect(error.code).toBe(AddonErrorCodes.CLIENT_ID_INVALID);
  });

  it('adopts tokens a test hands it, as a legacy login written by the Python add-on', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    server.issueTokens({ accessToken: 'legacyaccess0000000000000000001', refreshToken: 'legacyrefresh0000000000000000000000000000000000001', login: 'carol' });
    expect((await validateAccessToken(oauth, 'legacyaccess0000000000000000001')).login).toBe('carol');
    const fresh = await refreshAccessToken(oauth, 'legacyrefresh0000000000000000000000000000000000001');
    expect(server.isRefreshTokenLive('legacyrefresh0000000000000000000000000000000000001')).toBe(false);
    expect(server.isRefreshTokenLive(fresh.refreshToken)).toBe(true);
    expect(() => server.issueTokens({ accessToken: 'legacyaccess0000000000000000001' })).toThrow(/issued already/);
  });
});
