import { afterEach, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { AuthWorld } from '../helpers/auth-world.js';

let world: AuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const REQUEST_TIMEOUT_MS = 300;

describe('Twitch failing the refresh', () => {
  it.each<[FaultKind, RegExp]>([
    ['status500', /server error \(HTTP 500/],
    ['timeout', /did not answer within/],
    ['reset', /Could not reach Twitch/],
    ['garbage', /a reply that is not JSON/],
    ['html', /an HTML page/],
  ])('%s: keeps the tokens, logs one clear warning, does not retry within the backoff, then renews', async (kind, reason) => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', kind);
    const [a, b] = [await world.process({ timeoutMs: REQUEST_TIMEOUT_MS }), await world.process({ timeoutMs: REQUEST_TIMEOUT_MS })];

    expect(await a.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    expect(world.readLogin()).toMatchObject({ accessToken: old.access, refreshToken: old.refresh, refreshFailures: 1 });
    expect(world.server.isRefreshTokenLive(old.refresh)).toBe(true);
    // Within the 30 s backoff no process asks Twitch again.
    for (const p of [a, b, a, b]) expect((await p.manager.ensureValidToken())?.accessToken).toBe(old.access);
    await world.clock.advance(20_000);
    await b.manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(1);
    const warnings = world.logLines().filter((l) => !l.startsWith('debug'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^warning: .*could not renew the login, will retry later/);
    expect(warnings[0]).toMatch(reason);

    await world.clock.advance(11_000);
    const renewed = await b.manager.ensureValidToken();
    expect(renewed).toMatchObject({ stale: false });
    expect(renewed?.accessToken).not.toBe(old.access);
    expect(world.readLogin()).toMatchObject({ accessToken: renewed?.accessToken, refreshFailures: 0, retryAt: 0, refreshInDoubt: false });
    expect(world.server.count('token-refresh')).toBe(2);
    expect([...a.notices, ...b.notices]).toEqual([]);
  });

  it('429: waits as long as Retry-After says when that is longer than its own backoff', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', 'status429', { retryAfterSeconds: 120 });
    const p = await world.process();
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    expect(world.logLines().filter((l) => l.startsWith('warning'))).toEqual([expect.stringMatching(/limiting requests.*wait 120 s/)]);
    await world.clock.advance(100_000);
    await p.manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(1);
    await world.clock.advance(21_000);
    expect((await p.manager.ensureValidToken())?.accessToken).not.toBe(old.access);
    expect(world.server.count('token-refresh')).toBe(2);
  });

  it('a Twitch down for a day costs a bounded number of attempts and one warning, and never logs anyone out', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', 'status500', { times: 1000 });
    const procs = [await world.process(), await world.process(), await world.process()];
    // Every process asks every 10 s for 24 h.
    for (let step = 0; step < 8640; step++) {
      const grant = await procs[step % 3]!.manager.ensureValidToken();
      expect(grant?.accessToken).toBe(old.access);
      await world.clock.advance(10_000);
    }
    const attempts = world.server.count('token-refresh');
    console.log(`a day of 500s: ${attempts} refresh attempts from 8640 calls`);
    // 30 s doubling to a 15 min cap: about 6 attempts in the first half hour, then four an hour.
    expect(attempts).toBeGreaterThan(24 * 3);
    expect(attempts).toBeLessThanOrEqual(6 + 24 * 4 + 1);
    expect(world.logLines().filter((l) => !l.startsWith('debug'))).toHaveLength(1);
    expect(world.readLogin()).toMatchObject({ accessToken: old.access, refreshToken: old.refresh });
    expect(world.server.isRefreshTokenLive(old.refresh)).toBe(true);
    world.server.clearFaults();
    await world.clock.advance(16 * 60_000);
    expect((await procs[0]!.manager.ensureValidToken())?.stale).toBe(false);
  });
});
