import { numberField, optionalBoolean, optionalNumber, optionalString, stringField } from './assert.js';
import type { HelixItem } from './helix-client.js';
import type { ChannelSearchResult, FollowedChannel, TwitchClip, TwitchGame, TwitchStream, TwitchUser, TwitchVideo } from './helix-types.js';

// Helix items arrive snake_case; these mappers are the only code that reads them, checking each field.

/** Twitch's video duration `1h2m3s` in seconds; 0 when it cannot be read. */
export function parseTwitchDuration(text: string): number {
  const match = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return 0;
  return Number(match[1] ?? 0) * 3600 + Number(match[2] ?? 0) * 60 + Number(match[3] ?? 0);
}

/** Maps one `users` item. */
export function toTwitchUser(item: HelixItem): TwitchUser {
  const w = 'Helix users';
  return {
    id: stringField(item, 'id', w),
    login: stringField(item, 'login', w),
    displayName: optionalString(item, 'display_name', w) || stringField(item, 'login', w),
    broadcasterType: optionalString(item, 'broadcaster_type', w),
    description: optionalString(item, 'description', w),
    profileImageUrl: optionalString(item, 'profile_image_url', w),
    offlineImageUrl: optionalString(item, 'offline_image_url', w),
  };
}

/** Maps one `streams` item. */
export function toTwitchStream(item: HelixItem): TwitchStream {
  const w = 'Helix streams';
  return {
    id: stringField(item, 'id', w),
    userId: stringField(item, 'user_id', w),
    userLogin: stringField(item, 'user_login', w),
    userName: optionalString(item, 'user_name', w),
    gameId: optionalString(item, 'game_id', w),
    gameName: optionalString(item, 'game_name', w),
    title: optionalString(item, 'title', w),
    viewerCount: optionalNumber(item, 'viewer_count', w, 0),
    startedAt: optionalString(item, 'started_at', w),
    language: optionalString(item, 'language', w),
    thumbnailUrl: optionalString(item, 'thumbnail_url', w),
    isMature: optionalBoolean(item, 'is_mature', w),
  };
}

/** Maps one `channels/followed` item. */
export function toFollowedChannel(item: HelixItem): FollowedChannel {
  const w = 'Helix channels/followed';
  return {
    broadcasterId: stringField(item, 'broadcaster_id', w),
    broadcasterLogin: stringField(item, 'broadcaster_login', w),
    broadcasterName: optionalString(item, 'broadcaster_name', w),
    followedAt: optionalString(item, 'followed_at', w),
  };
}

/** Maps one `games`, `games/top` or `search/categories` item. */
export function toTwitchGame(item: HelixItem): TwitchGame {
  const w = 'Helix games';
  return { id: stringField(item, 'id', w), name: stringField(item, 'name', w), boxArtUrl: optionalString(item, 'box_art_url', w) };
}

/** Maps one `search/channels` item. */
export function toChannelSearchResult(item: HelixItem): ChannelSearchResult {
  const w = 'Helix search/channels';
  return {
    id: stringField(item, 'id', w),
    broadcasterLogin: stringField(item, 'broadcaster_login', w),
    displayName: optionalString(item, 'display_name', w),
    language: optionalString(item, 'broadcaster_language', w),
    gameId: optionalString(item, 'game_id', w),
    gameName: optionalString(item, 'game_name', w),
    isLive: optionalBoolean(item, 'is_live', w),
    title: optionalString(item, 'title', w),
    thumbnailUrl: optionalString(item, 'thumbnail_url', w),
    startedAt: optionalString(item, 'started_at', w),
  };
}

/** Maps one `videos` item. */
export function toTwitchVideo(item: HelixItem): TwitchVideo {
  const w = 'Helix videos';
  return {
    id: stringField(item, 'id', w),
    userId: stringField(item, 'user_id', w),
    userLogin: optionalString(item, 'user_login', w),
    userName: optionalString(item, 'user_name', w),
    title: optionalString(item, 'title', w),
    description: optionalString(item, 'description', w),
    createdAt: optionalString(item, 'created_at', w),
    publishedAt: optionalString(item, 'published_at', w),
    url: optionalString(item, 'url', w),
    thumbnailUrl: optionalString(item, 'thumbnail_url', w),
    viewCount: optionalNumber(item, 'view_count', w, 0),
    language: optionalString(item, 'language', w),
    type: optionalString(item, 'type', w),
    durationSeconds: parseTwitchDuration(optionalString(item, 'duration', w)),
  };
}

/** Maps one `clips` item. */
export function toTwitchClip(item: HelixItem): TwitchClip {
  const w = 'Helix clips';
  return {
    id: stringField(item, 'id', w),
    url: optionalString(item, 'url', w),
    broadcasterId: stringField(item, 'broadcaster_id', w),
    broadcasterName: optionalString(item, 'broadcaster_name', w),
    creatorName: optionalString(item, 'creator_name', w),
    videoId: optionalString(item, 'video_id', w),
    gameId: optionalString(item, 'game_id', w),
    title: optionalString(item, 'title', w),
    viewCount: optionalNumber(item, 'view_count', w, 0),
    createdAt: optionalString(item, 'created_at', w),
    thumbnailUrl: optionalString(item, 'thumbnail_url', w),
    durationSeconds: item.duration === undefined ? 0 : numberField(item, 'duration', w),
  };
}

