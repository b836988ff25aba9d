// Builders of Twitch replies as plain WHATWG Responses, shaped as Twitch really sends them.

/** A JSON reply. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** Twitch's error shape: `{"status":400,"message":"..."}`. */
export function twitchErrorResponse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { status, message }, headers);
}

/** A body that is not JSON, with the content type given. */
export function textResponse(status: number, text: string, contentType = 'text/plain'): Response {
  return new Response(text, { status, headers: { 'content-type': contentType } });
}

/** What a proxy or captive portal sends instead of Twitch's JSON. */
export function htmlResponse(status = 200): Response {
  return textResponse(status, '<!DOCTYPE html><html><body><h1>Sign in to the hotel network</h1></body></html>', 'text/html');
}

/** `POST /oauth2/device` success body, as Twitch sends it. */
export function deviceBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    device_code: 'dc-7yq0e3bq4xxm1f6w9h2kz5r8t',
    expires_in: 1800,
    interval: 5,
    user_code: 'ABCDEFGH',
    verification_uri: 'https://www.twitch.tv/activate?public=true&device-code=ABCDEFGH',
    ...overrides,
  };
}

/** `POST /oauth2/token` success body, as Twitch sends it (scope is an array). */
export function tokenBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    access_token: 'at-0123456789abcdefghijklmnopqr',
    expires_in: 14542,
    refresh_token: 'rt-abcdefghijklmnopqrstuvwxyz0123456789abcdefghij',
    scope: ['user:read:follows', 'chat:read'],
    token_type: 'bearer',
    ...overrides,
  };
}

/** `GET /oauth2/validate` success body. */
export function validateBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { client_id: 'kimne78kx3ncx6brgo4mv6wki5h1ko', login: 'viewer', scopes: ['user:read:follows'], user_id: '141981764', expires_in: 5520838, ...overrides };
}
