import { afterEach, describe, expect, it } from 'vitest';
import { tokenFingerprint } from '../../addon/auth/token-file.js';
import { ProcessWorld } from '../helpers/proof-processes.js';

let world: ProcessWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a refresh that Twitch consumed but whose reply was lost (real processes)', () => {
  it('keeps the old token, then asks for one new login with the lost-reply notice, once across processes', async () => {
    world = await ProcessWorld.start();
    const old = world.storeIssuedLogin(-10);
    const [a, b, c] = await world.spawn(3);
    world.server.injectFault('token-refresh', 'consumeAndDrop');

    const first = await a!.ensure(0);
    expect(first).toMatchObject({ ok: true, stale: true, fingerprint: tokenFingerprint(old.access), notices: [] });
    expect(world.server.count('refresh-dropped')).toBe(1);
    expect(world.readLogin()).toMatchObject({ accessToken: old.access, refreshToken: old.refresh, refreshInDoubt: true });

    // Past the first backoff (30 s) two processes try again at once.
    world.offsetMs = 31_000;
    const [rb, rc] = await Promise.all([b!.ensure(world.offsetMs), c!.ensure(world.offsetMs)]);
    expect([rb, rc].map((r) => r.fingerprint)).toEqual(['', '']);
    expect([...rb.notices, ...rc.notices]).toEqual(['relogin_after_lost_reply']);
    expect(world.server.count('refresh-invalid')).toBe(1);
    expect(world.readLogin()).toMatchObject({ accessToken: '', refreshToken: '', notice: 'relogin_after_lost_reply' });

    // Later calls neither repeat the notice nor send the dead token again.
    const again = await a!.ensure(world.offsetMs + 3600_000);
    expect(again).toMatchObject({ ok: true, fingerprint: '', notices: [] });
    expect(world.server.count('token-refresh')).toBe(2);
    for (const r of [first, rb, rc, again]) expect(r.fileParseFailures).toBe(0);
  });
});
