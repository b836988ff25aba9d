import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { InvocationResult } from '../../src/harness/invoke.js';
import { runCli } from '../helpers/cli.js';

const profile = mkdtempSync(join(tmpdir(), 'kodi-shim-cli-'));
afterAll(() => rmSync(profile, { recursive: true, force: true }));

describe('kodi-shim run', () => {
  it('prints one JSON document for --json', async () => {
    const run = await runCli(['run', 'plugin://plugin.video.twitch/', '--json', '--profile', profile]);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as InvocationResult;
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['items', 'resolved', 'dialogs', 'notifications', 'succeeded', 'log']));
    expect(result.succeeded).toBe(true);
    expect(result.items.map((i) => i.url)).toContain('plugin://plugin.video.twitch/?mode=search');
  });

  it('prints the listing as a numbered table', async () => {
    const run = await runCli(['run', 'plugin://plugin.video.twitch/', '--profile', profile]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1 {2}folder {4}.+plugin:\/\/plugin\.video\.twitch\/\?mode=/m);
  });

  it.each([
    ['a malformed URL', ['run', 'plugin:/broken', '--profile', profile], /not a plugin URL/],
    ['an unknown add-on', ['run', 'plugin://plugin.video.other/', '--profile', profile], /unknown add-on plugin\.video\.other/],
    ['an unknown mode', ['run', 'plugin://plugin.video.twitch/?mode=warp', '--profile', profile], /warp/],
    ['an unknown option', ['run', 'plugin://plugin.video.twitch/', '--bogus'], /unknown option --bogus/],
    ['an unknown command', ['fly'], /unknown command "fly"/],
    ['a missing URL', ['run'], /usage: kodi-shim run/],
  ])('answers %s with one line on stderr and exit code 2', async (_what, args, message) => {
    const run = await runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('shows a stack trace only with --debug', async () => {
    const run = await runCli(['run', 'plugin:/broken', '--debug']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('prints log lines on stderr only at warning and above, every level with --debug', async () => {
    const quiet = await runCli(['run', 'plugin://plugin.video.twitch/?mode=settings', '--profile', profile]);
    expect(quiet.stderr).not.toMatch(/<general>/);
    const loud = await runCli(['run', 'plugin://plugin.video.twitch/?mode=settings', '--profile', profile, '--debug']);
    expect(loud.stderr).toMatch(/ {5}info <general>: openSettings\(plugin\.video\.twitch\)/);
  });

  it('refuses an answers file that is not what it should be', async () => {
    const file = join(profile, 'answers.json');
    writeFileSync(file, '{"yesno": ["maybe"]}');
    const run = await runCli(['run', 'plugin://plugin.video.twitch/', '--answers', file, '--profile', profile]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"yesno" must be a list of booleans/);
  });

  it('uses KODI_SHIM_PROFILE when --profile is absent', async () => {
    const run = await runCli(['run', 'plugin://plugin.video.twitch/', '--json'], { env: { KODI_SHIM_PROFILE: profile } });
    expect(run.code).toBe(0);
  });
});

describe('kodi-shim browse', () => {
  it('opens a folder by number, goes back with .., and quits with q', async () => {
    const run = await runCli(['browse', '--profile', profile], { input: '3\n..\n9\nq\n' });
    expect(run.code).toBe(0);
    const headings = run.stdout.split('\n').filter((l) => l.startsWith('== '));
    expect(headings).toEqual([
      '== plugin://plugin.video.twitch/',
      '== plugin://plugin.video.twitch/?mode=following',
      '== plugin://plugin.video.twitch/',
    ]);
    expect(run.stdout).toContain('pick 1–5, .. or q');
  });

  it('reads a dialog answer from the same input lines as the menu', async () => {
    const run = await runCli(['browse', 'plugin://plugin.video.twitch/?mode=search', '--profile', profile], { input: '2\nsome words\nq\n' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('[input] Search -> "some words"');
    // The typed words went to the dialog, not to the menu.
    expect(run.stdout).not.toContain('pick 1–');
  });
});

describe('kodi-shim service', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('stops on %s and exits 0 within a second', async (signal) => {
    let signalledAt = 0;
    const run = await runCli(['service', '--profile', profile], {
      onStart: (child) => {
        child.stderr!.on('data', (d: Buffer) => {
          if (!signalledAt && /service running/.test(String(d))) {
            signalledAt = performance.now();
            child.kill(signal);
          }
        });
      },
    });
    expect(signalledAt).toBeGreaterThan(0);
    expect(run.code).toBe(0);
    expect(performance.now() - signalledAt).toBeLessThan(1000);
  });
});
