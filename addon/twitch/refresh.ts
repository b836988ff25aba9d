import { AddonError, AddonErrorCodes } from '../errors.js';
import { sendTwitchRequest } from './http.js';
import { parseTokenBody } from './oauth.external.js';
import { oauthEndpoint, type OAuthOptions } from './oauth-options.js';
import { badReply, readTwitchBody, twitchErrorMessage, unexpectedReplyError } from './response.js';
import { toTwitchTokens, type TwitchTokens } from './tokens.js';

/**
 * RFC 6749 §6 refresh: `POST {oauth}/token` with `grant_type=refresh_token`, `refresh_token` and
 * `client_id`, no secret (a public client). Never retried here: the single-use token may already be
 * spent at Twitch even when the reply is lost, so only the caller can decide what a retry means.
 */
export function refreshTokenRequest(options: OAuthOptions, refreshToken: string): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'POST',
    url: oauthEndpoint(options, 'token'),
    form: { grant_type: 'refresh_token', refresh_token: refreshToken, client_id: options.clientId },
  });
}

/**
 * The refresh reply into new tokens, or an AddonError: REFRESH_TOKEN_INVALID ("Invalid refresh
 * token"), CLIENT_SECRET_REQUIRED ("missing client secret"), or a transient one (see `isTransient`).
 */
export async function processRefreshTokenResponse(response: Response, nowMs?: number): Promise<TwitchTokens> {
  const body = await readTwitchBody(response);
  if (response.ok) {
    if (!body.isJson) throw badReply(response, body, 'token refresh');
    return toTwitchTokens(parseTokenBody(body.json, 'token refresh'));
  }
  const message = twitchErrorMessage(body)?.trim().toLowerCase() ?? '';
  if (response.status >= 400 && response.status < 500 && response.status !== 429) {
    if (message === 'invalid refresh token' || message === 'invalid_grant') {
      throw new AddonError(
        AddonErrorCodes.REFRESH_TOKEN_INVALID,
        'Twitch no longer accepts the saved login (the refresh token is spent, expired or revoked); log in again.',
        { status: response.status },
      );
    }
    if (message === 'missing client secret') {
      throw new AddonError(
        AddonErrorCodes.CLIENT_SECRET_REQUIRED,
        'Twitch requires a client secret to renew logins of this Client-ID; automatic renewal needs a Client-ID registered as a Public client.',
        { status: response.status },
      );
    }
  }
  throw unexpectedReplyError(response, body, 'token refresh', nowMs);
}

/** Both steps in one call; never retried (see `refreshTokenRequest`). */
export async function refreshAccessToken(options: OAuthOptions, refreshToken: string): Promise<TwitchTokens> {
  return processRefreshTokenResponse(await refreshTokenRequest(options, refreshToken));
}
