import type { TokenBody } from './oauth.external.js';

/** A token set as Twitch issues it, from the device flow or a refresh. */
export interface TwitchTokens {
  accessToken: string;
  /** Single use: every refresh returns a new one and the old one dies. */
  refreshToken: string;
  /** Lifetime of the access token counted from the reply, in seconds (about 4 h). */
  expiresInSeconds: number;
  scopes: string[];
  tokenType: string;
}

/** Maps the wire shape into the domain shape. */
export function toTwitchTokens(body: TokenBody): TwitchTokens {
  return {
    accessToken: body.access_token,
    refreshToken: body.refresh_token,
    expiresInSeconds: body.expires_in,
    scopes: body.scope,
    tokenType: body.token_type,
  };
}
