import { describe, expect, it } from 'vitest';
import { resolveInside, translateSpecialPath } from '../../src/host/special-paths.js';

const roots = { home: '/h', profile: '/h/userdata', temp: '/h/temp', xbmc: '/usr/share/kodi' };

describe('special paths', () => {
  it('maps every root Kodi add-ons use', () => {
    expect(translateSpecialPath(roots, 'special://home/addons/x')).toBe('/h/addons/x');
    expect(translateSpecialPath(roots, 'special://profile/addon_data/x/')).toBe('/h/userdata/addon_data/x/');
    expect(translateSpecialPath(roots, 'special://masterprofile/a')).toBe('/h/userdata/a');
    expect(translateSpecialPath(roots, 'special://temp/t')).toBe('/h/temp/t');
    expect(translateSpecialPath(roots, 'special://xbmc/system')).toBe('/usr/share/kodi/system');
    expect(translateSpecialPath(roots, 'special://unknownroot/x')).toBe('special://unknownroot/x');
  });

  it('refuses paths that leave their folder', () => {
    expect(resolveInside('/data', 'cache/a.json')).toBe('/data/cache/a.json');
    expect(() => resolveInside('/data', '../etc/passwd')).toThrow(/leads outside/);
    expect(() => resolveInside('/data', '/etc/passwd')).toThrow(/leads outside/);
    expect(() => resolveInside('/data', 'a/../../b')).toThrow(/leads outside/);
    expect(() => resolveInside('/data', 'a\0b')).toThrow(/NUL/);
  });
});
