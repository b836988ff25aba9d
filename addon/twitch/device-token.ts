import { sendTwitchRequest } from './http.js';
import { parseTokenBody } from './oauth.external.js';
import { oauthEndpoint, type OAuthOptions } from './oauth-options.js';
import { badReply, readTwitchBody, twitchErrorMessage, unexpectedReplyError } from './response.js';
import { toTwitchTokens, type TwitchTokens } from './tokens.js';

/** RFC 8628 §3.4 grant type. */
export const DEVICE_CODE_GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:device_code';

/** One poll's outcome; anything else is thrown as an AddonError. */
export type DeviceTokenResult =
  | { kind: 'tokens'; tokens: TwitchTokens }
  /** The user has not approved yet. */
  | { kind: 'pending' }
  /** RFC 8628 §3.5: poll 5 s slower from now on. */
  | { kind: 'slow_down' }
  /** Twitch's "invalid device code": used or expired, but also seen before a login that then succeeded. */
  | { kind: 'invalid_device_code' }
  /** The user declined. */
  | { kind: 'denied' };

/** RFC 8628 §3.4 device access token request: `POST {oauth}/token` with the device grant. */
export function deviceTokenRequest(options: OAuthOptions, deviceCode: string, scopes: readonly string[]): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'POST',
    url: oauthEndpoint(options, 'token'),
    form: {
      client_id: options.clientId,
      scopes: scopes.join(' '),
      device_code: deviceCode,
      grant_type: DEVICE_CODE_GRANT_TYPE,
    },
  });
}

/** RFC 8628 §3.5 device access token response into a DeviceTokenResult, or an AddonError. */
export async function processDeviceTokenResponse(response: Response, nowMs?: number): Promise<DeviceTokenResult> {
  const body = await readTwitchBody(response);
  if (response.ok) {
    if (!body.isJson) throw badReply(response, body, 'device login');
    return { kind: 'tokens', tokens: toTwitchTokens(parseTokenBody(body.json, 'device login')) };
  }
  // Twitch puts the RFC's error code in `message`; some proxies pass the RFC's `error` through.
  const message = twitchErrorMessage(body)?.trim().toLowerCase();
  if (response.status === 400 || response.status === 401 || response.status === 403) {
    if (message === 'authorization_pending') return { kind: 'pending' };
    if (message === 'slow_down') return { kind: 'slow_down' };
    if (message === 'invalid device code' || message === 'expired_token') return { kind: 'invalid_device_code' };
    if (message === 'access_denied' || message?.includes('denied')) return { kind: 'denied' };
  }
  throw unexpectedReplyError(response, body, 'device login', nowMs);
}

/** Both steps in one call: one poll. */
export async function pollDeviceTokenOnce(options: OAuthOptions, deviceCode: string, scopes: readonly string[]): Promise<DeviceTokenResult> {
  return processDeviceTokenResponse(await deviceTokenRequest(options, deviceCode, scopes));
}
