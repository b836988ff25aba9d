import type { Dispatcher } from 'undici';
import { AddonError, AddonErrorCodes } from '../errors.js';

/** Time limit of one request when the caller gives none, in ms. */
export const DEFAULT_TIMEOUT_MS = 10_000;
/** No request may wait longer than this, in ms, whatever the caller asks. */
export const MAX_TIMEOUT_MS = 15_000;
/** Largest reply body read, in bytes; Helix pages are a few hundred KiB at most. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** What every Twitch request needs from its caller. */
export interface TwitchHttpOptions {
  /** The dispatcher the host injects (an undici MockAgent in tests); the global one is never used. */
  dispatcher: Dispatcher;
  /** Limit for the whole request, headers and body, in ms; default 10 s, capped at 15 s. */
  timeoutMs?: number;
  /** Aborting it cancels the request at once (error code CANCELLED). */
  signal?: AbortSignal;
}

/** One HTTP request to Twitch. */
export interface TwitchHttpRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  /** Sent as `application/x-www-form-urlencoded`, as every Twitch OAuth endpoint expects. */
  form?: Record<string, string>;
}

// Statuses whose reply may not carry a body (the Fetch standard's "null body status").
const NULL_BODY_STATUSES = new Set([204, 205, 304]);

/**
 * Sends one request through the injected dispatcher and returns the complete reply as a WHATWG
 * `Response` (body already read). Transport failures become AddonErrors NETWORK, TIMEOUT or CANCELLED.
 */
export async function sendTwitchRequest(http: TwitchHttpOptions, request: TwitchHttpRequest): Promise<Response> {
  const timeoutMs = effectiveTimeoutMs(http.timeoutMs);
  const where = request.url.host;
  if (http.signal?.aborted) throw cancelledError(where, http.signal.reason);
  const timer = new AbortController();
  const handle = setTimeout(() => timer.abort(), timeoutMs);
  const signal = http.signal ? AbortSignal.any([http.signal, timer.signal]) : timer.signal;
  const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
  let body: string | undefined;
  if (request.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(request.form).toString();
  }
  try {
    const reply = await http.dispatcher.request({
      origin: request.url.origin,
      path: `${request.url.pathname}${request.url.search}`,
      method: request.method,
      headers,
      body,
      signal,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of reply.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        reply.body.destroy();
        throw new AddonError(AddonErrorCodes.BAD_RESPONSE, `Twitch (${where}) sent a reply larger than ${MAX_BODY_BYTES / 1024 / 1024} MiB; try again later.`, { status: reply.statusCode });
      }
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    if (reply.statusCode < 200 || reply.statusCode > 599) {
      throw new AddonError(AddonErrorCodes.BAD_RESPONSE, `Twitch (${where}) answered with HTTP status ${reply.statusCode}, which it never sends.`, { status: reply.statusCode });
    }
    const responseHeaders = new Headers();
    for (const [name, value] of Object.entries(reply.headers)) {
      if (value === undefined) continue;
      for (const one of Array.isArray(value) ? value : [value]) responseHeaders.append(name, one);
    }
    return new Response(NULL_BODY_STATUSES.has(reply.statusCode) ? null : bytes, {
      status: reply.statusCode,
      headers: responseHeaders,
    });
  } catch (error) {
    if (error instanceof AddonError) throw error;
    if (http.signal?.aborted) throw cancelledError(where, error);
    if (timer.signal.aborted || isUndiciTimeout(error)) {
      throw new AddonError(
        AddonErrorCodes.TIMEOUT,
        `Twitch (${where}) did not answer within ${Math.round(timeoutMs / 1000)} s; check the network connection and try again.`,
        { cause: error },
      );
    }
    throw new AddonError(
      AddonErrorCodes.NETWORK,
      `Could not reach Twitch (${where})${describeCode(error)}; check the network connection and try again.`,
      { cause: error },
    );
  } finally {
    clearTimeout(handle);
  }
}

/** The time limit actually used for `requestedMs`: default 10 s, at least 1 ms, at most 15 s. */
export function effectiveTimeoutMs(requestedMs: number | undefined): number {
  if (requestedMs === undefined || !Number.isFinite(requestedMs)) return DEFAULT_TIMEOUT_MS;
  return Math.min(Math.max(1, Math.trunc(requestedMs)), MAX_TIMEOUT_MS);
}

function cancelledError(where: string, cause: unknown): AddonError {
  return new AddonError(AddonErrorCodes.CANCELLED, `The request to Twitch (${where}) was cancelled.`, { cause });
}

function isUndiciTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT';
}

// Only the error's code goes into the message: undici's own messages may quote the request.
function describeCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z_]+$/.test(code) ? ` (${code})` : '';
}
