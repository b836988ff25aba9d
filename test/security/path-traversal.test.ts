import { posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { routes } from '../../addon/routes/index.js';
import { repoRoot } from '../helpers/hosts.js';
import { recordingFs } from '../helpers/proof-recording.js';
import { DATA, PROFILE, AuthWorld } from '../helpers/auth-world.js';

/** Values that try to leave the profile, as a hostile or broken plugin URL would carry them. */
const TRAVERSALS = [
  '../../../../../../etc/passwd',
  '/etc/passwd',
  '..\\..\\..\\windows\\win.ini',
  'special://home/../../../etc/shadow',
  'special://profile/../../outside',
  'file:///etc/passwd',
  '%2e%2e/%2e%2e/%2e%2e/etc/hosts',
  'addon_data/../../../../tmp/x',
  'oauth:../../oauth_tokens.json',
  '..\u0000/etc/passwd',
];
/** Every argument name the add-on's routes read, and the ones the Python add-on's routes took. */
const ARGUMENTS = ['oauth_token', 'path', 'file', 'folder', 'name', 'url', 'id', 'channel_id', 'channel_name', 'game', 'login', 'video_id', 'target'];
const ALLOWED_ROOTS = [PROFILE, repoRoot];

/** The touched paths that resolve outside the profile and the add-on's folder. */
function outside(paths: Iterable<string>): string[] {
  return [...paths].filter((p) => {
    const resolved = posix.resolve('/nonexistent-cwd', p);
    return !ALLOWED_ROOTS.some((root) => resolved === root || resolved.startsWith(`${root}/`));
  });
}

let world: AuthWorld;
beforeAll(async () => {
  world = await AuthWorld.start();
  world.fs.mkdirSync(DATA, { recursive: true });
});
afterAll(async () => world.close());

describe('plugin URL arguments and the filesystem', () => {
  it('the check flags a path that leaves the profile, however it is spelt', () => {
    expect(outside([`${PROFILE}/addon_data/x`, `${repoRoot}/resources/settings.xml`])).toEqual([]);
    expect(outside([`${PROFILE}/../etc/passwd`, 'relative/file', `${PROFILE}x/evil`])).toHaveLength(3);
  });

  it.each(Object.keys(routes))('mode=%s with a traversal in every argument touches nothing outside the profile and the add-on', async (mode) => {
    const touchedOutside = new Set<string>();
    let runs = 0;
    for (const value of TRAVERSALS) {
      const query = new URLSearchParams({ mode, ...Object.fromEntries(ARGUMENTS.map((a) => [a, value])) });
      const recorded = recordingFs(world.fs);
      const p = await world.process({ fs: recorded.fs, answers: { yesno: [true], progress: [{ cancelAfterUpdates: 0 }] }, timeoutMs: 1000 });
      const result = await world.clock.drive(runPlugin(p.host, `plugin://plugin.video.twitch/?${query}`));
      expect(result.failure?.code ?? null, result.failure?.message).toBeNull();
      expect(recorded.touched.size).toBeGreaterThan(0);
      for (const path of outside(recorded.touched)) touchedOutside.add(path);
      runs++;
    }
    expect(runs).toBe(TRAVERSALS.length);
    expect([...touchedOutside]).toEqual([]);
  });

  it('a traversal in the mode itself is refused as an unknown mode and touches nothing outside', async () => {
    const recorded = recordingFs(world.fs);
    const p = await world.process({ fs: recorded.fs });
    const result = await runPlugin(p.host, `plugin://plugin.video.twitch/?mode=${encodeURIComponent('../../../etc/passwd')}`);
    expect(result.badRequest).toMatch(/passwd/);
    expect(outside(recorded.touched)).toEqual([]);
  });
});
