import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from '../../scripts/stress/worker-pool.js';
import { AuthWorld, SkewedClock, TOKEN_PATH } from '../helpers/auth-world.js';

let world: AuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const HOUR_MS = 3600_000;

describe('processes whose clocks are hours apart and jump', () => {
  it('renew a few times at most, not in a storm, and every call gets a token', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3 * 3600);
    const random = seededRandom(42);
    const clocks = [-6, -1, 2, 7].map((h) => new SkewedClock(world!.clock, h * HOUR_MS));
    const procs = await Promise.all(clocks.map((clock) => world!.process({ clock })));
    let jumps = 0;
    for (let step = 0; step < 400; step++) {
      const i = Math.floor(random() * procs.length);
      if (random() < 0.2) {
        // A wall clock set by hand or by NTP: anywhere from 8 h behind to 8 h ahead of Twitch.
        clocks[i]!.offsetMs = Math.round((random() * 16 - 8) * HOUR_MS);
        jumps++;
      }
      const grant = await procs[i]!.manager.ensureValidToken();
      expect(grant?.accessToken).toBeTruthy();
      expect(world.server.isAccessTokenLive(grant!.accessToken)).toBe(true);
      await world.clock.advance(1_000);
    }
    const refreshes = world.server.count('token-refresh');
    console.log(`clock jumps: ${jumps} jumps of up to 8 h over 400 calls from 4 processes -> ${refreshes} refreshes`);
    // Each refresh stores an expiry about 4 h past the clock of whoever renewed; only a clock that is
    // later still can find it expired, and clocks stay within ±8 h, so three renewals is the most.
    expect(refreshes).toBeGreaterThanOrEqual(1);
    expect(refreshes).toBeLessThanOrEqual(3);
    expect(world.server.count('refresh-invalid')).toBe(0);
    expect(world.fs.existsSync(`${TOKEN_PATH}.lock`)).toBe(false);
    expect(world.readLogin().accessToken).toBeTruthy();
  });

  it('do not get stuck on a lock held by a process whose clock is far ahead', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const ahead = await world.process({ clock: new SkewedClock(world.clock, 9 * HOUR_MS) });
    const behind = await world.process({ clock: new SkewedClock(world.clock, -20 * HOUR_MS) });
    const late = await world.process({ clock: new SkewedClock(world.clock, 0) });
    const held = await ahead.manager.store.lock();
    const started = performance.now();
    const waiting = late.manager.ensureValidToken();
    setTimeout(() => void held.release(), 200);
    const grant = await waiting;
    // Lock waits run on real time, whatever the wall clocks say.
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(grant?.accessToken).not.toBe(old.access);
    expect((await behind.manager.ensureValidToken())?.accessToken).toBe(grant?.accessToken);
    expect(world.server.count('token-refresh')).toBe(1);
    const again = await late.manager.store.tryLock();
    expect(again).not.toBeNull();
    await again?.release();
  });

  // Regression: a failed refresh by a process whose clock was hours ahead wrote retry_at in that
  // clock's future, and once the clock was set right no process renewed the token for those hours.
  it('renew an expired token within the longest backoff after a clock ahead is set back', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const clock = new SkewedClock(world.clock, 6 * HOUR_MS);
    const p = await world.process({ clock });
    world.server.injectFault('token-refresh', 'status500');
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    clock.offsetMs = 0;
    await world.clock.advance(16 * 60_000);
    const grant = await p.manager.ensureValidToken();
    expect(grant?.accessToken).not.toBe(old.access);
  });
});
