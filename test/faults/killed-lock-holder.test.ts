import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../addon/auth/token-file.js';
import { STALE_LOCK_MS } from '../../src/host/file-lock.js';
import { ProcessWorld, waitUntil } from '../helpers/proof-processes.js';

let world: ProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a process killed while it holds the token lock', () => {
  it('holds the others up only until the lock goes stale; then one of them renews and nothing is lost', async () => {
    world = await ProcessWorld.start();
    const old = world.storeIssuedLogin(-10);
    const [victim, ...others] = await world.spawn(4);
    // The victim's refresh hangs at the server, so it is inside the lock when it dies; the hung
    // request never reached the token book, so the refresh token is still good.
    world.server.injectFault('token-refresh', 'timeout');
    const victimStep = victim!.ensure(0).catch((error: Error) => error);
    await waitUntil(() => world!.server.count('fault-timeout') === 1 && world!.lockHeld, 10_000, 'the victim holds the lock');
    const steps = others.map(async (w) => ({ result: await w.ensure(0), doneAt: performance.now() }));
    await new Promise((r) => setTimeout(r, 200));
    const killedAt = performance.now();
    await victim!.kill();
    expect(await victimStep).toBeInstanceOf(Error);
    const done = await Promise.all(steps);
    const recoveryMs = Math.max(...done.map((d) => d.doneAt)) - killedAt;
    console.log(`recovery after SIGKILL of the lock holder: ${recoveryMs.toFixed(0)} ms (stale-lock timeout ${STALE_LOCK_MS} ms)`);

    const stored = world.readLogin();
    expect(stored.accessToken).not.toBe(old.access);
    for (const { result } of done) {
      expect(result).toMatchObject({ ok: true, stale: false, fingerprint: tokenFingerprint(stored.accessToken), fileParseFailures: 0, notices: [] });
    }
    expect(world.server.count('token-refresh')).toBe(2);
    expect(world.server.count('refresh-ok')).toBe(1);
    expect(world.server.count('refresh-invalid')).toBe(0);
    expect(world.server.isRefreshTokenLive(stored.refreshToken)).toBe(true);
    expect(world.lockHeld).toBe(false);
    expect(recoveryMs).toBeLessThan(STALE_LOCK_MS + 3000);
  });
});
