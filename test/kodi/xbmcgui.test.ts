import { describe, expect, it } from 'vitest';
import { openInvocation } from '../../src/harness/invoke.js';
import { createTestHost, echoAddon } from '../helpers/hosts.js';

const kodiFor = (host: ReturnType<typeof createTestHost>) => openInvocation(host, 'plugin.test.echo').kodi;

describe('xbmcgui', () => {
  it('a progress dialog reports cancel after the scripted number of updates', () => {
    const host = createTestHost({ addon: echoAddon, answers: { progress: [{ cancelAfterUpdates: 2 }] } });
    const kodi = kodiFor(host);
    const progress = new kodi.xbmcgui.DialogProgress();
    progress.create('Login', 'Go to the page');
    progress.update(10, 'first');
    expect(progress.iscanceled()).toBe(false);
    progress.update(20, 'second');
    expect(progress.iscanceled()).toBe(true);
    progress.close();
    expect(host.ui.dialogs[0]).toMatchObject({ kind: 'progress', messages: ['Go to the page', 'first', 'second'], lastPercent: 20 });
  });

  it('an unscripted progress dialog is never cancelled', () => {
    const host = createTestHost({ addon: echoAddon });
    const progress = new (kodiFor(host).xbmcgui.DialogProgress)();
    progress.create('Working');
    for (let i = 0; i < 50; i++) progress.update(i * 2, `step ${i}`);
    expect(progress.iscanceled()).toBe(false);
  });

  it('select offers ListItem labels and refuses an out-of-range scripted answer as a cancel', async () => {
    const host = createTestHost({ addon: echoAddon, answers: { select: [1, 7] } });
    const kodi = kodiFor(host);
    const dialog = new kodi.xbmcgui.Dialog();
    expect(await dialog.select('Quality', ['720p', new kodi.xbmcgui.ListItem('1080p')])).toBe(1);
    expect(host.ui.dialogs[0]).toMatchObject({ options: ['720p', '1080p'] });
    expect(await dialog.select('Quality', ['a', 'b'])).toBe(-1);
  });

  it('input masks hidden entry in the record', async () => {
    const host = createTestHost({ addon: echoAddon, answers: { input: ['tok'] } });
    const kodi = kodiFor(host);
    await new kodi.xbmcgui.Dialog().input('Token', '', kodi.xbmcgui.INPUT_ALPHANUM, kodi.xbmcgui.ALPHANUM_HIDE_INPUT);
    expect(host.ui.dialogs[0]).toMatchObject({ kind: 'input', hidden: true });
  });

  it('window properties are shared by every invocation of one Kodi, case-insensitively', () => {
    const host = createTestHost({ addon: echoAddon });
    new (kodiFor(host).xbmcgui.Window)(10000).setProperty('Twitch.Busy', 'yes');
    const other = new (kodiFor(host).xbmcgui.Window)(10000);
    expect(other.getProperty('twitch.busy')).toBe('yes');
    other.clearProperty('TWITCH.BUSY');
    expect(other.getProperty('Twitch.Busy')).toBe('');
  });
});

describe('ListItem', () => {
  it('keeps labels, art, info, case-insensitive properties and context menu items', () => {
    const host = createTestHost({ addon: echoAddon });
    const item = new (kodiFor(host).xbmcgui.ListItem)('Label', 'Two', 'plugin://x/');
    item.setArt({ Thumb: 't.png', fanart: 'f.jpg' });
    item.setInfo('video', { title: 'T' });
    item.setInfo('video', { plot: 'P' });
    item.setProperty('IsPlayable', 'true');
    item.addContextMenuItems([['Refresh', 'Container.Refresh']]);
    expect(item.getProperty('isplayable')).toBe('true');
    expect(item.getArt('thumb')).toBe('t.png');
    expect(item.toJSON()).toEqual({
      label: 'Label',
      label2: 'Two',
      path: 'plugin://x/',
      art: { thumb: 't.png', fanart: 'f.jpg' },
      info: { type: 'video', labels: { title: 'T', plot: 'P' } },
      properties: { isplayable: 'true' },
      contextMenu: [['Refresh', 'Container.Refresh']],
    });
  });
});
