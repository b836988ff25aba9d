import { AddonError, AddonErrorCodes } from '../errors.js';

/** A reply's body, read once: the text and, when it is JSON, the parsed value. */
export interface TwitchBody {
  text: string;
  /** `undefined` when the body is empty or not JSON. */
  json: unknown;
  isJson: boolean;
  looksLikeHtml: boolean;
}

/** Reads the body of `response` as text and tries JSON. */
export async function readTwitchBody(response: Response): Promise<TwitchBody> {
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw new AddonError(AddonErrorCodes.BAD_RESPONSE, 'The reply from Twitch could not be read; try again.', { cause: error, status: response.status });
  }
  const looksLikeHtml = /^\s*</.test(text) || (response.headers.get('content-type') ?? '').includes('text/html');
  if (text.trim() === '') return { text, json: undefined, isJson: false, looksLikeHtml: false };
  try {
    return { text, json: JSON.parse(text) as unknown, isJson: true, looksLikeHtml: false };
  } catch {
    return { text, json: undefined, isJson: false, looksLikeHtml };
  }
}

/** Twitch's error text from `{"status":400,"message":"..."}` (or RFC 6749's `error`), if any. */
export function twitchErrorMessage(body: TwitchBody): string | undefined {
  const json = body.json;
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  if (typeof record.message === 'string' && record.message !== '') return record.message;
  if (typeof record.error === 'string' && record.error !== '') return record.error;
  return undefined;
}

/**
 * How long to wait before retrying, in ms, from `Retry-After` (seconds or an HTTP date) or Helix's
 * `Ratelimit-Reset` (epoch seconds). Absolute times are measured against the reply's own `Date`
 * header when it has one, so a wrong local clock does not stretch the wait; else against `nowMs`.
 */
export function retryAfterMsFrom(headers: Headers, nowMs?: number): number | undefined {
  const reference = Date.parse(headers.get('date') ?? '');
  const now = Number.isFinite(reference) ? reference : nowMs;
  const retryAfter = headers.get('retry-after')?.trim();
  // Retry-After is authoritative when present.
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Math.round(Number(retryAfter) * 1000);
    const at = Date.parse(retryAfter);
    if (Number.isFinite(at) && now !== undefined) return Math.max(0, at - now);
  }
  const reset = headers.get('ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset) && now !== undefined) return Math.max(0, Number(reset) * 1000 - now);
  return undefined;
}

/**
 * The error for a reply that is not a success and not one of the endpoint's known answers:
 * 5xx, 429, an HTML page, or Twitch's own message.
 */
export function unexpectedReplyError(response: Response, body: TwitchBody, what: string, nowMs?: number): AddonError {
  const status = response.status;
  const retryAfterMs = retryAfterMsFrom(response.headers, nowMs);
  if (status === 429) {
    const wait = retryAfterMs === undefined ? '' : ` Twitch asks to wait ${Math.ceil(retryAfterMs / 1000)} s.`;
    return new AddonError(AddonErrorCodes.RATE_LIMITED, `Twitch is limiting requests (${what}); try again later.${wait}`, { status, retryAfterMs });
  }
  if (status >= 500) {
    return new AddonError(AddonErrorCodes.SERVER_ERROR, `Twitch had a server error (HTTP ${status}, ${what}); try again later.`, { status, retryAfterMs });
  }
  const message = twitchErrorMessage(body);
  if (message !== undefined) {
    if (/invalid client|client does not exist|client_id/i.test(message)) {
      return new AddonError(AddonErrorCodes.CLIENT_ID_INVALID, `Twitch does not know this Client-ID (${what}: "${sanitize(message)}"); check the Client-ID in the add-on's settings.`, { status });
    }
    return new AddonError(AddonErrorCodes.REQUEST_REJECTED, `Twitch refused the request (${what}, HTTP ${status}): "${sanitize(message)}".`, { status });
  }
  return badReply(response, body, what);
}

/** The error for a reply whose body is not the JSON Twitch sends. */
export function badReply(response: Response, body: TwitchBody, what: string): AddonError {
  const kind = body.looksLikeHtml ? 'an HTML page' : body.text.trim() === '' ? 'an empty reply' : 'a reply that is not JSON';
  return new AddonError(
    AddonErrorCodes.BAD_RESPONSE,
    `Twitch sent ${kind} (HTTP ${response.status}, ${what}); a proxy or captive portal may be in the way; try again later.`,
    { status: response.status },
  );
}

// Twitch's messages are short English phrases; anything else is cut so a log line stays one line.
function sanitize(message: string): string {
  return message.replace(/\s+/g, ' ').slice(0, 200);
}
