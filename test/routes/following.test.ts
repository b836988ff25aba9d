import { afterEach, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { AuthWorld, settingsV2 } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

describe('mode=following', () => {
  it('lists the live streams of followed channels, with a next page', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    world.writeSettings(settingsV2({ items_per_page: '10' }));
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=following');
    expect(result.succeeded).toBe(true);
    expect(result.items).toHaveLength(11);
    const streams = result.items.filter((i) => i.isPlayable);
    expect(streams.length).toBeGreaterThan(0);
    expect(streams[0]!.url).toMatch(/mode=play&channel_id=\d+/);
    const next = result.items.at(-1)!;
    expect(next.item.label).toBe('Next page');
    const second = await runPlugin(p.host, next.url);
    expect(second.succeeded).toBe(true);
    expect(second.items[0]!.url).not.toBe(streams[0]!.url);
  });

  it('renews once and retries when Helix rejects the token, then lists', async () => {
    world = await AuthWorld.start();
    const issued = world.server.issueTokens({ login: 'viewer' });
    // An access token Twitch no longer knows, with a refresh token it does: what a revoked or
    // server-side expired token looks like while the stored expiry still says it is valid.
    world.writeTokenFile({ access: 'revokedaccess0000000000000000', refresh: issued.refreshToken, expiry: world.clock.now() / 1000 + 3600 });
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=following');
    expect(result.succeeded).toBe(true);
    expect(world.server.count('token-refresh')).toBe(1);
    expect(world.readLogin().accessToken).not.toBe('revokedaccess0000000000000000');
  });

  it('offers the login when nobody is logged in', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=following');
    expect(result.succeeded).toBe(true);
    expect(result.items).toEqual([expect.objectContaining({ url: 'plugin://plugin.video.twitch/?mode=device_login' })]);
  });

  it('says Twitch cannot be reached, keeps the login, and fails the directory', async () => {
    world = await AuthWorld.start();
    const { access } = world.storeIssuedLogin(3600);
    world.server.injectFault('helix', 'reset', { times: 5 });
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=following');
    expect(result.succeeded).toBe(false);
    expect(result.dialogs.at(-1)).toMatchObject({ message: 'Twitch cannot be reached right now. Check the network and try again.' });
    expect(world.readLogin().accessToken).toBe(access);
  });
});
