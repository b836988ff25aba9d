import { afterEach, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import type { FaultKind } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { recordingDispatcher, SecretCollector } from '../helpers/proof-recording.js';
import { AuthWorld, type SimProcess } from '../helpers/auth-world.js';

let world: AuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const PLUGIN = 'plugin://plugin.video.twitch/';

/** Every secret `collector` saw, and every log line of `procs` (as written, and as handed to the log) that contains one. */
function leaks(collector: SecretCollector, procs: SimProcess[]): { written: string[]; handed: string[] } {
  const secrets = [...collector.secrets];
  const hits = (lines: string[]) => lines.filter((line) => secrets.some((s) => line.includes(s)));
  return {
    written: hits(procs.flatMap((p) => p.host.log.records.map((r) => `${r.levelName}: ${r.message}`))),
    handed: hits(procs.flatMap((p) => p.rawLog)),
  };
}

describe('secrets and the log (debug logging on)', () => {
  it('device login, refresh, update_token and revoke log no token and no device code', async () => {
    world = await AuthWorld.start();
    const collector = new SecretCollector();
    const server = world.server;
    const dispatcher = recordingDispatcher((path, sent, received) => {
      collector.collect(sent);
      collector.collect(received);
      // A person approves the code as soon as Twitch hands it out.
      if (path.endsWith('/oauth2/device')) server.approve((JSON.parse(received) as { user_code: string }).user_code);
    });
    const p = await world.process({ dispatcher, answers: { yesno: [true] } });

    const login = await world.clock.drive(runPlugin(p.host, `${PLUGIN}?mode=device_login`));
    expect(login.failure).toBeNull();
    expect(login.dialogs.at(-1)).toMatchObject({ kind: 'ok', message: expect.stringContaining('viewer') });
    const first = world.readLogin();
    expect(first.accessToken).toBeTruthy();
    await world.clock.advance(4 * 3600_000);
    const renewed = await p.manager.ensureValidToken();
    expect(renewed?.accessToken).not.toBe(first.accessToken);
    const typed = 'handtyped0token0for0updatetoken';
    collector.secrets.add(typed);
    expect((await runPlugin(p.host, `${PLUGIN}?mode=update_token&oauth_token=oauth:${typed}`)).failure).toBeNull();
    expect((await runPlugin(p.host, `${PLUGIN}?mode=revoke_token`)).failure).toBeNull();
    expect(world.readLogin().accessToken).toBe('');

    // Device code, two access tokens, two refresh tokens and the typed one, at the least.
    expect(collector.secrets.size).toBeGreaterThanOrEqual(6);
    expect(p.host.log.records.filter((r) => r.levelName === 'debug').length).toBeGreaterThan(0);
    expect(leaks(collector, [p])).toEqual({ written: [], handed: [] });
  });

  it('refresh faults, a lost reply and a dead refresh token log no secret', async () => {
    world = await AuthWorld.start();
    const collector = new SecretCollector();
    const dispatcher = recordingDispatcher((_path, sent, received) => {
      collector.collect(sent);
      collector.collect(received);
    });
    const old = world.storeIssuedLogin(-10);
    collector.secrets.add(old.access).add(old.refresh);
    const p = await world.process({ dispatcher, timeoutMs: 300 });
    for (const kind of ['status500', 'status429', 'timeout', 'reset', 'garbage', 'html', 'consumeAndDrop'] satisfies FaultKind[]) {
      world.server.injectFault('token-refresh', kind);
      await p.manager.ensureValidToken();
      await world.clock.advance(16 * 60_000);
    }
    // The dropped reply spent the token: this one meets "Invalid refresh token".
    expect(await p.manager.ensureValidToken()).toBeNull();
    expect(p.notices).toEqual(['relogin_after_lost_reply']);
    expect(world.server.count('token-refresh')).toBe(8);
    expect(leaks(collector, [p])).toEqual({ written: [], handed: [] });
  });
});
