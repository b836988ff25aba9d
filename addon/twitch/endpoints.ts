/** Twitch's OAuth base URL; `TWITCH_OAUTH_URL` overrides it. */
export const DEFAULT_OAUTH_URL = 'https://id.twitch.tv/oauth2';
/** Twitch's Helix base URL; `TWITCH_HELIX_URL` overrides it. */
export const DEFAULT_HELIX_URL = 'https://api.twitch.tv/helix';
/** The page the user opens to type the code; Twitch's `verification_uri` carries the code already. */
export const ACTIVATE_URL = 'https://www.twitch.tv/activate';

/** Joins a base URL (with or without a trailing slash) and a path below it. */
export function joinUrl(base: string, path: string): URL {
  const root = base.endsWith('/') ? base : `${base}/`;
  return new URL(path.replace(/^\/+/, ''), root);
}
