import { describe, expect, it } from 'vitest';
import { openInvocation } from '../../src/harness/invoke.js';
import { createTestHost, echoAddon } from '../helpers/hosts.js';

const kodiFor = (host: ReturnType<typeof createTestHost>) => openInvocation(host, 'plugin.test.echo').kodi;

describe('xbmcaddon.Addon', () => {
  it('answers getAddonInfo from addon.xml with case-insensitive keys', () => {
    const host = createTestHost({ addon: echoAddon });
    const addon = new (kodiFor(host).xbmcaddon.Addon)();
    expect(addon.getAddonInfo('id')).toBe('plugin.test.echo');
    expect(addon.getAddonInfo('Name')).toBe('Echo');
    expect(addon.getAddonInfo('VERSION')).toBe('1.2.3');
    expect(addon.getAddonInfo('author')).toBe('Test Author');
    expect(addon.getAddonInfo('path')).toBe(echoAddon);
    expect(addon.getAddonInfo('profile')).toBe('special://profile/addon_data/plugin.test.echo/');
    expect(addon.getAddonInfo('summary')).toBe('Echoes its arguments');
    expect(addon.getAddonInfo('icon')).toBe(`${echoAddon}/icon.png`);
    expect(addon.getAddonInfo('type')).toBe('xbmc.python.pluginsource');
  });

  it('throws for an unknown info key, as Kodi does', () => {
    const host = createTestHost({ addon: echoAddon });
    const addon = new (kodiFor(host).xbmcaddon.Addon)();
    expect(() => addon.getAddonInfo('colour')).toThrow(/unknown key "colour"/);
  });

  it('refuses an add-on id that is not installed', () => {
    const host = createTestHost({ addon: echoAddon });
    expect(() => new (kodiFor(host).xbmcaddon.Addon)('plugin.not.here')).toThrow(/Unknown add-on/);
  });

  it('translates the profile path to the add-on data folder', () => {
    const host = createTestHost({ addon: echoAddon, profile: '/kodi/userdata' });
    const kodi = kodiFor(host);
    const profile = new kodi.xbmcaddon.Addon().getAddonInfo('profile');
    expect(kodi.xbmcvfs.translatePath(profile)).toBe('/kodi/userdata/addon_data/plugin.test.echo/');
  });
});
