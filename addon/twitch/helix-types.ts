/** Domain types of the Helix endpoints the add-on uses (camelCase, units in names). */
import type { HelixPage } from './helix-client.js';

/** Paging arguments every list endpoint takes. */
export interface PageQuery {
  /** Items per page, 1–100 (Helix's default 20). */
  first?: number;
  /** The `cursor` of the previous page. */
  after?: string;
}

export interface TwitchUser {
  id: string;
  login: string;
  displayName: string;
  broadcasterType: string;
  description: string;
  profileImageUrl: string;
  offlineImageUrl: string;
}

export interface TwitchStream {
  id: string;
  userId: string;
  userLogin: string;
  userName: string;
  gameId: string;
  gameName: string;
  title: string;
  viewerCount: number;
  /** ISO 8601. */
  startedAt: string;
  language: string;
  /** Contains `{width}` and `{height}` placeholders. */
  thumbnailUrl: string;
  isMature: boolean;
}

export interface FollowedChannel {
  broadcasterId: string;
  broadcasterLogin: string;
  broadcasterName: string;
  followedAt: string;
}

export interface TwitchGame {
  id: string;
  name: string;
  /** Contains `{width}` and `{height}` placeholders. */
  boxArtUrl: string;
}

export interface ChannelSearchResult {
  id: string;
  broadcasterLogin: string;
  displayName: string;
  language: string;
  gameId: string;
  gameName: string;
  isLive: boolean;
  title: string;
  thumbnailUrl: string;
  /** ISO 8601, '' when offline. */
  startedAt: string;
}

export interface TwitchVideo {
  id: string;
  userId: string;
  userLogin: string;
  userName: string;
  title: string;
  description: string;
  createdAt: string;
  publishedAt: string;
  url: string;
  thumbnailUrl: string;
  viewCount: number;
  language: string;
  /** `archive`, `highlight` or `upload`. */
  type: string;
  durationSeconds: number;
}

export interface TwitchClip {
  id: string;
  url: string;
  broadcasterId: string;
  broadcasterName: string;
  creatorName: string;
  videoId: string;
  gameId: string;
  title: string;
  viewCount: number;
  createdAt: string;
  thumbnailUrl: string;
  durationSeconds: number;
}

/** A page of domain items. */
export type Page<T> = HelixPage<T>;

