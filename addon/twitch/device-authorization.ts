import { sendTwitchRequest } from './http.js';
import { parseDeviceAuthorizationBody } from './oauth.external.js';
import { oauthEndpoint, type OAuthOptions } from './oauth-options.js';
import { badReply, readTwitchBody, unexpectedReplyError } from './response.js';

/** RFC 8628 §3.5: a client polls every 5 s when the server names no interval. */
export const DEFAULT_POLL_INTERVAL_SECONDS = 5;

/** What the user needs to approve the login, and what the poller needs. */
export interface DeviceAuthorization {
  /** Secret: never logged. */
  deviceCode: string;
  /** The short code the user types at twitch.tv/activate. */
  userCode: string;
  /** Twitch's link with the code already in it; show the user `ACTIVATE_URL` and the code. */
  verificationUri: string;
  expiresInSeconds: number;
  intervalSeconds: number;
}

/** RFC 8628 §3.1 device authorization request: `POST {oauth}/device` with `client_id` and `scopes`. */
export function deviceAuthorizationRequest(options: OAuthOptions, scopes: readonly string[]): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'POST',
    url: oauthEndpoint(options, 'device'),
    // Twitch names the field `scopes` (plural), space-separated.
    form: { client_id: options.clientId, scopes: scopes.join(' ') },
  });
}

/** RFC 8628 §3.2 device authorization response into a DeviceAuthorization, or an AddonError. */
export async function processDeviceAuthorizationResponse(response: Response): Promise<DeviceAuthorization> {
  const body = await readTwitchBody(response);
  if (!response.ok) throw unexpectedReplyError(response, body, 'device login');
  if (!body.isJson) throw badReply(response, body, 'device login');
  const wire = parseDeviceAuthorizationBody(body.json);
  return {
    deviceCode: wire.device_code,
    userCode: wire.user_code,
    verificationUri: wire.verification_uri,
    expiresInSeconds: wire.expires_in,
    intervalSeconds: wire.interval !== undefined && wire.interval > 0 ? wire.interval : DEFAULT_POLL_INTERVAL_SECONDS,
  };
}

/** Both steps in one call. */
export async function requestDeviceAuthorization(options: OAuthOptions, scopes: readonly string[]): Promise<DeviceAuthorization> {
  return processDeviceAuthorizationResponse(await deviceAuthorizationRequest(options, scopes));
}
