import type { Dispatcher } from 'undici';
import type { Kodi } from '../../src/kodi/index.js';
import { DEFAULT_HELIX_URL, DEFAULT_OAUTH_URL } from '../twitch/endpoints.js';
import { LegacySettings } from './legacy-settings.js';

/** Scopes the login asks for, as the Python add-on asks them (space-separated on the wire). */
export const LOGIN_SCOPES = [
  'user:read:follows',
  'user:edit:follows',
  'user:read:subscriptions',
  'chat:read',
  'chat:edit',
] as const;

/** Time limit of one request to Twitch, in ms (the issue allows at most 15 s). */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Where and as whom the add-on talks to Twitch for one invocation. */
export interface AuthConfig {
  /** `oauth_clientid` when set, else `TWITCH_CLIENT_ID`; `""` when neither is. */
  clientId: string;
  oauthUrl: string;
  helixUrl: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
  signal: AbortSignal;
}

/** Reads the Client-ID and endpoints once; the dispatcher (and undici) load only now. */
export async function loadAuthConfig(kodi: Kodi, addon: { getSetting(id: string): string }): Promise<AuthConfig> {
  const env = kodi.shim.env;
  return {
    clientId: addon.getSetting(LegacySettings.CLIENT_ID).trim() || (env.TWITCH_CLIENT_ID ?? '').trim(),
    oauthUrl: env.TWITCH_OAUTH_URL || DEFAULT_OAUTH_URL,
    helixUrl: env.TWITCH_HELIX_URL || DEFAULT_HELIX_URL,
    dispatcher: await kodi.shim.dispatcher(),
    timeoutMs: REQUEST_TIMEOUT_MS,
    signal: kodi.shim.signal,
  };
}
