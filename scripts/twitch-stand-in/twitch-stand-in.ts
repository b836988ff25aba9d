import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { activateFormPage, activateResultPage } from './activate-page.js';
import { FAULT_ENDPOINTS, FAULT_KINDS, FaultQueue, type FaultEndpoint, type FaultKind, type FaultOptions, type QueuedFault } from './faults.js';
import { helixRoute } from './helix-routes.js';
import { TokenBook, type IssuedTokens, type IssueOptions, type TokenLifetimes } from './token-book.js';

export type { FaultEndpoint, FaultKind, FaultOptions } from './faults.js';
export type { IssuedTokens, IssueOptions, TokenLifetimes } from './token-book.js';

/** The stand-in's default Client-ID, registered as public. */
export const STAND_IN_CLIENT_ID = 'standinpublicclientid000000000';
const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const MAX_BODY_BYTES = 64 * 1024;

export interface TwitchStandInOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1: the stand-in is never reachable from outside. */
  host?: string;
  /** The stand-in's clock, ms epoch; tests share one with the client. Default Date.now. */
  now?: () => number;
  /** Token lifetimes and poll pacing, in seconds; defaults are Twitch's. */
  lifetimes?: Partial<TokenLifetimes>;
  /** Client-IDs to register; `confidential: true` gets "missing client secret" on refresh. */
  clients?: Record<string, { confidential?: boolean }>;
  /** When true, unregistered Client-IDs are refused as Twitch does; default false (any Client-ID is a public one). */
  strictClientIds?: boolean;
  /** Helix requests per token per minute before 429; default 800 (Twitch's bucket). */
  helixRateLimit?: number;
  /** Receives one line per request (no secrets). */
  log?: (line: string) => void;
}

export interface TwitchStandIn {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `<url>/oauth2`, for `TWITCH_OAUTH_URL`. */
  readonly oauthUrl: string;
  /** `<url>/helix`, for `TWITCH_HELIX_URL`. */
  readonly helixUrl: string;
  /** `<url>/activate`, the page where a person approves a code. */
  readonly activateUrl: string;
  /** Every request so far by endpoint and by outcome (`device`, `token-refresh`, `refresh-ok`, …). */
  readonly counters: Readonly<Record<string, number>>;
  /** One counter; 0 when never counted. */
  count(name: string): number;
  resetCounters(): void;
  /** Approves a pending user code as if a person did on /activate; throws when the code is not pending. */
  approve(userCode: string, login?: string): void;
  /** Declines a pending user code; throws when the code is not pending. */
  deny(userCode: string): void;
  registerClient(clientId: string, options?: { confidential?: boolean }): void;
  /**
   * Creates a token set directly, as a finished device login would. Default Client-ID: the stand-in's
   * public one; default login `viewer`; given `accessToken`/`refreshToken` values are adopted as they are.
   */
  issueTokens(options?: Partial<IssueOptions>): IssuedTokens;
  /** True while the refresh token would be accepted (not used, not revoked, not expired). */
  isRefreshTokenLive(refreshToken: string): boolean;
  /** True while the access token is accepted by /validate and Helix. */
  isAccessTokenLive(accessToken: string): boolean;
  /** Queues a fault for the next `times` requests to `endpoint`. */
  injectFault(endpoint: FaultEndpoint, kind: FaultKind, options?: FaultOptions): void;
  /** Faults still queued, per endpoint. */
  pendingFaults(): Record<string, number>;
  clearFaults(): void;
  /** Stops listening and drops every open connection (including those a `timeout` fault holds). */
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? '' : JSON.stringify(body) };
}

// Twitch's error shape: {"status":400,"message":"..."}.
function twitchError(status: number, message: string): Reply {
  return json(status, { status, message });
}

