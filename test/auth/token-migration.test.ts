import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthWorld, DATA, settingsV2, TOKEN_PATH } from '../helpers/auth-world.js';
import { corpusRoot, hasCorpus } from '../helpers/hosts.js';

let world: AuthWorld;
afterEach(async () => world?.close());

const takeovers = (w: AuthWorld) => w.allLogText().split('\n').filter((l) => /taking the login over/.test(l)).length;

describe('taking the login over from the Python add-on', () => {
  it('moves a hand-pasted legacy token (with its oauth: prefix) into the store', async () => {
    world = await AuthWorld.start();
    world.writeSettings(settingsV2({ oauth_token_helix: 'oauth:legacytoken0000000000000000', menu_search: 'false' }));
    const p = await world.process();
    expect(await p.manager.ensureValidToken()).toMatchObject({ accessToken: 'legacytoken0000000000000000' });
    expect(world.readLogin()).toMatchObject({ accessToken: 'legacytoken0000000000000000', refreshToken: '', expiry: 0 });
    expect(world.server.count('token-refresh')).toBe(0);
  });

  it('moves a device login mirrored into the settings, expiry written with a fraction', async () => {
    world = await AuthWorld.start();
    world.writeSettings(
      settingsV2({
        oauth_refresh_token: 'refresh0000000000000000000000000000000000000',
        oauth_token_expiry: '1780000000.0',
        oauth_token_helix: 'access0000000000000000000000',
        irc_enable: 'false',
      }),
    );
    await (await world.process()).manager.current();
    expect(world.readLogin()).toMatchObject({
      accessToken: 'access0000000000000000000000',
      refreshToken: 'refresh0000000000000000000000000000000000000',
      expiry: 1780000000,
    });
  });

  it.each(['0', '', 'soon'])('reads expiry %j as unknown', async (expiry) => {
    world = await AuthWorld.start();
    world.writeSettings(settingsV2({ oauth_token_helix: 'access0000000000000000000000', oauth_token_expiry: expiry }));
    await (await world.process()).manager.current();
    expect(world.readLogin().expiry).toBe(0);
  });

  it('migrates once when eight processes start together', async () => {
    world = await AuthWorld.start();
    const issued = world.server.issueTokens();
    world.writeSettings(
      settingsV2({ oauth_token_helix: issued.accessToken, oauth_refresh_token: issued.refreshToken, oauth_token_expiry: '1' }),
    );
    const procs = await Promise.all(Array.from({ length: 8 }, () => world.process()));
    const grants = await Promise.all(procs.map((p) => p.manager.ensureValidToken()));
    expect(takeovers(world)).toBe(1);
    expect(world.server.count('token-refresh')).toBe(1);
    expect(new Set(grants.map((g) => g?.accessToken))).toEqual(new Set([world.readLogin().accessToken]));
  });

  it('reads a token file written by the Python add-on as it is', async () => {
    world = await AuthWorld.start();
    world.writeTokenFile('{"access": "pyaccess000000000000000000000", "refresh": "pyrefresh00000000000000000000", "expiry": 1900000000.5, "future_field": 1}');
    const p = await world.process();
    expect(await p.manager.current()).toMatchObject({ accessToken: 'pyaccess000000000000000000000', expiry: 1900000000.5, extra: { future_field: 1 } });
    await p.manager.saveManualToken('newaccess0000000000000000000');
    expect(JSON.parse(world.fs.readFileSync(TOKEN_PATH, 'utf8') as string)).toMatchObject({ future_field: 1, access: 'newaccess0000000000000000000' });
  });

  it('moves a corrupt store aside, says so in the log, and recovers the login from the settings', async () => {
    world = await AuthWorld.start();
    world.writeTokenFile('{"access": "fakeaccess00000000000000000000", "refresh": "fakeref');
    world.writeSettings(settingsV2({ oauth_token_helix: 'mirroredaccess000000000000000', oauth_refresh_token: 'mirroredrefresh00000000000000' }));
    const p = await world.process();
    expect(await p.manager.current()).toMatchObject({ accessToken: 'mirroredaccess000000000000000' });
    const aside = (world.fs.readdirSync(DATA) as string[]).filter((f) => f.startsWith('oauth_tokens.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(world.fs.readFileSync(join(DATA, aside[0]!), 'utf8')).toContain('"refresh": "fakeref');
    expect(p.host.log.records.some((r) => r.levelName === 'error' && r.message.includes(aside[0]!))).toBe(true);
  });

  it('moves aside a store that is JSON but not a token file', async () => {
    world = await AuthWorld.start();
    world.writeTokenFile('{"access": 12, "refresh": "", "expiry": 0}');
    const p = await world.process();
    expect(await p.manager.current()).toBeNull();
    expect((world.fs.readdirSync(DATA) as string[]).some((f) => f.startsWith('oauth_tokens.json.corrupt-'))).toBe(true);
    expect(p.host.log.records.find((r) => r.levelName === 'error')?.message).toMatch(/schema: \/access must be string/);
  });

  it('lets a token typed into the settings by hand win over the store', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(3600);
    const p = await world.process();
    await p.manager.ensureValidToken();
    await new p.kodi.xbmcaddon.Addon().setSetting('oauth_token_helix', 'typedbyhand000000000000000000');
    const q = await world.process();
    expect(await q.manager.ensureValidToken()).toMatchObject({ accessToken: 'typedbyhand000000000000000000' });
    expect(world.readLogin()).toMatchObject({ accessToken: 'typedbyhand000000000000000000', refreshToken: '' });
  });

  it('does not mistake an old mirrored token put back by a stale settings write for a typed one', async () => {
    world = await AuthWorld.start();
    world.storeIssuedLogin(-10);
    const p = await world.process();
    const before = world.readLogin().accessToken;
    await p.manager.ensureValidToken(); // mirrors `before` first, then the renewed token
    const renewed = world.readLogin().accessToken;
    expect(renewed).not.toBe(before);
    // A stale writer (Kodi's settings dialog) puts the old value back.
    await new p.kodi.xbmcaddon.Addon().setSetting('oauth_token_helix', before);
    const q = await world.process();
    expect(await q.manager.ensureValidToken()).toMatchObject({ accessToken: renewed });
  });
});

describe.skipIf(!hasCorpus)('the corpus user files', () => {
  const corpus = (name: string) => readFileSync(join(corpusRoot, 'userdata', name), 'utf8');

  it.each([
    ['kodi21-v2-legacy-token.xml', { refreshToken: '' }],
    ['kodi21-v2-device-login.xml', { expiry: 1780000000 }],
    ['kodi17-v1-legacy.xml', { refreshToken: '' }],
  ])('%s is taken over', async (name, expected) => {
    world = await AuthWorld.start();
    world.writeSettings(corpus(name));
    const login = await (await world.process()).manager.current();
    expect(login?.accessToken).toMatch(/^[a-z0-9]{20,}$/);
    expect(login).toMatchObject(expected);
  });

  it('the truncated store is moved aside', async () => {
    world = await AuthWorld.start();
    world.writeTokenFile(corpus('oauth_tokens.truncated.json'));
    expect(await (await world.process()).manager.current()).toBeNull();
    expect((world.fs.readdirSync(DATA) as string[]).some((f) => f.startsWith('oauth_tokens.json.corrupt-'))).toBe(true);
  });
});
if (!hasCorpus) console.warn('../shared/corpus not found: skipping the corpus user files');
