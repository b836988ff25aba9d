import type { Route } from '../router.js';
import { getFollowedStreams, getUsers } from '../twitch/helix-endpoints.js';
import { addNextPage, addStreams, helixDirectory } from './helix-directory.js';

/**
 * `mode=following&after=<cursor>`: the live streams of the channels the user follows. Without a login
 * it offers the login instead; a 401 from Helix renews the token once and retries, through the session.
 */
export const followingRoute: Route = {
  directory: true,
  async run(context) {
    await helixDirectory(context, async ({ helix, grant, perPage, after }) => {
      const userId = grant.userId || (await getUsers(helix))[0]?.id || '';
      const page = await getFollowedStreams(helix, { userId, first: perPage, after });
      addStreams(context, page.data);
      addNextPage(context, page.cursor, { mode: 'following' });
    });
  },
};
