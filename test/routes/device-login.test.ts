import { afterEach, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { AuthWorld, type SimProcess } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

const LOGIN_URL = 'plugin://plugin.video.twitch/?mode=device_login';

/** Runs the login in `proc`, calling `act(userCode)` once the code is on screen; fake time moves as needed. */
async function login(proc: SimProcess, act: (userCode: string) => void = () => undefined) {
  let acted = false;
  proc.host.ui.onShow = (event) => {
    const text = event.kind === 'progress' ? event.messages[0] : undefined;
    const code = text && /\[B\]([A-Z0-9]{6,})\[\/B\]/.exec(text)?.[1];
    if (code && !acted) {
      acted = true;
      act(code);
    }
  };
  return world.clock.drive(runPlugin(proc.host, LOGIN_URL));
}

describe('mode=device_login', () => {
  it('shows the address and the code, then stores the login and says who is logged in', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const result = await login(p, (code) => setTimeout(() => world.server.approve(code, 'streamfan'), 5));
    expect(result.succeeded).toBe(true);
    const progress = result.dialogs.find((d) => d.kind === 'progress');
    expect(progress?.messages[0]).toMatch(new RegExp(`${world.server.url}/activate`));
    expect(result.dialogs.at(-1)).toMatchObject({ kind: 'ok', message: 'You are now logged in as streamfan.' });
    const stored = world.readLogin();
    expect(stored).toMatchObject({ login: 'streamfan', clientId: 'standinpublicclientid000000000' });
    expect(world.server.isRefreshTokenLive(stored.refreshToken)).toBe(true);
    expect(new p.kodi.xbmcaddon.Addon().getSetting('oauth_token_helix')).toBe(stored.accessToken);
  });

  it('counts the time left down while it waits', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const result = await login(p, (code) => {
      void world.clock.sleep(20_000).then(() => world.server.approve(code));
    });
    const progress = result.dialogs.find((d) => d.kind === 'progress');
    const seconds = (progress?.kind === 'progress' ? progress.messages : []).map((m) => Number(/another (\d+) seconds/.exec(m)?.[1])).filter(Number.isFinite);
    expect(seconds.length).toBeGreaterThan(5);
    expect(seconds[0]).toBeGreaterThan(seconds.at(-1)!);
  });

  it('tells the user when the code ran out', async () => {
    world = await AuthWorld.start({ lifetimes: { deviceCodeSeconds: 60 } });
    const p = await world.process();
    const result = await login(p);
    expect(result.succeeded).toBe(false);
    expect(result.dialogs.at(-1)).toMatchObject({ kind: 'ok', message: expect.stringMatching(/ran out/) });
    expect(world.fs.existsSync('/kodi/userdata/addon_data/plugin.video.twitch/oauth_tokens.json')).toBe(false);
  });

  it('tells the user when the request was declined on Twitch', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const result = await login(p, (code) => setTimeout(() => world.server.deny(code), 5));
    expect(result.dialogs.at(-1)).toMatchObject({ kind: 'ok', message: expect.stringMatching(/refused/) });
  });

  it('stops within a second when the user cancels the dialog', async () => {
    world = await AuthWorld.start();
    const p = await world.process({ answers: { progress: [{ cancelAfterUpdates: 3 }] } });
    const started = world.clock.now();
    const result = await login(p);
    expect(result.succeeded).toBe(false);
    expect(world.clock.now() - started).toBeLessThan(4_000);
    expect(result.notifications.at(-1)?.message).toMatch(/Login stopped/);
  });

  it('stops within a second when Kodi aborts', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    const run = login(p);
    await world.clock.advance(12_000);
    p.host.abort();
    const abortedAt = world.clock.now();
    const result = await run;
    expect(result.succeeded).toBe(false);
    expect(world.clock.now() - abortedAt).toBeLessThanOrEqual(1_000);
  });

  it('asks for a Client-ID when none is set', async () => {
    world = await AuthWorld.start();
    const p = await world.process({ clientId: '' });
    const result = await login(p);
    expect(result.dialogs).toEqual([expect.objectContaining({ kind: 'ok', message: expect.stringMatching(/No Client-ID is set/) })]);
    expect(world.server.count('device')).toBe(0);
  });

  it('shows a sentence, never Twitch raw reply, when Twitch is unreachable', async () => {
    world = await AuthWorld.start();
    world.server.injectFault('device', 'html', { status: 503 });
    const p = await world.process();
    const result = await login(p);
    const message = result.dialogs.at(-1)?.kind === 'ok' ? (result.dialogs.at(-1) as { message: string }).message : '';
    expect(message).toBe('Twitch cannot be reached right now. Check the network and try again.');
  });

  it('never logs the device code or the tokens', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    let userCode = '';
    await login(p, (code) => {
      userCode = code;
      setTimeout(() => world.server.approve(code), 5);
    });
    const stored = world.readLogin();
    const text = world.allLogText();
    expect(text).toContain('device login');
    expect(userCode).not.toBe('');
    for (const secret of [stored.accessToken, stored.refreshToken]) expect(text).not.toContain(secret);
  });
});
