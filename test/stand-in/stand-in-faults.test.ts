import { afterEach, describe, expect, it } from 'vitest';
import type { AddonError} from '../../addon/errors.js';
import { AddonErrorCodes, isTransient } from '../../addon/errors.js';
import { HelixClient, refreshAccessToken, requestDeviceAuthorization, validateAccessToken } from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { STAND_IN_CLIENT_ID, type FaultKind } from '../../scripts/twitch-stand-in/index.js';
import { standInWorld, type StandInWorld } from '../helpers/twitch-stand-in-world.js';
import { rejection } from '../helpers/twitch-assert.js';

let world: StandInWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('faults on refresh', () => {
  it.each<[FaultKind, string]>([
    ['status500', AddonErrorCodes.SERVER_ERROR],
    ['status429', AddonErrorCodes.RATE_LIMITED],
    ['timeout', AddonErrorCodes.TIMEOUT],
    ['reset', AddonErrorCodes.NETWORK],
    ['garbage', AddonErrorCodes.BAD_RESPONSE],
    ['html', AddonErrorCodes.BAD_RESPONSE],
  ])('%s: the client sees %s, a transient error, and the refresh token is still good', async (kind, code) => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    server.injectFault('token-refresh', kind);
    const error = await rejection(refreshAccessToken({ ...oauth, timeoutMs: 300 }, issued.refreshToken));
    expect(error.code).toBe(code);
    expect(isTransient(error)).toBe(true);
    expect(server.count(`fault-${kind}`)).toBe(1);
    expect(server.isRefreshTokenLive(issued.refreshToken)).toBe(true);
    // The fault was for one request only: the next refresh works.
    const fresh = await refreshAccessToken(oauth, issued.refreshToken);
    expect(server.isRefreshTokenLive(fresh.refreshToken)).toBe(true);
  });

  it('status429 carries Retry-After into retryAfterMs', async () => {
    world = await standInWorld();
    world.server.injectFault('token-refresh', 'status429', { retryAfterSeconds: 7 });
    const error = await rejection(refreshAccessToken(world.oauth, world.server.issueTokens().refreshToken));
    expect(error.retryAfterMs).toBe(7_000);
  });

  it('consumeAndDrop: the reply is lost but the old refresh token is spent at the server', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    server.injectFault('token-refresh', 'consumeAndDrop');
    const lost = await rejection(refreshAccessToken(oauth, issued.refreshToken));
    expect(lost.code).toBe(AddonErrorCodes.NETWORK);
    expect(server.isRefreshTokenLive(issued.refreshToken)).toBe(false);
    expect(server.count('refresh-dropped')).toBe(1);
    const retry = await rejection(refreshAccessToken(oauth, issued.refreshToken));
    expect(retry.code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
  });

  it('applies a fault to the next N requests only', async () => {
    world = await standInWorld();
    const { server, oauth } = world;
    const issued = server.issueTokens();
    server.injectFault('token-refresh', 'status500', { times: 2 });
    expect(server.pendingFaults()).toEqual({ 'token-refresh': 2 });
    expect((await rejection(refreshAccessToken(oauth, issued.refreshToken))).code).toBe(AddonErrorCodes.SERVER_ERROR);
    expect((await rejection(refreshAccessToken(oauth, issued.refreshToken))).code).toBe(AddonErrorCodes.SERVER_ERROR);
    await refreshAccessToken(oauth, issued.refreshToken);
    expect(server.counters).toMatchObject({ 'token-refresh': 3, 'fault-status500': 2, 'refresh-ok': 1 });
    expect(server.pendingFaults()).toEqual({});
  });

  it('refuses consumeAndDrop on endpoints other than refresh', async () => {
    world = await standInWorld();
    expect(() => world!.server.injectFault('validate', 'consumeAndDrop')).toThrow(/refresh requests only/);
  });
});

describe('faults on other endpoints', () => {
  it('device: an HTML page is BAD_RESPONSE', async () => {
    world = await standInWorld();
    world.server.injectFault('device', 'html', { status: 502 });
    const error = await rejection(requestDeviceAuthorization(world.oauth, []));
    // A 502 is a server error whatever its body says.
    expect(error.code).toBe(AddonErrorCodes.SERVER_ERROR);
    world.server.injectFault('device', 'html');
    expect((await rejection(requestDeviceAuthorization(world.oauth, []))).code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect((await requestDeviceAuthorization(world.oauth, [])).userCode).toMatch(/^[A-Z]{8}$/);
  });

  it('validate: a reset connection is NETWORK', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens();
    world.server.injectFault('validate', 'reset');
    expect((await rejection(validateAccessToken(world.oauth, issued.accessToken))).code).toBe(AddonErrorCodes.NETWORK);
    expect((await validateAccessToken(world.oauth, issued.accessToken)).login).toBe('viewer');
  });

  it('helix: a 429 with Retry-After is waited out once by the client', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens();
    const clock = new FakeClock();
    world.server.injectFault('helix', 'status429', { retryAfterSeconds: 2 });
    const helix = new HelixClient({ dispatcher: world.dispatcher, helixUrl: world.server.helixUrl, clientId: STAND_IN_CLIENT_ID, accessToken: issued.accessToken, clock });
    const page = await clock.drive(helix.get('games/top', { first: 5 }));
    expect(page.data).toHaveLength(5);
    expect(world.server.counters).toMatchObject({ helix: 2, 'fault-status429': 1, 'helix-ok': 1 });
  });

  it('close() ends a request held by a timeout fault', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens();
    world.server.injectFault('validate', 'timeout');
    const pending = validateAccessToken({ ...world.oauth, timeoutMs: 10_000 }, issued.accessToken).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await world.server.close();
    const error = (await pending) as AddonError;
    expect(error.code).toBe(AddonErrorCodes.NETWORK);
    expect(Date.now() - started).toBeLessThan(1_000);
    await world.dispatcher.destroy();
    world = undefined;
  });
});

describe('the control endpoints', () => {
  async function post(path: string, form: Record<string, string>) {
    const reply = await world!.dispatcher.request({
      origin: world!.server.url,
      path,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    return { status: reply.statusCode, body: (await reply.body.json()) as unknown };
  }

  it('queues a fault over HTTP and reports the counters', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens();
    expect(await post('/_stand-in/faults', { endpoint: 'token-refresh', kind: 'status500', times: '1' })).toEqual({ status: 200, body: { 'token-refresh': 1 } });
    expect((await rejection(refreshAccessToken(world.oauth, issued.refreshToken))).code).toBe(AddonErrorCodes.SERVER_ERROR);
    const counters = await world.dispatcher.request({ origin: world.server.url, path: '/_stand-in/counters', method: 'GET' });
    expect(await counters.body.json()).toMatchObject({ 'token-refresh': 1, 'fault-status500': 1 });
  });

  it('refuses an unknown fault kind with a 400 that lists the valid ones', async () => {
    world = await standInWorld();
    const reply = await post('/_stand-in/faults', { endpoint: 'token-refresh', kind: 'explode' });
    expect(reply.status).toBe(400);
    expect(JSON.stringify(reply.body)).toContain('consumeAndDrop');
  });
});
