import { describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { createTestHost, echoAddon } from '../helpers/hosts.js';

describe('a plugin invocation', () => {
  it('gets sys.argv as Kodi passes it and records the listing', async () => {
    const host = createTestHost({ addon: echoAddon });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/some/path?a=1&b=two');
    expect(result.succeeded).toBe(true);
    expect(result.items.map((i) => i.item.label)).toEqual([
      'argv[0] = plugin://plugin.test.echo/some/path',
      `argv[1] = ${result.handle}`,
      'argv[2] = ?a=1&b=two',
      'argv[3] = resume:false',
      'Playable',
    ]);
    expect(result.items[0]!.isFolder).toBe(true);
    expect(result.items[4]).toMatchObject({ isFolder: false, isPlayable: true });
    expect(result.content).toBe('videos');
  });

  it('gives every invocation a new handle', async () => {
    const host = createTestHost({ addon: echoAddon });
    const a = await runPlugin(host, 'plugin://plugin.test.echo/');
    const b = await runPlugin(host, 'plugin://plugin.test.echo/');
    expect(b.handle).toBeGreaterThan(a.handle);
  });

  it('records a resolved item as the thing to play', async () => {
    const host = createTestHost({ addon: echoAddon });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/?action=play');
    expect(result.succeeded).toBe(true);
    expect(result.resolved).toMatchObject({ succeeded: true, path: 'https://example.invalid/stream.m3u8' });
  });

  it('reports a failure when the add-on ends without endOfDirectory or setResolvedUrl', async () => {
    const host = createTestHost({ addon: echoAddon });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/?action=forget');
    expect(result.succeeded).toBe(false);
    expect(result.failure?.code).toBe('NO_DIRECTORY');
    expect(result.log.some((r) => r.levelName === 'error' && /without endOfDirectory/.test(r.message))).toBe(true);
  });

  it('logs an add-on exception and tells the user to look at the log, as Kodi does', async () => {
    const host = createTestHost({ addon: echoAddon });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/?action=throw');
    expect(result.succeeded).toBe(false);
    expect(result.failure?.message).toBe('the add-on broke');
    expect(result.notifications).toEqual([expect.objectContaining({ icon: 'error' })]);
    expect(result.log.find((r) => r.levelName === 'error')?.message).toContain('the add-on broke');
  });

  it('answers dialogs from the script and records them in order', async () => {
    const host = createTestHost({ addon: echoAddon, answers: { yesno: [true], select: [2], input: ['Ann'] } });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/?action=ask');
    expect(result.dialogs.map((d) => d.kind)).toEqual(['yesno', 'select', 'input', 'ok']);
    expect(result.dialogs[3]).toMatchObject({ message: 'yes=true choice=2 text=Ann' });
    expect(result.notifications).toEqual([{ heading: 'Echo', message: 'finished', icon: 'info', timeMs: 5000 }]);
  });

  it('answers unscripted questions with their cancel values', async () => {
    const host = createTestHost({ addon: echoAddon });
    const result = await runPlugin(host, 'plugin://plugin.test.echo/?action=ask');
    expect(result.dialogs[3]).toMatchObject({ message: 'yes=false choice=-1 text=' });
  });

  it('rejects a URL that is not a plugin URL', async () => {
    const host = createTestHost({ addon: echoAddon });
    await expect(runPlugin(host, 'http://example.com/')).rejects.toMatchObject({ code: 'BAD_URL' });
    await expect(runPlugin(host, 'plugin://plugin.other/')).rejects.toMatchObject({ code: 'UNKNOWN_ADDON' });
  });
});
