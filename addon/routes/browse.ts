import type { Route } from '../router.js';
import { getStreams, getTopGames } from '../twitch/helix-endpoints.js';
import { addGames, addNextPage, addStreams, helixDirectory } from './helix-directory.js';

/** `mode=stream_list&after=<cursor>`: live streams, most watched first. */
export const streamListRoute: Route = {
  directory: true,
  async run(context) {
    await helixDirectory(context, async ({ helix, perPage, after }) => {
      const page = await getStreams(helix, { first: perPage, after });
      addStreams(context, page.data);
      addNextPage(context, page.cursor, { mode: 'stream_list' });
    });
  },
};

/** `mode=games&after=<cursor>`: categories by current viewers. */
export const gamesRoute: Route = {
  directory: true,
  async run(context) {
    await helixDirectory(context, async ({ helix, perPage, after }) => {
      const page = await getTopGames(helix, { first: perPage, after });
      addGames(context, page.data);
      addNextPage(context, page.cursor, { mode: 'games' });
    });
  },
};

/** `mode=game_streams&game_id=<id>&after=<cursor>`: the live streams of one game. */
export const gameStreamsRoute: Route = {
  directory: true,
  required: ['game_id'],
  async run(context) {
    const gameId = String(context.params.game_id);
    await helixDirectory(context, async ({ helix, perPage, after }) => {
      const page = await getStreams(helix, { gameIds: [gameId], first: perPage, after });
      addStreams(context, page.data);
      const gameName = typeof context.params.game_name === 'string' ? context.params.game_name : undefined;
      addNextPage(context, page.cursor, { mode: 'game_streams', game_id: gameId, game_name: gameName });
    });
  },
};
