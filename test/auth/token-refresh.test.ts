import { afterEach, describe, expect, it } from 'vitest';
import { parseTokenFile } from '../../addon/auth/token-file.js';
import { AuthWorld, DATA, TOKEN_PATH } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

describe('ensureValidToken', () => {
  it('returns a valid token without asking Twitch', async () => {
    world = await AuthWorld.start();
    const { access } = world.storeIssuedLogin(3600);
    const p = await world.process();
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: access, stale: false });
    expect(world.server.count('token-refresh')).toBe(0);
  });

  it.each([2, 8, 16])('refreshes once when %i processes find the token expired together', async (n) => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const procs = await Promise.all(Array.from({ length: n }, () => world.process()));
    // A reader that parses the file as fast as it can while the processes work: every read is whole.
    let done = false;
    let reads = 0;
    const reader = (async () => {
      while (!done) {
        const text = world.fs.readFileSync(TOKEN_PATH, 'utf8') as string;
        expect(parseTokenFile(text).ok).toBe(true);
        reads++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const grants = await Promise.all(procs.map((p) => p.manager.ensureValidToken()));
    done = true;
    await reader;
    expect(reads).toBeGreaterThan(1);
    expect(world.server.count('token-refresh')).toBe(1);
    expect(world.server.count('refresh-invalid')).toBe(0);
    const stored = world.readLogin();
    expect(stored.accessToken).not.toBe(old.access);
    expect(grants.map((g) => g?.accessToken)).toEqual(Array(n).fill(stored.accessToken));
    expect(world.server.isRefreshTokenLive(stored.refreshToken)).toBe(true);
    expect(world.server.isRefreshTokenLive(old.refresh)).toBe(false);
  });

  it('writes the new tokens back into the legacy settings for the Python add-on', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(-10);
    const p = await world.process();
    await p.manager.ensureValidToken();
    const stored = world.readLogin();
    const addon = new (await world.process()).kodi.xbmcaddon.Addon();
    expect(addon.getSetting('oauth_token_helix')).toBe(stored.accessToken);
    expect(addon.getSetting('oauth_refresh_token')).toBe(stored.refreshToken);
    expect(Number(addon.getSetting('oauth_token_expiry'))).toBe(stored.expiry);
  });

  it('stores expiry as the Python add-on does: now + expires_in - 120 s', async () => {
    world = await AuthWorld.start({ lifetimes: { accessTokenSeconds: 14_000 } });
    world.storeIssuedLogin(-10);
    await (await world.process()).manager.ensureValidToken();
    expect(world.readLogin().expiry).toBe(Math.floor(world.clock.now() / 1000) + 14_000 - 120);
  });

  it('keeps every token and logs once when Twitch cannot be reached, then retries after a backoff', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', 'status500', { times: 1 });
    const p = await world.process();
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    expect(world.readLogin()).toMatchObject({ accessToken: old.access, refreshToken: old.refresh, refreshFailures: 1 });
    // Within the backoff nobody asks again.
    await p.manager.ensureValidToken();
    await (await world.process()).manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(1);
    await world.clock.advance(31_000);
    const grant = await p.manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(2);
    expect(grant?.accessToken).toBe(world.readLogin().accessToken);
    expect(grant?.accessToken).not.toBe(old.access);
    expect(p.host.log.records.filter((r) => /could not renew/.test(r.message))).toHaveLength(1);
  });

  it('ends the login on "Invalid refresh token", tells the user once and never retries the dead token', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    // Spend the refresh token behind the add-on's back, as another device would.
    world.server.injectFault('token-refresh', 'consumeAndDrop');
    await fetch(`${world.server.oauthUrl}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: old.refresh, client_id: 'standinpublicclientid000000000' }),
    }).catch(() => undefined);
    world.server.resetCounters();
    const [a, b] = [await world.process(), await world.process()];
    expect(await a.manager.ensureValidToken()).toBeNull();
    expect(await b.manager.ensureValidToken()).toBeNull();
    expect(await a.manager.ensureValidToken()).toBeNull();
    expect(world.server.count('token-refresh')).toBe(1);
    expect([...a.notices, ...b.notices]).toEqual(['relogin']);
    expect(world.readLogin()).toMatchObject({ accessToken: '', refreshToken: '' });
    expect(new a.kodi.xbmcaddon.Addon().getSetting('oauth_refresh_token')).toBe('');
  });

  it('turns a lost refresh reply into one clear request to log in again', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', 'consumeAndDrop');
    const p = await world.process();
    const first = await p.manager.ensureValidToken();
    expect(first?.stale).toBe(true);
    expect(world.readLogin().refreshInDoubt).toBe(true);
    await world.clock.advance(31_000);
    expect(await p.manager.ensureValidToken()).toBeNull();
    expect(p.notices).toEqual(['relogin_after_lost_reply']);
  });

  it('stops renewing for a confidential Client-ID, says so once, and keeps the access token', async () => {
    world = await AuthWorld.start({ clients: { secretclient: { confidential: true } } });
    const issued = world.server.issueTokens({ clientId: 'secretclient' });
    world.writeTokenFile({ access: issued.accessToken, refresh: issued.refreshToken, expiry: world.clock.now() / 1000 - 5 });
    const p = await world.process({ clientId: 'secretclient' });
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: issued.accessToken, stale: true });
    expect(new p.kodi.xbmcaddon.Addon().getSetting('oauth_refresh_unsupported')).toBe('secretclient');
    const q = await world.process({ clientId: 'secretclient' });
    await q.manager.ensureValidToken();
    await q.manager.ensureValidToken({ force: true });
    expect(world.server.count('token-refresh')).toBe(1);
    expect([...p.notices, ...q.notices]).toEqual(['public_client']);
    // Another Client-ID is not affected by the mark.
    const r = await world.process({ clientId: 'standinpublicclientid000000000' });
    world.writeTokenFile({ ...JSON.parse(world.fs.readFileSync(TOKEN_PATH, 'utf8') as string), refresh: world.server.issueTokens().refreshToken });
    await r.manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(2);
  });

  it('after a 401 refreshes once for all callers that saw the same rejected token', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(3600);
    const procs = await Promise.all(Array.from({ length: 4 }, () => world.process()));
    const grants = await Promise.all(procs.map((p) => p.manager.ensureValidToken({ force: true, rejected: old.access })));
    expect(world.server.count('token-refresh')).toBe(1);
    expect(new Set(grants.map((g) => g?.accessToken)).size).toBe(1);
    expect(grants[0]?.accessToken).not.toBe(old.access);
  });

  it('goes on with the stored token when another process holds the lock too long', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const holder = await world.process();
    const held = await holder.manager.store.lock();
    const waiter = await world.process({ lockWaitMs: 150 });
    const started = performance.now();
    expect(await waiter.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(waiter.host.log.records.some((r) => /held the token lock too long/.test(r.message))).toBe(true);
    await held.release();
    expect(world.server.count('token-refresh')).toBe(0);
    expect(world.readLogin().refreshToken).toBe(old.refresh);
  });

  it('ignores a retry time left in the future by a clock that was set back', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.writeTokenFile({ ...JSON.parse(world.fs.readFileSync(TOKEN_PATH, 'utf8') as string), retry_at: world.clock.now() / 1000 + 6 * 3600, refresh_failures: 1 });
    const grant = await (await world.process()).manager.ensureValidToken();
    expect(world.server.count('token-refresh')).toBe(1);
    expect(grant?.accessToken).not.toBe(old.access);
  });

  it('removes a temporary file a crashed writer left beside the token file', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(-10);
    world.fs.writeFileSync(`${TOKEN_PATH}.tmp-4242-deadbeef`, '{"access": "half');
    await (await world.process()).manager.ensureValidToken();
    expect((world.fs.readdirSync(DATA) as string[]).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('never writes a secret into the log', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    world.server.injectFault('token-refresh', 'garbage');
    const p = await world.process();
    await p.manager.ensureValidToken();
    await world.clock.advance(60_000);
    await p.manager.ensureValidToken({ force: true });
    const stored = world.readLogin();
    const text = world.allLogText();
    for (const secret of [old.access, old.refresh, stored.accessToken, stored.refreshToken]) expect(text).not.toContain(secret);
  });
});
