import { sendTwitchRequest } from './http.js';
import { oauthEndpoint, type OAuthOptions } from './oauth-options.js';
import { readTwitchBody, twitchErrorMessage, unexpectedReplyError } from './response.js';

/** `revoked`: Twitch dropped the token now; `already_invalid`: it was dead already ("Invalid token"). */
export type RevokeResult = 'revoked' | 'already_invalid';

/** `POST {oauth}/revoke` with `client_id` and `token`. */
export function revokeTokenRequest(options: OAuthOptions, token: string): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'POST',
    url: oauthEndpoint(options, 'revoke'),
    form: { client_id: options.clientId, token },
  });
}

/** The revoke reply into a RevokeResult, or an AddonError (CLIENT_ID_INVALID for "client does not exist"). */
export async function processRevokeResponse(response: Response, nowMs?: number): Promise<RevokeResult> {
  const body = await readTwitchBody(response);
  if (response.ok) return 'revoked';
  const message = twitchErrorMessage(body)?.trim().toLowerCase();
  // The goal of a revoke is a dead token; one that is dead already is the same outcome for the user.
  if (response.status === 400 && message === 'invalid token') return 'already_invalid';
  throw unexpectedReplyError(response, body, 'revoke', nowMs);
}

/** Both steps in one call. */
export async function revokeToken(options: OAuthOptions, token: string): Promise<RevokeResult> {
  return processRevokeResponse(await revokeTokenRequest(options, token));
}
