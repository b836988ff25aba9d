import { t } from '../i18n.js';
import { pluginUrl } from '../plugin-query.js';
import type { Route, RouteContext } from '../router.js';
import { searchCategories, searchChannels } from '../twitch/helix-endpoints.js';
import { addGames, addNextPage, addStreams, helixDirectory } from './helix-directory.js';

const CONTENTS = ['channels', 'games'] as const;
type SearchContent = (typeof CONTENTS)[number];

/** `mode=search`: what to search for. */
export const searchRoute: Route = {
  directory: true,
  async run({ kodi, handle, base, addon }) {
    const { xbmcgui, xbmcplugin } = kodi;
    xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'new_search', content: 'channels' }), new xbmcgui.ListItem(t(addon, 'CHANNELS')), true);
    xbmcplugin.addDirectoryItem(handle, pluginUrl(base, { mode: 'new_search', content: 'games' }), new xbmcgui.ListItem(t(addon, 'GAMES')), true);
    xbmcplugin.endOfDirectory(handle, true);
  },
};

/**
 * `mode=new_search&content=channels|games`: asks for the words, then lists the results in this same
 * directory. (Handing them to `Container.Update` instead is swallowed by Kodi under
 * `reuselanguageinvoker`.) A cancelled keyboard fails the directory, so Kodi stays where it was.
 */
export const newSearchRoute: Route = {
  directory: true,
  required: ['content'],
  async run(context) {
    const content = searchContent(context);
    if (!content) return;
    const keyboard = new context.kodi.xbmc.Keyboard('', t(context.addon, 'SEARCH'));
    await keyboard.doModal();
    const query = keyboard.getText().trim();
    if (!keyboard.isConfirmed() || !query) {
      context.kodi.xbmcplugin.endOfDirectory(context.handle, false);
      return;
    }
    await listResults(context, content, query);
  },
};

/** `mode=search_results&content=…&query=…&after=<cursor>`: a page of results. */
export const searchResultsRoute: Route = {
  directory: true,
  required: ['content', 'query'],
  async run(context) {
    const content = searchContent(context);
    if (content) await listResults(context, content, String(context.params.query));
  },
};

async function listResults(context: RouteContext, content: SearchContent, query: string): Promise<void> {
  await helixDirectory(context, async ({ helix, perPage, after }) => {
    if (content === 'games') {
      const page = await searchCategories(helix, { query, first: perPage, after });
      addGames(context, page.data);
      addNextPage(context, page.cursor, { mode: 'search_results', content, query });
      return;
    }
    const page = await searchChannels(helix, { query, liveOnly: true, first: perPage, after });
    // A live channel found by search plays like any live stream.
    addStreams(
      context,
      page.data.map((c) => ({ userId: c.id, userName: c.displayName, title: c.title, gameName: c.gameName, thumbnailUrl: c.thumbnailUrl })),
    );
    addNextPage(context, page.cursor, { mode: 'search_results', content, query });
  });
}

/** The `content` argument, or a refusal as for any argument that makes no sense. */
function searchContent({ kodi, handle, addon, params }: RouteContext): SearchContent | undefined {
  const content = String(params.content);
  if ((CONTENTS as readonly string[]).includes(content)) return content as SearchContent;
  const message = t(addon, 'UNKNOWN_MODE', `search ${content}`);
  kodi.shim.reportBadRequest(message);
  void new kodi.xbmcgui.Dialog().ok(t(addon, 'ERROR_HEADING'), message);
  kodi.xbmcplugin.endOfDirectory(handle, false);
  return undefined;
}
