import { AddonError, AddonErrorCodes } from '../errors.js';
import { assertObject, objectArrayField } from './assert.js';
import type { TwitchClock } from './clock.js';
import { DEFAULT_HELIX_URL, joinUrl } from './endpoints.js';
import { sendTwitchRequest, type TwitchHttpOptions } from './http.js';
import { silentLogger, type TwitchLogger } from './logger.js';
import { badReply, readTwitchBody, unexpectedReplyError } from './response.js';

/** A query value; an array repeats the key (`?id=1&id=2`), as Helix expects; null/undefined are left out. */
export type HelixQueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type HelixQuery = Readonly<Record<string, HelixQueryValue>>;

/** Helix's rate-limit bucket, from the `Ratelimit-*` headers. */
export interface HelixRateLimit {
  limit: number;
  remaining: number;
  /** When the bucket refills, ms epoch. */
  resetAtMs: number;
}

/** One page of a Helix reply. */
export interface HelixPage<T> {
  data: T[];
  /** Pass as `after` for the next page; null on the last page. */
  cursor: string | null;
  /** Helix's `total` where the endpoint has one (channels/followed). */
  total: number | null;
  rateLimit: HelixRateLimit | null;
}

/** One raw Helix item; the typed helpers map it into a domain type. */
export type HelixItem = Record<string, unknown>;

/** What a Helix request needs. */
export interface HelixRequestOptions extends TwitchHttpOptions {
  /** Base URL, `TWITCH_HELIX_URL`; default `https://api.twitch.tv/helix`. */
  helixUrl?: string;
  clientId: string;
}

/** Builds `{helix}/<endpoint>?<query>` with repeated keys for arrays. */
export function buildHelixUrl(base: string | undefined, endpoint: string, query: HelixQuery = {}): URL {
  const url = joinUrl(base ?? DEFAULT_HELIX_URL, endpoint);
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) for (const one of value as readonly (string | number)[]) url.searchParams.append(key, String(one));
    else url.searchParams.append(key, String(value));
  }
  return url;
}

/** `GET {helix}/<endpoint>` with `Client-ID` and `Authorization: Bearer`. */
export function helixRequest(options: HelixRequestOptions, endpoint: string, query: HelixQuery, accessToken: string): Promise<Response> {
  return sendTwitchRequest(options, {
    method: 'GET',
    url: buildHelixUrl(options.helixUrl, endpoint, query),
    headers: { 'client-id': options.clientId, authorization: `Bearer ${accessToken}` },
  });
}

/** A Helix reply into a page, or an AddonError: UNAUTHORIZED on 401, RATE_LIMITED on 429 (with `retryAfterMs`). */
export async function processHelixResponse(response: Response, nowMs?: number): Promise<HelixPage<HelixItem>> {
  const body = await readTwitchBody(response);
  if (response.status === 401) {
    throw new AddonError(AddonErrorCodes.UNAUTHORIZED, 'Twitch did not accept the access token; log in again if this goes on.', { status: 401 });
  }
  if (!response.ok) throw unexpectedReplyError(response, body, 'Helix request', nowMs);
  if (!body.isJson) throw badReply(response, body, 'Helix request');
  const json = body.json;
  assertObject(json, 'Helix');
  const data = objectArrayField(json, 'data', 'Helix');
  const pagination = json.pagination;
  let cursor: string | null = null;
  if (pagination !== null && typeof pagination === 'object' && !Array.isArray(pagination)) {
    const value = (pagination as Record<string, unknown>).cursor;
    if (typeof value === 'string' && value !== '') cursor = value;
  }
  const total = typeof json.total === 'number' && Number.isFinite(json.total) ? json.total : null;
  return { data, cursor, total, rateLimit: readRateLimit(response.headers) };
}

/** The `Ratelimit-Limit/-Remaining/-Reset` headers, or null when any is missing. */
export function readRateLimit(headers: Headers): HelixRateLimit | null {
  const limit = Number(headers.get('ratelimit-limit') ?? NaN);
  const remaining = Number(headers.get('ratelimit-remaining') ?? NaN);
  const reset = Number(headers.get('ratelimit-reset') ?? NaN);
  if (![limit, remaining, reset].every(Number.isFinite)) return null;
  return { limit, remaining, resetAtMs: reset * 1000 };
}

export interface HelixClientOptions extends HelixRequestOptions {
  /** The access token to send; a function is asked before every call (another process may have rotated it). */
  accessToken: string | (() => string | Promise<string>);
  /**
   * Called once when Helix answers 401: force a refresh and return the new access token, or null
   * when there is none. The call is then retried once with it (Twitch's advice: react to the 401).
   * What it throws (REFRESH_TOKEN_INVALID, a network error) is what the call throws.
   */
  onUnauthorized?: () => Promise<string | null>;
  clock: TwitchClock;
  logger?: TwitchLogger;
  /** Longest 429 wait the client does by itself before its single retry, in ms; default 5 s; 0 = never. */
  maxRateLimitWaitMs?: number;
}

/** Default longest wait on a 429 before the one retry, in ms. */
export const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 5_000;

/** A small Helix client: one call = at most one forced refresh on 401 and one bounded wait on 429. */
export class HelixClient {
  readonly #options: HelixClientOptions;
  readonly #log: TwitchLogger;

  constructor(options: HelixClientOptions) {
    this.#options = options;
    this.#log = options.logger ?? silentLogger;
  }

  #lastRateLimit: HelixRateLimit | null = null;

  /** The last `Ratelimit-*` reading, for callers that pace themselves. */
  get lastRateLimit(): HelixRateLimit | null {
    return this.#lastRateLimit;
  }

  /** `GET {helix}/<endpoint>?<query>`: one page of raw items. `signal` overrides the client's. */
  async get(endpoint: string, query: HelixQuery = {}, signal?: AbortSignal): Promise<HelixPage<HelixItem>> {
    const options = this.#options;
    const requestOptions: HelixRequestOptions = signal ? { ...options, signal } : options;
    const cancelSignal = requestOptions.signal;
    let token = typeof options.accessToken === 'function' ? await options.accessToken() : options.accessToken;
    let refreshed = false;
    let waited = false;
    for (;;) {
      try {
        const page = await processHelixResponse(await helixRequest(requestOptions, endpoint, query, token), options.clock.now());
        this.#lastRateLimit = page.rateLimit ?? this.#lastRateLimit;
        return page;
      } catch (error) {
        if (!(error instanceof AddonError)) throw error;
        if (error.code === AddonErrorCodes.UNAUTHORIZED && !refreshed && options.onUnauthorized) {
          refreshed = true;
          this.#log.debug(`Helix ${endpoint}: 401, renewing the access token once`);
          const fresh = await options.onUnauthorized();
          if (fresh) {
            token = fresh;
            continue;
          }
          throw error;
        }
        const maxWaitMs = options.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
        if (error.code === AddonErrorCodes.RATE_LIMITED && !waited && maxWaitMs > 0) {
          const waitMs = error.retryAfterMs ?? 1000;
          if (waitMs <= maxWaitMs) {
            waited = true;
            this.#log.info(`Helix ${endpoint}: rate limited, retrying once in ${Math.ceil(waitMs / 1000)} s`);
            if (!(await options.clock.sleep(waitMs, cancelSignal))) {
              throw new AddonError(AddonErrorCodes.CANCELLED, 'The request to Twitch was cancelled.', { cause: error });
            }
            continue;
          }
        }
        throw error;
      }
    }
  }
}
