import { AddonError, AddonErrorCodes } from '../errors.js';
import { sendTwitchRequest, type TwitchHttpOptions } from './http.js';
import { parseValidateBody } from './oauth.external.js';
import { oauthEndpoint } from './oauth-options.js';
import { badReply, readTwitchBody, unexpectedReplyError } from './response.js';

/** Who an access token belongs to, as `/validate` tells it. */
export interface TokenValidation {
  clientId: string;
  login: string;
  userId: string;
  /** `null` at Twitch reads as []. */
  scopes: string[];
  /** Time left on the access token, in seconds. */
  expiresInSeconds: number;
}

/** `GET {oauth}/validate` with `Authorization: OAuth <token>`; Twitch asks apps to call it at start-up and hourly. */
export function validateTokenRequest(options: TwitchHttpOptions & { oauthUrl?: string }, accessToken: string): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'GET',
    url: oauthEndpoint(options, 'validate'),
    headers: { authorization: `OAuth ${accessToken}` },
  });
}

/** The validate reply into a TokenValidation, INVALID_TOKEN on 401, or another AddonError. */
export async function processValidateResponse(response: Response, nowMs?: number): Promise<TokenValidation> {
  const body = await readTwitchBody(response);
  if (response.status === 401) {
    throw new AddonError(AddonErrorCodes.INVALID_TOKEN, 'Twitch says the access token is no longer valid; it must be renewed or the user must log in again.', { status: 401 });
  }
  if (!response.ok) throw unexpectedReplyError(response, body, 'token validation', nowMs);
  if (!body.isJson) throw badReply(response, body, 'token validation');
  const wire = parseValidateBody(body.json);
  return {
    clientId: wire.client_id,
    login: wire.login,
    userId: wire.user_id,
    scopes: wire.scopes ?? [],
    expiresInSeconds: wire.expires_in,
  };
}

/** Both steps in one call. */
export async function validateAccessToken(options: TwitchHttpOptions & { oauthUrl?: string }, accessToken: string): Promise<TokenValidation> {
  return processValidateResponse(await validateTokenRequest(options, accessToken));
}