function html(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts a stand-in Twitch (OAuth, /activate and a small Helix) on 127.0.0.1. */
export async function startTwitchStandIn(options: TwitchStandInOptions = {}): Promise<TwitchStandIn> {
  const now = options.now ?? (() => Date.now());
  const lifetimes: TokenLifetimes = {
    accessTokenSeconds: 14_400,
    refreshTokenSeconds: 30 * 24 * 3600,
    deviceCodeSeconds: 1800,
    pollIntervalSeconds: 5,
    ...options.lifetimes,
  };
  const book = new TokenBook(now, lifetimes);
  book.registerClient(STAND_IN_CLIENT_ID, false);
  for (const [id, client] of Object.entries(options.clients ?? {})) book.registerClient(id, client.confidential === true);
  const strict = options.strictClientIds === true;
  const faults = new FaultQueue();
  const counters: Record<string, number> = {};
  const count = (name: string) => {
    counters[name] = (counters[name] ?? 0) + 1;
  };
  const rateLimit = options.helixRateLimit ?? 800;
  const buckets = new Map<string, { windowStartMs: number; used: number }>();
  const log = options.log ?? (() => undefined);
  const sockets = new Set<Socket>();
  let baseUrl = '';

  const clientKnown = (clientId: string) => clientId !== '' && (!strict || book.isKnownClient(clientId));

  // Applies a fault: the reply to send instead, or 'handled' when the request gets none (held or dropped).
  const applyFault = (fault: QueuedFault, res: ServerResponse, req: IncomingMessage): Reply | 'handled' => {
    count(`fault-${fault.kind}`);
    log(`fault ${fault.kind} on ${req.method} ${req.url?.split('?')[0]}`);
    switch (fault.kind) {
      case 'status500':
        return twitchError(500, 'Internal Server Error');
      case 'status429':
        return json(429, { error: 'Too Many Requests', status: 429, message: 'Too many requests' }, { 'retry-after': String(fault.retryAfterSeconds) });
      case 'garbage':
        return { status: 200, headers: { 'content-type': 'application/json' }, body: '{"access_token":"trunc' };
      case 'html':
        return html(fault.status, '<!doctype html><html><head><title>Network login</title></head><body><h1>Please sign in to the network</h1></body></html>');
      case 'timeout':
        // Hold the request: the client's own timeout must end it.
        return 'handled';
      case 'reset':
      case 'consumeAndDrop':
        res.socket?.destroy();
        return 'handled';
    }
  };

  const oauth = async (path: string, req: IncomingMessage, res: ServerResponse, url: URL): Promise<Reply | 'handled'> => {
    if (path === 'validate' && req.method === 'GET') {
      count('validate');
      const fault = faults.take(['validate']);
      if (fault) return applyFault(fault, res, req);
      const header = req.headers.authorization ?? '';
      const token = /^(?:OAuth|Bearer)\s+(\S+)$/i.exec(header)?.[1] ?? '';
      const grant = token ? book.accessGrant(token) : undefined;
      if (!grant) {
        count('validate-invalid');
        return twitchError(401, 'invalid access token');
      }
      count('validate-ok');
      return json(200, {
        client_id: grant.clientId,
        login: grant.login,
        // Twitch sends null, not [], for a token without scopes.
        scopes: grant.scopes.length ? grant.scopes : null,
        user_id: grant.userId,
        expires_in: Math.max(0, Math.floor((grant.expiresAtMs - now()) / 1000)),
      });
    }
    if (req.method !== 'POST' || !['device', 'token', 'revoke'].includes(path)) return twitchError(404, 'Not Found');
    const form = new URLSearchParams(await readBody(req));
    // Twitch also reads the fields from the query string.
    for (const [key, value] of url.searchParams) if (!form.has(key)) form.set(key, value);
    const clientId = form.get('client_id') ?? '';

    if (path === 'device') {
      count('device');
      const fault = faults.take(['device']);
      if (fault) return applyFault(fault, res, req);
      if (!clientId) return twitchError(400, 'missing client id');
      if (!clientKnown(clientId)) return twitchError(400, 'invalid client');
      const grant = book.startDevice(clientId, (form.get('scopes') ?? '').split(/\s+/).filter(Boolean));
      count('device-ok');
      return json(200, {
        device_code: grant.deviceCode,
        expires_in: Math.round((grant.expiresAtMs - now()) / 1000),
        interval: grant.intervalMs / 1000,
        user_code: grant.userCode,
        verification_uri: `${baseUrl}/activate?public=true&device-code=${grant.userCode}`,
      });
    }

    if (path === 'revoke') {
      count('revoke');
      const fault = faults.take(['revoke']);
      if (fault) return applyFault(fault, res, req);
      if (!clientId) return twitchError(400, 'missing client id');
      if (!clientKnown(clientId)) return twitchError(404, 'client does not exist');
      if (!book.revoke(clientId, form.get('token') ?? '')) {
        count('revoke-invalid');
        return twitchError(400, 'Invalid token');
      }
      count('revoke-ok');
      return { status: 200, body: '' };
    }

    const grantType = form.get('grant_type') ?? '';
    if (grantType === DEVICE_GRANT) {
      count('token-device');
      const fault = faults.take(['token-device', 'token'], (f) => f.kind !== 'consumeAndDrop');
      if (fault) return applyFault(fault, res, req);
      if (!clientId) return twitchError(400, 'missing client id');
      const outcome = book.pollDevice(clientId, form.get('device_code') ?? '');
      count(`token-device-${outcome.kind === 'slow_down' ? 'slow-down' : outcome.kind}`);
      switch (outcome.kind) {
        case 'pending':
          return twitchError(400, 'authorization_pending');
        case 'slow_down':
          return twitchError(400, 'slow_down');
        case 'invalid':
          return twitchError(400, 'invalid device code');
        case 'denied':
          return twitchError(400, 'access_denied');
        case 'tokens':
          return json(200, tokenBody(outcome.tokens));
      }
    }
    if (grantType === 'refresh_token') {
      count('token-refresh');
      const fault = faults.take(['token-refresh', 'token']);
      if (fault && fault.kind !== 'consumeAndDrop') return applyFault(fault, res, req);
      if (!clientId) return twitchError(400, 'missing client id');
      const outcome = book.refresh(clientId, form.get('refresh_token') ?? '');
      if (fault) {
        // The token is rotated here; the reply carrying the new one is lost.
        count('refresh-dropped');
        return applyFault(fault, res, req);
      }
      switch (outcome.kind) {
        case 'missing_secret':
          count('refresh-missing-secret');
          return twitchError(400, 'missing client secret');
        case 'invalid':
          count('refresh-invalid');
          return twitchError(400, 'Invalid refresh token');
        case 'tokens':
          count('refresh-ok');
          return json(200, tokenBody(outcome.tokens));
      }
    }
    count('token-other');
    return twitchError(400, 'Invalid grant type');
  };

  const helix = (endpoint: string, req: IncomingMessage, res: ServerResponse, url: URL): Reply | 'handled' => {
    count('helix');
    count(`helix:${endpoint}`);
    const fault = faults.take(['helix']);
    if (fault) {
      if (fault.kind === 'status429') {
        count('fault-status429');
        const reset = Math.ceil(now() / 1000) + fault.retryAfterSeconds;
        return json(429, { error: 'Too Many Requests', status: 429, message: 'Too Many Requests' }, {
          'ratelimit-limit': String(rateLimit),
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(reset),
          'retry-after': String(fault.retryAfterSeconds),
        });
      }
      return applyFault(fault, res, req);
    }
    const clientId = String(req.headers['client-id'] ?? '');
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!clientId) return json(401, { error: 'Unauthorized', status: 401, message: 'Client-Id header required' });
    const grant = token ? book.accessGrant(token) : undefined;
    if (!grant) {
      count('helix-unauthorized');
      return json(401, { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' });
    }
    if (grant.clientId !== clientId) {
      count('helix-unauthorized');
      return json(401, { error: 'Unauthorized', status: 401, message: 'Client ID and OAuth token do not match' });
    }
    const t = now();
    let bucket = buckets.get(token);
    if (!bucket || t - bucket.windowStartMs >= 60_000) buckets.set(token, (bucket = { windowStartMs: t, used: 0 }));
    const resetSeconds = String(Math.ceil((bucket.windowStartMs + 60_000) / 1000));
    if (bucket.used >= rateLimit) {
      count('helix-rate-limited');
      return json(429, { error: 'Too Many Requests', status: 429, message: 'Too Many Requests' }, {
        'ratelimit-limit': String(rateLimit),
        'ratelimit-remaining': '0',
        'ratelimit-reset': resetSeconds,
      });
    }
    bucket.used += 1;
    const headers = {
      'ratelimit-limit': String(rateLimit),
      'ratelimit-remaining': String(rateLimit - bucket.used),
      'ratelimit-reset': resetSeconds,
    };
    const reply = helixRoute(endpoint, url.searchParams, grant);
    if (!reply) return json(404, { error: 'Not Found', status: 404, message: 'Not Found' }, headers);
    if (reply.status === 200) count('helix-ok');
    return json(reply.status, reply.body, headers);
  };

  const activate = async (req: IncomingMessage, url: URL): Promise<Reply> => {
    count('activate');
    if (req.method === 'GET') return html(200, activateFormPage(url.searchParams.get('device-code') ?? ''));
    const form = new URLSearchParams(await readBody(req));
    const code = form.get('user_code') ?? '';
    const login = (form.get('login') ?? '').trim().toLowerCase() || 'viewer';
    if (!/^[a-z0-9_]{1,25}$/.test(login)) return html(400, activateFormPage(code, 'A login has 1 to 25 letters, digits or underscores.'));
    if (form.get('decision') === 'deny') {
      return book.deny(code) ? html(200, activateResultPage('The device was not connected.')) : html(400, activateFormPage(code, 'This code is unknown or has expired.'));
    }
    return book.approve(code, login)
      ? html(200, activateResultPage(`Connected as ${login}. You can return to Kodi.`))
      : html(400, activateFormPage(code, 'This code is unknown or has expired.'));
  };

  // For people and other processes driving a stand-in started from the command line.
  const control = async (path: string, req: IncomingMessage): Promise<Reply> => {
    if (path === 'counters' && req.method === 'GET') return json(200, { ...counters });
    if (path === 'faults' && req.method === 'GET') return json(200, faults.pending());
    if (path === 'faults' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const endpoint = form.get('endpoint') as FaultEndpoint;
      const kind = form.get('kind') as FaultKind;
      if (!FAULT_ENDPOINTS.includes(endpoint) || !FAULT_KINDS.includes(kind)) {
        return twitchError(400, `endpoint must be one of ${FAULT_ENDPOINTS.join(', ')} and kind one of ${FAULT_KINDS.join(', ')}`);
      }
      faults.add(endpoint, kind, {
        times: form.has('times') ? Number(form.get('times')) : undefined,
        retryAfterSeconds: form.has('retry_after') ? Number(form.get('retry_after')) : undefined,
        status: form.has('status') ? Number(form.get('status')) : undefined,
      });
      return json(200, faults.pending());
    }
    return twitchError(404, 'Not Found');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname;
    let reply: Reply | 'handled';
    try {
      if (path.startsWith('/oauth2/')) reply = await oauth(path.slice('/oauth2/'.length), req, res, url);
      else if (path.startsWith('/helix/')) reply = req.method === 'GET' ? helix(path.slice('/helix/'.length), req, res, url) : twitchError(405, 'Method Not Allowed');
      else if (path === '/activate') reply = await activate(req, url);
      else if (path.startsWith('/_stand-in/')) reply = await control(path.slice('/_stand-in/'.length), req);
      else if (path === '/') reply = html(200, `<!doctype html><p>Stand-in Twitch. <a href="/activate">Activate a device</a></p>`);
      else reply = twitchError(404, 'Not Found');
    } catch (error) {
      reply = twitchError(400, error instanceof Error ? error.message : 'Bad Request');
    }
    if (reply === 'handled') return;
    log(`${req.method} ${path} -> ${reply.status}`);
    res.writeHead(reply.status, { date: new Date(now()).toUTCString(), ...reply.headers });
    res.end(reply.body ?? '');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => res.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    oauthUrl: `${baseUrl}/oauth2`,
    helixUrl: `${baseUrl}/helix`,
    activateUrl: `${baseUrl}/activate`,
    get counters() {
      return { ...counters };
    },
    count: (name) => counters[name] ?? 0,
    resetCounters: () => {
      for (const key of Object.keys(counters)) delete counters[key];
    },
    approve: (userCode, login = 'viewer') => {
      if (!book.approve(userCode, login)) throw new Error(`user code ${userCode} is not pending`);
    },
    deny: (userCode) => {
      if (!book.deny(userCode)) throw new Error(`user code ${userCode} is not pending`);
    },
    registerClient: (clientId, client = {}) => book.registerClient(clientId, client.confidential === true),
    issueTokens: (issue = {}) => book.issue({ ...issue, clientId: issue.clientId ?? STAND_IN_CLIENT_ID, login: issue.login ?? 'viewer' }),
    isRefreshTokenLive: (token) => book.isRefreshTokenLive(token),
    isAccessTokenLive: (token) => book.accessGrant(token) !== undefined,
    injectFault: (endpoint, kind, fault) => faults.add(endpoint, kind, fault),
    pendingFaults: () => faults.pending(),
    clearFaults: () => faults.clear(),
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await closed;
    },
  };
}

function tokenBody(tokens: IssuedTokens): Record<string, unknown> {
  return {
    access_token: tokens.accessToken,
    expires_in: tokens.expiresInSeconds,
    refresh_token: tokens.refreshToken,
    scope: tokens.scopes,
    token_type: 'bearer',
  };
}
