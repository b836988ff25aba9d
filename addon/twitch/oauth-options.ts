import type { TwitchHttpOptions } from './http.js';
import { DEFAULT_OAUTH_URL, joinUrl } from './endpoints.js';

/** What every OAuth request needs. */
export interface OAuthOptions extends TwitchHttpOptions {
  /** Base URL, `TWITCH_OAUTH_URL`; default `https://id.twitch.tv/oauth2`. */
  oauthUrl?: string;
  /** The application's Client-ID (not a secret). */
  clientId: string;
}

/** The URL of `path` below the OAuth base. */
export function oauthEndpoint(options: { oauthUrl?: string | undefined }, path: string): URL {
  return joinUrl(options.oauthUrl ?? DEFAULT_OAUTH_URL, path);
}
