import { describe, expect, it } from 'vitest';
import { openInvocation } from '../../src/harness/invoke.js';
import { createTestHost, echoAddon } from '../helpers/hosts.js';

const kodiFor = (host: ReturnType<typeof createTestHost>) => openInvocation(host, 'plugin.test.echo').kodi;

describe('xbmcvfs', () => {
  it('works on special:// paths through the host filesystem', async () => {
    const host = createTestHost({ addon: echoAddon });
    const { xbmcvfs } = kodiFor(host);
    const folder = 'special://profile/addon_data/plugin.test.echo/cache/';
    expect(await xbmcvfs.exists(folder)).toBe(false);
    expect(await xbmcvfs.mkdirs(folder)).toBe(true);
    const file = new xbmcvfs.File(`${folder}a.txt`, 'w');
    await file.write('hello ');
    await file.write('world');
    await file.close();
    expect(host.fs.readFileSync('/kodi/userdata/addon_data/plugin.test.echo/cache/a.txt', 'utf8')).toBe('hello world');
    expect(await new xbmcvfs.File(`${folder}a.txt`).read()).toBe('hello world');
    expect(await xbmcvfs.listdir(folder)).toEqual([[], ['a.txt']]);
    expect(await xbmcvfs.rename(`${folder}a.txt`, `${folder}b.txt`)).toBe(true);
    expect(await xbmcvfs.delete(`${folder}b.txt`)).toBe(true);
    expect(await xbmcvfs.delete(`${folder}b.txt`)).toBe(false);
    expect(await xbmcvfs.listdir('special://profile/nowhere/')).toEqual([[], []]);
  });

  it('translatePath keeps a trailing separator and leaves other paths alone', () => {
    const host = createTestHost({ addon: echoAddon, profile: '/p' });
    const { xbmcvfs } = kodiFor(host);
    expect(xbmcvfs.translatePath('special://profile/')).toBe('/p/');
    expect(xbmcvfs.translatePath('special://userdata/x')).toBe('/p/x');
    expect(xbmcvfs.translatePath('/already/real')).toBe('/already/real');
  });
});
