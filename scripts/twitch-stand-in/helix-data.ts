import { userIdFor } from './token-book.js';

// Synthetic, deterministic Helix data: the same catalogue on every run, so tests can name items.

export const CHANNEL_COUNT = 200;
/** Channels 0 … LIVE_COUNT-1 are live. */
export const LIVE_COUNT = 150;
export const GAME_COUNT = 60;
const VIDEOS_PER_CHANNEL = 30;
const CLIPS_PER_CHANNEL = 25;
const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
const EPOCH_MS = Date.UTC(2026, 0, 1);

type Item = Record<string, unknown>;

export function channelLogin(index: number): string {
  return `streamer${String(index).padStart(3, '0')}`;
}

function gameOf(channel: number): number {
  return channel % GAME_COUNT;
}

export function gameId(index: number): string {
  return String(10_000 + index);
}

export function gameName(index: number): string {
  return `Game ${String(index).padStart(2, '0')}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function userItem(login: string): Item {
  return {
    id: userIdFor(login),
    login,
    display_name: login.charAt(0).toUpperCase() + login.slice(1),
    type: '',
    broadcaster_type: '',
    description: `The stand-in channel of ${login}.`,
    profile_image_url: `https://static-cdn.example/${login}-profile.png`,
    offline_image_url: '',
    created_at: iso(EPOCH_MS - 1000 * 24 * 3600_000),
  };
}

export function allChannels(): number[] {
  return Array.from({ length: CHANNEL_COUNT }, (_, i) => i);
}

export function channelIndexById(id: string): number | undefined {
  for (let i = 0; i < CHANNEL_COUNT; i++) if (userIdFor(channelLogin(i)) === id) return i;
  return undefined;
}

export function streamItem(channel: number): Item {
  const login = channelLogin(channel);
  const game = gameOf(channel);
  return {
    id: String(40_000_000_000 + channel),
    user_id: userIdFor(login),
    user_login: login,
    user_name: login.charAt(0).toUpperCase() + login.slice(1),
    game_id: gameId(game),
    game_name: gameName(game),
    type: 'live',
    title: `Live with ${login}: ${gameName(game)}`,
    tags: [],
    viewer_count: 100_000 - channel * 500,
    started_at: iso(EPOCH_MS - (channel + 1) * 60_000),
    language: LANGUAGES[channel % LANGUAGES.length],
    thumbnail_url: `https://static-cdn.example/previews/live_user_${login}-{width}x{height}.jpg`,
    is_mature: false,
  };
}

export function gameItem(index: number): Item {
  return { id: gameId(index), name: gameName(index), box_art_url: `https://static-cdn.example/boxart/${gameId(index)}-{width}x{height}.jpg`, igdb_id: '' };
}

/** The channels `login` follows: about one in seven, the same set every time. */
export function followedChannels(login: string): number[] {
  const seed = Number(userIdFor(login)) % 7;
  return allChannels().filter((i) => (i + seed) % 7 === 0);
}

export function followItem(channel: number): Item {
  const login = channelLogin(channel);
  return {
    broadcaster_id: userIdFor(login),
    broadcaster_login: login,
    broadcaster_name: login.charAt(0).toUpperCase() + login.slice(1),
    followed_at: iso(EPOCH_MS - channel * 86_400_000),
  };
}

export function channelSearchItem(channel: number): Item {
  const login = channelLogin(channel);
  const game = gameOf(channel);
  const live = channel < LIVE_COUNT;
  return {
    broadcaster_language: LANGUAGES[channel % LANGUAGES.length],
    broadcaster_login: login,
    display_name: login.charAt(0).toUpperCase() + login.slice(1),
    game_id: gameId(game),
    game_name: gameName(game),
    id: userIdFor(login),
    is_live: live,
    tags: [],
    thumbnail_url: `https://static-cdn.example/${login}-profile.png`,
    title: `Live with ${login}: ${gameName(game)}`,
    started_at: live ? iso(EPOCH_MS - (channel + 1) * 60_000) : '',
  };
}

const VIDEO_TYPES = ['archive', 'highlight', 'upload'] as const;

export function videoItems(channel: number): Item[] {
  const login = channelLogin(channel);
  return Array.from({ length: VIDEOS_PER_CHANNEL }, (_, v) => {
    const seconds = 600 + v * 431;
    return {
      id: String(2_000_000_000 + channel * 100 + v),
      stream_id: null,
      user_id: userIdFor(login),
      user_login: login,
      user_name: login.charAt(0).toUpperCase() + login.slice(1),
      title: `${login} video ${v + 1}`,
      description: '',
      created_at: iso(EPOCH_MS - v * 86_400_000),
      published_at: iso(EPOCH_MS - v * 86_400_000),
      url: `https://www.twitch.tv/videos/${2_000_000_000 + channel * 100 + v}`,
      thumbnail_url: `https://static-cdn.example/vods/${login}-${v}-%{width}x%{height}.jpg`,
      viewable: 'public',
      view_count: 5000 - v * 100,
      language: LANGUAGES[channel % LANGUAGES.length],
      type: VIDEO_TYPES[v % VIDEO_TYPES.length],
      duration: `${Math.floor(seconds / 3600)}h${Math.floor((seconds % 3600) / 60)}m${seconds % 60}s`,
      muted_segments: null,
    };
  });
}

export function clipItems(channel: number): Item[] {
  const login = channelLogin(channel);
  return Array.from({ length: CLIPS_PER_CHANNEL }, (_, c) => ({
    id: `Clip${login}${c}`,
    url: `https://clips.twitch.tv/Clip${login}${c}`,
    embed_url: '',
    broadcaster_id: userIdFor(login),
    broadcaster_name: login,
    creator_id: userIdFor(`fan${c}`),
    creator_name: `fan${c}`,
    video_id: '',
    game_id: gameId(gameOf(channel)),
    language: LANGUAGES[channel % LANGUAGES.length],
    title: `${login} clip ${c + 1}`,
    view_count: 900 - c * 10,
    created_at: iso(EPOCH_MS - c * 3_600_000),
    thumbnail_url: `https://clips-media.example/${login}-${c}-preview-480x272.jpg`,
    duration: 10 + c * 0.5,
    vod_offset: null,
    is_featured: false,
  }));
}

/** Twitch's cursors are opaque base64 JSON; ours carry the offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(JSON.stringify({ b: null, a: { Offset: offset } })).toString('base64url');
}

export function decodeCursor(cursor: string): number | undefined {
  try {
    const value = (JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { a?: { Offset?: unknown } }).a?.Offset;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
  } catch {
    return undefined;
  }
}
