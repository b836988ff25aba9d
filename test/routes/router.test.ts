import { describe, expect, it } from 'vitest';
import { parsePluginQuery, pluginUrl } from '../../addon/plugin-query.js';
import { runPlugin } from '../../src/harness/invoke.js';
import { createTestHost } from '../helpers/hosts.js';

describe('plugin arguments', () => {
  it('coerce true, false and none as the Python add-on does, and decode the rest', () => {
    expect(parsePluginQuery('?mode=x&a=true&b=false&c=none&d=two%20words&e=True')).toEqual({
      mode: 'x',
      a: true,
      b: false,
      c: null,
      d: 'two words',
      e: 'True',
    });
    expect(parsePluginQuery('')).toEqual({});
  });

  it('build URLs the router reads back', () => {
    const url = pluginUrl('plugin://plugin.video.twitch/', { mode: 'games', after: 'abc=', first: 20, skip: null });
    expect(url).toBe('plugin://plugin.video.twitch/?mode=games&after=abc%3D&first=20');
    expect(parsePluginQuery(url.slice(url.indexOf('?')))).toEqual({ mode: 'games', after: 'abc=', first: '20' });
  });
});

describe('the root menu', () => {
  it('is served when no mode is given and hides entries switched off in the settings', async () => {
    const host = createTestHost();
    host.fs.mkdirSync('/kodi/userdata/addon_data/plugin.video.twitch', { recursive: true });
    host.fs.writeFileSync(
      '/kodi/userdata/addon_data/plugin.video.twitch/settings.xml',
      '<settings version="2">\n    <setting id="menu_search">false</setting>\n</settings>\n',
    );
    const result = await runPlugin(host, 'plugin://plugin.video.twitch/');
    expect(result.succeeded).toBe(true);
    expect(result.items.map((i) => i.item.label)).toEqual(['Live Channels', 'Games', 'Following', 'Settings']);
  });

  it('speaks the GUI language, English where a translation is missing', async () => {
    const host = createTestHost({ language: 'de_de' });
    const result = await runPlugin(host, 'plugin://plugin.video.twitch/');
    expect(result.items.map((i) => i.item.label)).toContain('Spiele');
  });

  it('answers an unknown mode with a dialog, a failed directory and a bad-request mark', async () => {
    const host = createTestHost();
    const result = await runPlugin(host, 'plugin://plugin.video.twitch/?mode=teleport');
    expect(result.succeeded).toBe(false);
    expect(result.badRequest).toBe('This add-on has no action named “teleport”.');
    expect(result.dialogs).toHaveLength(1);
  });
});
