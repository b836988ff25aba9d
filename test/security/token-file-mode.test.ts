import nodeFs, { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { openInvocation } from '../../src/harness/invoke.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Host } from '../../src/host/host.js';
import { loadAuthConfig } from '../../addon/auth/auth-config.js';
import { TokenManager } from '../../addon/auth/token-manager.js';
import { createLogger } from '../../addon/logger.js';
import { STAND_IN_CLIENT_ID, startTwitchStandIn, type TwitchStandIn } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { repoRoot } from '../helpers/hosts.js';

const ADDON_ID = 'plugin.video.twitch';
let profile: string | undefined;
let server: TwitchStandIn | undefined;
let umask: number | undefined;
afterEach(async () => {
  if (umask !== undefined) process.umask(umask);
  umask = undefined;
  await server?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
  server = profile = undefined;
});

/** A token manager over a real temporary profile, under a permissive umask (022: new files 0644 unless told). */
async function realProfileManager(): Promise<{ manager: TokenManager; tokenPath: string; data: string }> {
  umask = process.umask(0o022);
  profile = mkdtempSync(join(tmpdir(), 'twitch-mode-'));
  server = await startTwitchStandIn();
  const host = new Host({ roots: { profile }, env: { TWITCH_OAUTH_URL: server.oauthUrl, TWITCH_CLIENT_ID: STAND_IN_CLIENT_ID } });
  host.installAddon(repoRoot);
  const data = host.addonDataFolder(ADDON_ID);
  nodeFs.mkdirSync(data, { recursive: true });
  const { kodi } = openInvocation(host, ADDON_ID);
  const manager = new TokenManager({ kodi, log: createLogger(kodi), config: await loadAuthConfig(kodi, new kodi.xbmcaddon.Addon()), notify: () => undefined });
  return { manager, tokenPath: join(data, 'oauth_tokens.json'), data };
}

const mode = (path: string) => statSync(path).mode & 0o777;

describe('the token file on a real filesystem', () => {
  it('is created with mode 0600', async () => {
    const { manager, tokenPath } = await realProfileManager();
    await manager.saveManualToken('modecheck0000000000000000000000');
    expect(mode(tokenPath)).toBe(0o600);
  });

  it('becomes 0600 when a refresh replaces a file the Python add-on left readable by all', async () => {
    const { manager, tokenPath } = await realProfileManager();
    const issued = server!.issueTokens();
    writeFileSync(tokenPath, JSON.stringify({ access: issued.accessToken, refresh: issued.refreshToken, expiry: Date.now() / 1000 - 10 }), { mode: 0o644 });
    nodeFs.chmodSync(tokenPath, 0o644);
    const grant = await manager.ensureValidToken();
    expect(grant?.accessToken).not.toBe(issued.accessToken);
    expect(mode(tokenPath)).toBe(0o600);
  });

  // The tokens are mirrored into settings.xml for the Python add-on, so it is as private as the token file.
  it('keeps the tokens mirrored into settings.xml as private as the token file', async () => {
    const { manager, data } = await realProfileManager();
    const issued = server!.issueTokens();
    writeFileSync(join(data, 'oauth_tokens.json'), JSON.stringify({ access: issued.accessToken, refresh: issued.refreshToken, expiry: Date.now() / 1000 - 10 }), { mode: 0o600 });
    const grant = await manager.ensureValidToken();
    const settingsPath = join(data, 'settings.xml');
    expect(nodeFs.readFileSync(settingsPath, 'utf8')).toContain(grant!.accessToken);
    expect(mode(settingsPath) & 0o077).toBe(0);
  });
});
