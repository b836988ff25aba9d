import { openAuthSession } from '../auth/auth-session.js';
import { AddonErrorCodes, hasCode, isTransient } from '../errors.js';
import { t } from '../i18n.js';
import { pluginUrl } from '../plugin-query.js';
import type { Route } from '../router.js';
import { getFollowedStreams, getUsers } from '../twitch/helix-endpoints.js';
import type { TwitchStream } from '../twitch/helix-types.js';

/** Helix allows at most 100 items a page. */
const MAX_PAGE = 100;

/** The thumbnail at a size Kodi shows well (Helix gives `{width}x{height}` placeholders). */
function thumbnail(stream: TwitchStream): string {
  return stream.thumbnailUrl.replace('{width}', '640').replace('{height}', '360');
}

/**
 * `mode=following&after=<cursor>`: the live streams of the channels the user follows. Without a login
 * it offers the login instead; a 401 from Helix renews the token once and retries, through the session.
 */
export const followingRoute: Route = {
  directory: true,
  async run({ kodi, handle, base, addon, params }) {
    const { xbmcgui, xbmcplugin } = kodi;
    const { manager, helix, log } = await openAuthSession(kodi, addon);
    const grant = await manager.ensureValidToken();
    if (!grant) {
      const item = new xbmcgui.ListItem(t(addon, 'LOGIN_PROGRESS_HEADING'));
      xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'device_login' }), item, false);
      xbmcplugin.endOfDirectory(handle, true, false, false);
      return;
    }
    const perPage = Math.min(MAX_PAGE, Math.max(1, Number.parseInt(addon.getSetting('items_per_page'), 10) || 25));
    try {
      const client = helix();
      const userId = grant.userId || (await getUsers(client))[0]?.id || '';
      const page = await getFollowedStreams(client, {
        userId,
        first: perPage,
        after: typeof params.after === 'string' ? params.after : undefined,
      });
      for (const stream of page.data) {
        const item = new xbmcgui.ListItem(`${stream.userName} – ${stream.title}`, stream.gameName);
        item.setArt({ thumb: thumbnail(stream), icon: thumbnail(stream) });
        item.setInfo('video', { title: stream.title, plot: `${stream.gameName}\n${stream.viewerCount} viewers`, mediatype: 'video' });
        item.setProperty('IsPlayable', 'true');
        xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'play', channel_id: stream.userId }), item, false);
      }
      if (page.cursor) {
        xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'following', after: page.cursor }), new xbmcgui.ListItem(t(addon, 'NEXT_PAGE')), true);
      }
      xbmcplugin.setContent(handle, 'videos');
      xbmcplugin.endOfDirectory(handle, true);
    } catch (error) {
      log.warning(`following: ${(error as Error).message}`);
      const text = isTransient(error) ? 'NETWORK_TROUBLE' : hasCode(error, AddonErrorCodes.UNAUTHORIZED) ? 'LOGIN_AGAIN' : 'TWITCH_ERROR';
      await new xbmcgui.Dialog().ok(t(addon, 'ERROR_HEADING'), t(addon, text));
      xbmcplugin.endOfDirectory(handle, false);
    }
  },
};
