import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../addon/auth/token-file.js';
import { ProcessWorld, waitUntil } from '../helpers/proof-processes.js';

let world: ProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a process frozen (SIGSTOP) while it holds the token lock, then resumed', () => {
  it('loses the lock to the others, and its late write is abandoned so the new tokens survive', async () => {
    world = await ProcessWorld.start();
    const old = world.storeIssuedLogin(-10);
    const [victim, other] = await world.spawn(2);
    world.server.injectFault('token-refresh', 'timeout');
    const victimStep = victim!.ensure(0);
    await waitUntil(() => world!.server.count('fault-timeout') === 1 && world!.lockHeld, 10_000, 'the victim holds the lock');
    victim!.child.kill('SIGSTOP');
    const taken = await other!.ensure(0);
    const stored = world.readLogin();
    expect(stored.accessToken).not.toBe(old.access);
    expect(taken).toMatchObject({ ok: true, stale: false, fingerprint: tokenFingerprint(stored.accessToken) });
    victim!.child.kill('SIGCONT');
    // Its refresh request times out (10 s after it was sent); it then tries to record the failure.
    const late = await victimStep;
    console.log(`the resumed lock holder reported: ${JSON.stringify({ ok: late.ok, error: late.error, problems: late.problems })}`);
    expect(world.readLogin()).toEqual(stored);
    expect(world.server.count('refresh-ok')).toBe(1);
    expect(world.server.count('refresh-invalid')).toBe(0);
    expect(world.server.isRefreshTokenLive(stored.refreshToken)).toBe(true);
    expect(late.fileParseFailures).toBe(0);
  });
});
