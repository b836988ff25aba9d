import { afterEach, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { AuthWorld } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

describe('mode=revoke_token', () => {
  it('after a yes revokes at Twitch and forgets the login in the store and the settings', async () => {
    world = await AuthWorld.start();
    const { access } = world.storeIssuedLogin(3600);
    const p = await world.process({ answers: { yesno: [true] } });
    await p.manager.ensureValidToken();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=revoke_token');
    expect(result.succeeded).toBe(true);
    expect(world.server.isAccessTokenLive(access)).toBe(false);
    expect(world.readLogin()).toMatchObject({ accessToken: '', refreshToken: '' });
    const addon = new (await world.process()).kodi.xbmcaddon.Addon();
    expect([addon.getSetting('oauth_token_helix'), addon.getSetting('oauth_refresh_token')]).toEqual(['', '']);
    expect(await (await world.process()).manager.ensureValidToken()).toBeNull();
  });

  it('does nothing after a no', async () => {
    world = await AuthWorld.start();
    const { access } = world.storeIssuedLogin(3600);
    const p = await world.process({ answers: { yesno: [false] } });
    await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=revoke_token');
    expect(world.readLogin().accessToken).toBe(access);
    expect(world.server.count('revoke')).toBe(0);
  });

  it('logs out here even when Twitch cannot be reached, and says so', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    world.server.injectFault('revoke', 'reset');
    const p = await world.process({ answers: { yesno: [true] } });
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=revoke_token');
    expect(world.readLogin().accessToken).toBe('');
    expect(result.dialogs.at(-1)).toMatchObject({ kind: 'ok', message: expect.stringMatching(/could not be reached to revoke/) });
  });
});

describe('mode=update_token', () => {
  it('puts the given token into the store and clears the refresh token', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=update_token&oauth_token=oauth%3Anewtoken000000000000000000');
    expect(result.succeeded).toBe(true);
    expect(world.readLogin()).toMatchObject({ accessToken: 'newtoken000000000000000000', refreshToken: '', expiry: 0 });
    expect(new p.kodi.xbmcaddon.Addon().getSetting('oauth_token_helix')).toBe('newtoken000000000000000000');
    expect(result.notifications.at(-1)?.message).toBe('The access token has been replaced.');
    expect(world.allLogText()).not.toContain('newtoken000000000000000000');
  });

  it('refuses to run without the token, with a dialog and a failed directory', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const result = await runPlugin(p.host, 'plugin://plugin.video.twitch/?mode=update_token');
    expect(result.succeeded).toBe(false);
    expect(result.badRequest).toMatch(/oauth_token/);
    expect(result.dialogs).toEqual([expect.objectContaining({ kind: 'ok', message: expect.stringMatching(/oauth_token/) })]);
    expect(result.log.some((r) => r.levelName === 'error')).toBe(false);
  });
});
