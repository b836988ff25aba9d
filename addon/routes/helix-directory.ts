import { openAuthSession } from '../auth/auth-session.js';
import type { AccessGrant } from '../auth/token-manager.js';
import { AddonErrorCodes, hasCode, isTransient } from '../errors.js';
import { t, type StringName } from '../i18n.js';
import { pluginUrl } from '../plugin-query.js';
import type { RouteContext } from '../router.js';
import type { HelixClient } from '../twitch/helix-client.js';
import type { TwitchGame, TwitchStream } from '../twitch/helix-types.js';

/** Helix allows at most 100 items a page. */
const MAX_PAGE = 100;

/** What a Helix-backed directory builder gets. */
export interface HelixDirectory {
  helix: HelixClient;
  grant: AccessGrant;
  /** Items per page from the `items_per_page` setting, within Helix's 1–100. */
  perPage: number;
  /** The `after` cursor of this page, if any. */
  after: string | undefined;
}

/**
 * Runs `build` for a directory that needs Twitch: without a login it offers the login instead; a
 * Twitch error becomes a sentence in a dialog and a failed directory (the login is always kept).
 */
export async function helixDirectory(context: RouteContext, build: (directory: HelixDirectory) => Promise<void>): Promise<void> {
  const { kodi, handle, base, addon, params } = context;
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
    await build({ helix: helix(), grant, perPage, after: typeof params.after === 'string' ? params.after : undefined });
    xbmcplugin.endOfDirectory(handle, true);
  } catch (error) {
    log.warning(`${String(params.mode ?? 'main')}: ${(error as Error).message}`);
    const text: StringName = isTransient(error) ? 'NETWORK_TROUBLE' : hasCode(error, AddonErrorCodes.UNAUTHORIZED) ? 'LOGIN_AGAIN' : 'TWITCH_ERROR';
    await new xbmcgui.Dialog().ok(t(addon, 'ERROR_HEADING'), t(addon, text));
    xbmcplugin.endOfDirectory(handle, false);
  }
}

/** A Helix image URL at a size Kodi shows well (`{width}x{height}` placeholders). */
function sized(url: string, width: number, height: number): string {
  return url.replace('{width}', String(width)).replace('{height}', String(height));
}

/** What a playable entry shows of a live stream (a stream, or a live channel found by search). */
export type LiveEntry = Pick<TwitchStream, 'userId' | 'userName' | 'title' | 'gameName' | 'thumbnailUrl'> & { viewerCount?: number };

/** One playable entry per live stream. */
export function addStreams({ kodi, handle, base }: RouteContext, streams: readonly LiveEntry[]): void {
  const { xbmcgui, xbmcplugin } = kodi;
  for (const stream of streams) {
    const item = new xbmcgui.ListItem(`${stream.userName} – ${stream.title}`, stream.gameName);
    const thumb = sized(stream.thumbnailUrl, 640, 360);
    item.setArt({ thumb, icon: thumb });
    const viewers = stream.viewerCount === undefined ? '' : `\n${stream.viewerCount} viewers`;
    item.setInfo('video', { title: stream.title, plot: `${stream.gameName}${viewers}`, mediatype: 'video' });
    item.setProperty('IsPlayable', 'true');
    xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'play', channel_id: stream.userId }), item, false);
  }
  xbmcplugin.setContent(handle, 'videos');
}

/** One folder per game, opening its live streams. */
export function addGames({ kodi, handle, base }: RouteContext, games: readonly TwitchGame[]): void {
  const { xbmcgui, xbmcplugin } = kodi;
  for (const game of games) {
    const item = new xbmcgui.ListItem(game.name);
    const art = sized(game.boxArtUrl, 285, 380);
    item.setArt({ thumb: art, icon: art, poster: art });
    xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'game_streams', game_id: game.id, game_name: game.name }), item, true);
  }
}

/** A "Next page" folder when Helix gave a cursor; `params` are the route's own, `after` replaced. */
export function addNextPage(
  { kodi, handle, base, addon }: RouteContext,
  cursor: string | null | undefined,
  params: Record<string, string | number | boolean | null | undefined>,
): void {
  if (!cursor) return;
  const item = new kodi.xbmcgui.ListItem(t(addon, 'NEXT_PAGE'));
  kodi.xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { ...params, after: cursor }), item, true);
}
