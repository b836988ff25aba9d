import { afterEach, describe, expect, it } from 'vitest';
import { faultyFs } from '../helpers/proof-faulty-fs.js';
import { AuthWorld, TOKEN_PATH } from '../helpers/auth-world.js';

let world: AuthWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('a read-only profile', () => {
  it('refuses to renew with a clear error, sends no refresh, and leaves the token file as it was', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const before = world.tokenFileText();
    const readOnly = faultyFs(world.fs, { code: 'EROFS' });
    const p = await world.process({ fs: readOnly.fs });
    await expect(p.manager.ensureValidToken()).rejects.toThrow(/read-only file system/);
    expect(readOnly.refused.length).toBeGreaterThan(0);
    expect(world.server.count('token-refresh')).toBe(0);
    expect(world.server.isRefreshTokenLive(old.refresh)).toBe(true);
    expect(world.tokenFileText()).toBe(before);
    expect(world.fs.existsSync(`${TOKEN_PATH}.lock`)).toBe(false);
  });

  it('still hands out a valid token, which needs no write', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(3600);
    const p = await world.process({ fs: faultyFs(world.fs, { code: 'EROFS' }).fs });
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: false });
  });

  it('refuses a token given to update_token with a clear error and keeps the old login', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    const before = world.tokenFileText();
    const p = await world.process({ fs: faultyFs(world.fs, { code: 'EROFS' }).fs });
    await expect(p.manager.saveManualToken('handtypedtoken0000000000000000')).rejects.toThrow(/read-only file system/);
    expect(world.tokenFileText()).toBe(before);
  });
});

describe('a full disk', () => {
  const fileWrites = (op: string) => op === 'open-write' || op === 'write-file';

  it('keeps the old token with a clear error log line, the old token file whole, and no temporary file', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const before = world.tokenFileText();
    const full = faultyFs(world.fs, { code: 'ENOSPC', fails: fileWrites });
    const p = await world.process({ fs: full.fs });
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: old.access, stale: true });
    expect(p.host.log.records.some((r) => r.levelName === 'error' && /no space left on device/.test(r.message))).toBe(true);
    expect(full.refused.some((r) => r.startsWith('open-write /kodi/userdata/addon_data/plugin.video.twitch/oauth_tokens.json.tmp-'))).toBe(true);
    expect(world.tokenFileText()).toBe(before);
    expect(world.fs.readdirSync('/kodi/userdata/addon_data/plugin.video.twitch')).toEqual(['oauth_tokens.json']);
  });

  // The refresh marks itself in the file first, so a full disk stops it before Twitch spends the token.
  it('does not spend the refresh token when it cannot store the new one', async () => {
    world = await AuthWorld.start();
    const old = world.storeIssuedLogin(-10);
    const p = await world.process({ fs: faultyFs(world.fs, { code: 'ENOSPC', fails: fileWrites }).fs });
    await p.manager.ensureValidToken().catch(() => undefined);
    expect(world.server.isRefreshTokenLive(old.refresh)).toBe(true);
  });
});

describe('a fresh profile without the add-on data folder', () => {
  // Regression: the lock (mkdir of `oauth_tokens.json.lock`) was taken before the data folder existed.
  it('stores the first login', async () => {
    world = await AuthWorld.start();
    const p = await world.process();
    await p.manager.saveManualToken('firsttoken0000000000000000000');
    expect(world.readLogin().accessToken).toBe('firsttoken0000000000000000000');
  });
});
