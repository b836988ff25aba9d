import type { Route } from '../router.js';
import { pluginUrl } from '../plugin-query.js';

/** The root menu: one entry per `menu_*` setting that is on. */
export const mainRoute: Route = {
  directory: true,
  async run({ kodi, handle, base, addon }) {
    const { xbmcgui, xbmcplugin } = kodi;
    const entries: Array<{ setting: string; label: number; mode: string }> = [
      { setting: 'menu_browse_live', label: 30009, mode: 'stream_list' },
      { setting: 'menu_browse_games', label: 30001, mode: 'games' },
      { setting: 'menu_following', label: 30002, mode: 'following' },
      { setting: 'menu_search', label: 30003, mode: 'search' },
      { setting: 'menu_settings', label: 30004, mode: 'settings' },
    ];
    for (const entry of entries) {
      // An absent or unreadable setting shows the entry: the menu's defaults are all on.
      if (addon.getSetting(entry.setting) === 'false') continue;
      const item = new xbmcgui.ListItem(addon.getLocalizedString(entry.label) || entry.mode);
      xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: entry.mode }), item, entry.mode !== 'settings');
    }
    xbmcplugin.endOfDirectory(handle, true);
  },
};
