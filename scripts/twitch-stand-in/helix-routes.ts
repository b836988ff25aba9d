import {
  CHANNEL_COUNT,
  GAME_COUNT,
  LIVE_COUNT,
  allChannels,
  channelIndexById,
  channelLogin,
  channelSearchItem,
  clipItems,
  decodeCursor,
  encodeCursor,
  followItem,
  followedChannels,
  gameId,
  gameItem,
  gameName,
  streamItem,
  userItem,
  videoItems,
} from './helix-data.js';
import type { AccessGrant } from './token-book.js';

export interface HelixReply {
  status: number;
  body: unknown;
}

type Item = Record<string, unknown>;

function bad(message: string): HelixReply {
  return { status: 400, body: { error: 'Bad Request', status: 400, message } };
}

function page(items: Item[], query: URLSearchParams, extra: Record<string, unknown> = {}): HelixReply {
  const firstText = query.get('first');
  const first = firstText === null ? 20 : Number(firstText);
  if (!Number.isInteger(first) || first < 1 || first > 100) return bad('The parameter "first" was malformed: the value must be less than or equal to 100');
  const after = query.get('after');
  const offset = after ? decodeCursor(after) : 0;
  if (offset === undefined) return bad('Invalid cursor');
  const slice = items.slice(offset, offset + first);
  const next = offset + first < items.length ? encodeCursor(offset + first) : undefined;
  return { status: 200, body: { data: slice, pagination: next ? { cursor: next } : {}, ...extra } };
}

function channelFromParams(query: URLSearchParams, key: string): number[] | undefined {
  const ids = query.getAll(key);
  if (ids.length === 0) return undefined;
  return ids.map((id) => channelIndexById(id)).filter((i): i is number => i !== undefined);
}

/** Answers `GET /helix/<endpoint>` for the token's user; undefined for an unknown endpoint. */
export function helixRoute(endpoint: string, query: URLSearchParams, grant: AccessGrant): HelixReply | undefined {
  switch (endpoint) {
    case 'users': {
      const ids = query.getAll('id');
      const logins = query.getAll('login');
      if (ids.length + logins.length > 100) return bad('The sum of the "id" and "login" parameters must not exceed 100');
      if (ids.length === 0 && logins.length === 0) return { status: 200, body: { data: [userItem(grant.login)] } };
      const found: Item[] = [];
      for (const id of ids) {
        const channel = channelIndexById(id);
        if (channel !== undefined) found.push(userItem(channelLogin(channel)));
        else if (id === grant.userId) found.push(userItem(grant.login));
      }
      for (const login of logins) if (/^[a-z0-9_]{1,25}$/.test(login.toLowerCase())) found.push(userItem(login.toLowerCase()));
      return { status: 200, body: { data: found } };
    }
    case 'streams': {
      let channels = allChannels().filter((i) => i < LIVE_COUNT);
      const byId = channelFromParams(query, 'user_id');
      if (byId) channels = channels.filter((i) => byId.includes(i));
      const logins = query.getAll('user_login');
      if (logins.length) channels = channels.filter((i) => logins.includes(channelLogin(i)));
      const games = query.getAll('game_id');
      if (games.length) channels = channels.filter((i) => games.includes(String(streamItem(i).game_id)));
      const languages = query.getAll('language');
      if (languages.length) channels = channels.filter((i) => languages.includes(String(streamItem(i).language)));
      return page(channels.map(streamItem), query);
    }
    case 'streams/followed': {
      const userId = query.get('user_id');
      if (!userId) return bad('Missing required parameter "user_id"');
      if (userId !== grant.userId) return bad('The ID in user_id must match the user ID found in the request\'s OAuth token.');
      return page(followedChannels(grant.login).filter((i) => i < LIVE_COUNT).map(streamItem), query);
    }
    case 'channels/followed': {
      const userId = query.get('user_id');
      if (!userId) return bad('Missing required parameter "user_id"');
      if (userId !== grant.userId) return bad('The ID in user_id must match the user ID found in the request\'s OAuth token.');
      const followed = followedChannels(grant.login);
      return page(followed.map(followItem), query, { total: followed.length });
    }
    case 'games/top':
      return page(Array.from({ length: GAME_COUNT }, (_, i) => gameItem(i)), query);
    case 'games': {
      const ids = query.getAll('id');
      const names = query.getAll('name');
      if (ids.length + names.length === 0) return bad('Missing required parameter "id" or "name"');
      const games = Array.from({ length: GAME_COUNT }, (_, i) => i).filter((i) => ids.includes(gameId(i)) || names.includes(gameName(i)));
      return { status: 200, body: { data: games.map(gameItem) } };
    }
    case 'search/channels': {
      const text = query.get('query');
      if (!text) return bad('Missing required parameter "query"');
      const liveOnly = query.get('live_only') === 'true';
      const channels = allChannels().filter((i) => channelLogin(i).includes(text.toLowerCase()) && (!liveOnly || i < LIVE_COUNT));
      return page(channels.map(channelSearchItem), query);
    }
    case 'search/categories': {
      const text = query.get('query');
      if (!text) return bad('Missing required parameter "query"');
      const games = Array.from({ length: GAME_COUNT }, (_, i) => i).filter((i) => gameName(i).toLowerCase().includes(text.toLowerCase()));
      return page(games.map(gameItem), query);
    }
    case 'videos': {
      const userId = query.get('user_id');
      const game = query.get('game_id');
      if (!userId && !game && query.getAll('id').length === 0) return bad('Missing required parameter "id", "user_id" or "game_id"');
      let videos: Item[];
      if (userId) {
        const channel = channelIndexById(userId);
        videos = channel === undefined ? [] : videoItems(channel);
      } else if (game) {
        videos = allChannels().filter((i) => gameId(i % GAME_COUNT) === game).flatMap((i) => videoItems(i).slice(0, 3));
      } else {
        const wanted = query.getAll('id');
        videos = allChannels().flatMap(videoItems).filter((v) => wanted.includes(String(v.id)));
      }
      const type = query.get('type');
      if (type && type !== 'all') videos = videos.filter((v) => v.type === type);
      return page(videos, query);
    }
    case 'clips': {
      const broadcaster = query.get('broadcaster_id');
      const game = query.get('game_id');
      if (!broadcaster && !game) return bad('Missing required parameter "broadcaster_id", "game_id" or "id"');
      let clips: Item[];
      if (broadcaster) {
        const channel = channelIndexById(broadcaster);
        clips = channel === undefined ? [] : clipItems(channel);
      } else {
        clips = allChannels().filter((i) => gameId(i % GAME_COUNT) === game).flatMap((i) => clipItems(i).slice(0, 5));
      }
      return page(clips, query);
    }
    default:
      return undefined;
  }
}

/** Sizes of the synthetic catalogue, for tests that page through it. */
export const HELIX_CATALOGUE = { channels: CHANNEL_COUNT, live: LIVE_COUNT, games: GAME_COUNT } as const;
