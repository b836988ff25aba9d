import type { HelixClient, HelixItem, HelixPage } from './helix-client.js';
import {
  toChannelSearchResult,
  toFollowedChannel,
  toTwitchClip,
  toTwitchGame,
  toTwitchStream,
  toTwitchUser,
  toTwitchVideo,
} from './helix.external.js';
import type { ChannelSearchResult, FollowedChannel, Page, PageQuery, TwitchClip, TwitchGame, TwitchStream, TwitchUser, TwitchVideo } from './helix-types.js';

function mapPage<T>(page: HelixPage<HelixItem>, map: (item: HelixItem) => T): Page<T> {
  return { ...page, data: page.data.map(map) };
}

/** `users` by ids and/or logins (up to 100 together); none = the token's own user. */
export async function getUsers(helix: HelixClient, query: { ids?: readonly string[]; logins?: readonly string[] } = {}): Promise<TwitchUser[]> {
  const page = await helix.get('users', { id: query.ids, login: query.logins });
  return page.data.map(toTwitchUser);
}

/** `streams`, live streams by viewers, filtered by users, games or languages. */
export async function getStreams(
  helix: HelixClient,
  query: PageQuery & { userIds?: readonly string[]; userLogins?: readonly string[]; gameIds?: readonly string[]; languages?: readonly string[] } = {},
): Promise<Page<TwitchStream>> {
  const page = await helix.get('streams', {
    user_id: query.userIds,
    user_login: query.userLogins,
    game_id: query.gameIds,
    language: query.languages,
    first: query.first,
    after: query.after,
  });
  return mapPage(page, toTwitchStream);
}

/** `streams/followed`: live streams of the channels `userId` follows (needs `user:read:follows`). */
export async function getFollowedStreams(helix: HelixClient, query: PageQuery & { userId: string }): Promise<Page<TwitchStream>> {
  return mapPage(await helix.get('streams/followed', { user_id: query.userId, first: query.first, after: query.after }), toTwitchStream);
}

/** `channels/followed`: the channels `userId` follows (needs `user:read:follows`). */
export async function getFollowedChannels(helix: HelixClient, query: PageQuery & { userId: string }): Promise<Page<FollowedChannel>> {
  return mapPage(await helix.get('channels/followed', { user_id: query.userId, first: query.first, after: query.after }), toFollowedChannel);
}

/** `games/top`: categories by current viewers. */
export async function getTopGames(helix: HelixClient, query: PageQuery = {}): Promise<Page<TwitchGame>> {
  return mapPage(await helix.get('games/top', { first: query.first, after: query.after }), toTwitchGame);
}

/** `games` by ids and/or names. */
export async function getGames(helix: HelixClient, query: { ids?: readonly string[]; names?: readonly string[] }): Promise<TwitchGame[]> {
  return (await helix.get('games', { id: query.ids, name: query.names })).data.map(toTwitchGame);
}

/** `search/channels`: channels matching `query`, only live ones when `liveOnly`. */
export async function searchChannels(helix: HelixClient, query: PageQuery & { query: string; liveOnly?: boolean }): Promise<Page<ChannelSearchResult>> {
  const page = await helix.get('search/channels', { query: query.query, live_only: query.liveOnly, first: query.first, after: query.after });
  return mapPage(page, toChannelSearchResult);
}

/** `search/categories`: games matching `query`. */
export async function searchCategories(helix: HelixClient, query: PageQuery & { query: string }): Promise<Page<TwitchGame>> {
  return mapPage(await helix.get('search/categories', { query: query.query, first: query.first, after: query.after }), toTwitchGame);
}

/** `videos` of a user or a game; `type` is `all`, `archive`, `highlight` or `upload`. */
export async function getVideos(
  helix: HelixClient,
  query: PageQuery & ({ userId: string; gameId?: undefined } | { gameId: string; userId?: undefined }) & { type?: string; sort?: string; period?: string },
): Promise<Page<TwitchVideo>> {
  const page = await helix.get('videos', {
    user_id: query.userId,
    game_id: query.gameId,
    type: query.type,
    sort: query.sort,
    period: query.period,
    first: query.first,
    after: query.after,
  });
  return mapPage(page, toTwitchVideo);
}

/** `clips` of a broadcaster or a game, optionally from `startedAt` (ISO 8601). */
export async function getClips(
  helix: HelixClient,
  query: PageQuery & ({ broadcasterId: string; gameId?: undefined } | { gameId: string; broadcasterId?: undefined }) & { startedAt?: string; endedAt?: string },
): Promise<Page<TwitchClip>> {
  const page = await helix.get('clips', {
    broadcaster_id: query.broadcasterId,
    game_id: query.gameId,
    started_at: query.startedAt,
    ended_at: query.endedAt,
    first: query.first,
    after: query.after,
  });
  return mapPage(page, toTwitchClip);
}
