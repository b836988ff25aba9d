import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/harness/cli-io.js';
import { settingsCommand } from '../../src/harness/commands/settings.js';
import { settingsRepoRoot } from '../helpers/settings-world.js';

function fakeIo(cwd: string): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
    stdin: undefined,
    interactive: false,
    env: {},
    cwd,
  };
  return io;
}

let profile: string;
let userFile: string;
beforeEach(() => {
  profile = realFs.mkdtempSync(join(tmpdir(), 'settings-cli-'));
  userFile = join(profile, 'addon_data', 'plugin.video.twitch', 'settings.xml');
});
afterEach(() => realFs.rmSync(profile, { recursive: true, force: true }));

const run = async (...args: string[]) => {
  const io = fakeIo(profile);
  const code = await settingsCommand(args, io);
  return { code, out: io.out, err: io.err };
};
const withProfile = ['--profile', '.', '--addon', settingsRepoRoot];

describe('kodi-shim settings dump', () => {
  it('prints the definitions in document order as JSON objects', async () => {
    const { code, out, err } = await run('dump', settingsRepoRoot, '--json');
    expect([code, err]).toEqual([0, '']);
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]!)).toEqual(['id', 'type', 'default', 'hidden', 'category', 'label']);
    expect(rows[0]).toEqual({ id: 'device_login', type: 'string', default: '', hidden: false, category: 30127, label: 30300 });
    expect(rows.map((r) => r.id).slice(1, 4)).toEqual(['oauth_refresh_token', 'oauth_token_expiry', 'oauth_refresh_unsupported']);
    expect(rows.find((r) => r.id === 'oauth_refresh_token')!.hidden).toBe(true);
  });

  it('adds each value from a user file given with --values', async () => {
    const values = join(profile, 'user.xml');
    realFs.writeFileSync(values, '<settings version="2">\n    <setting id="items_per_page">40</setting>\n</settings>\n');
    const { code, out } = await run('dump', join(settingsRepoRoot, 'resources/settings.xml'), '--values', 'user.xml', '--json');
    expect(code).toBe(0);
    const rows = JSON.parse(out) as Array<Record<string, unknown>>;
    expect(rows.find((r) => r.id === 'items_per_page')!.value).toBe('40');
    expect(rows.find((r) => r.id === 'search_history_size')!.value).toBe('25');
  });

  it('prints a readable table without --json', async () => {
    const { code, out } = await run('dump', settingsRepoRoot);
    expect(code).toBe(0);
    expect(out.split('\n')[0]).toMatch(/^id\s+type\s+default\s+hidden\s+category\s+label$/);
    expect(out).toMatch(/\nitems_per_page\s+integer\s+25\s/);
  });

  it('fails with one line and exit code 2 for a missing file', async () => {
    const { code, err } = await run('dump', 'nowhere.xml');
    expect(code).toBe(2);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(err).toContain('nowhere.xml');
  });
});

describe('kodi-shim settings get and set', () => {
  it('gets the default, sets a valid value, and gets it back from the profile', async () => {
    expect(await run('get', 'items_per_page', ...withProfile)).toEqual({ code: 0, out: '25\n', err: '' });
    expect(await run('set', 'items_per_page', '50', ...withProfile)).toEqual({ code: 0, out: '', err: '' });
    expect(realFs.readFileSync(userFile, 'utf8')).toContain('    <setting id="items_per_page">50</setting>\n');
    expect((await run('get', 'items_per_page', ...withProfile)).out).toBe('50\n');
  });

  it('refuses a value that does not fit, with one line, exit code 2 and the file untouched', async () => {
    await run('set', 'menu_search', 'false', ...withProfile);
    const before = realFs.readFileSync(userFile);
    for (const [id, value] of [['items_per_page', '5000'], ['menu_search', '1'], ['video_quality', 'high']]) {
      const { code, err } = await run('set', id!, value!, ...withProfile);
      expect(code, id).toBe(2);
      expect(err.trim().split('\n'), id).toHaveLength(1);
      expect(err, id).toContain(id!);
    }
    expect(realFs.readFileSync(userFile).equals(before)).toBe(true);
  });

  it('refuses an unknown id and missing arguments with exit code 2, writing nothing', async () => {
    expect((await run('set', 'no_such_setting', 'x', ...withProfile)).code).toBe(2);
    expect((await run('get', 'no_such_setting', ...withProfile)).code).toBe(2);
    expect((await run('set', 'items_per_page', ...withProfile)).code).toBe(2);
    expect((await run('frobnicate')).code).toBe(2);
    expect(realFs.existsSync(userFile)).toBe(false);
  });
});
