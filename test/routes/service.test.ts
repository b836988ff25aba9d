import { afterEach, describe, expect, it } from 'vitest';
import { runService } from '../../src/harness/invoke.js';
import { AuthWorld, settingsV2 } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

describe('the service', () => {
  it('takes the login over at start and keeps it renewed for a day without a gap', async () => {
    world = await AuthWorld.start({ lifetimes: { accessTokenSeconds: 4 * 3600 } });
    const issued = world.server.issueTokens();
    world.writeSettings(settingsV2({ oauth_token_helix: issued.accessToken, oauth_refresh_token: issued.refreshToken, oauth_token_expiry: '0' }));
    const p = await world.process();
    const running = runService(p.host, 'plugin.video.twitch');
    for (let hour = 0; hour < 24; hour++) {
      await world.advanceIdle(3600_000, 300_000);
      // At every moment the stored access token is one Twitch accepts.
      expect(world.server.isAccessTokenLive(world.readLogin().accessToken)).toBe(true);
    }
    p.host.abort();
    await running;
    // One renewal at the start (expiry unknown), then one per 4 h lifetime.
    expect(world.server.count('token-refresh')).toBeGreaterThanOrEqual(6);
    expect(world.server.count('token-refresh')).toBeLessThanOrEqual(8);
    expect(world.server.count('refresh-invalid')).toBe(0);
    // Twitch asks for a validation at start-up and hourly.
    expect(world.server.count('validate')).toBeGreaterThanOrEqual(24);
  });

  it('stops within a second of the abort', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    const p = await world.process();
    const running = runService(p.host, 'plugin.video.twitch');
    await world.advanceIdle(1000);
    p.host.abort();
    const started = performance.now();
    await running;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(p.host.log.records.at(-1)?.message).toMatch(/service stopped/);
  });

  it('logs being offline once, not on every tick, and keeps the tokens', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(3600);
    world.server.injectFault('validate', 'reset', { times: 1000 });
    const p = await world.process();
    const running = runService(p.host, 'plugin.video.twitch');
    await world.advanceIdle(5 * 3600_000, 300_000);
    p.host.abort();
    await running;
    const offline = p.host.log.records.filter((r) => /cannot be reached/.test(r.message));
    expect(offline).toHaveLength(1);
    expect(world.readLogin().refreshToken).not.toBe('');
    expect(world.server.isRefreshTokenLive(world.readLogin().refreshToken)).toBe(true);
    expect(world.readLogin().accessToken).not.toBe(old.access);
  });

  it('notices a token typed into the settings while it runs', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    const p = await world.process();
    const running = runService(p.host, 'plugin.video.twitch');
    await world.advanceIdle(1000);
    // The user types a token in the settings dialog of the same Kodi.
    await new p.kodi.xbmcaddon.Addon().setSetting('oauth_token_helix', 'typedbyhand000000000000000000');
    await world.advanceIdle(300_000);
    p.host.abort();
    await running;
    expect(world.readLogin()).toMatchObject({ accessToken: 'typedbyhand000000000000000000', refreshToken: '' });
  });
});
