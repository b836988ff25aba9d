import { t, type StringName } from '../i18n.js';
import { pluginUrl } from '../plugin-query.js';
import type { Route } from '../router.js';

/** The root menu: one entry per `menu_*` setting that is on. */
export const mainRoute: Route = {
  directory: true,
  async run({ kodi, handle, base, addon }) {
    const { xbmcgui, xbmcplugin } = kodi;
    const entries: Array<{ setting: string; label: StringName; mode: string }> = [
      { setting: 'menu_browse_live', label: 'LIVE_CHANNELS', mode: 'stream_list' },
      { setting: 'menu_browse_games', label: 'GAMES', mode: 'games' },
      { setting: 'menu_following', label: 'FOLLOWING', mode: 'following' },
      { setting: 'menu_search', label: 'SEARCH', mode: 'search' },
      { setting: 'menu_settings', label: 'SETTINGS', mode: 'settings' },
    ];
    for (const entry of entries) {
      // An absent or unreadable setting shows the entry: the menu's defaults are all on.
      if (addon.getSetting(entry.setting) === 'false') continue;
      const item = new xbmcgui.ListItem(t(addon, entry.label));
      xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: entry.mode }), item, entry.mode !== 'settings');
    }
    xbmcplugin.endOfDirectory(handle, true);
  },
};
