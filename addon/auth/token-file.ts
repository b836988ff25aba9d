import { createHash } from 'node:crypto';
import { tokenFileSchema } from './token-file.schema.js';
import { validate } from './token-file.validate.generated.js';

/** The login as this add-on keeps it, parsed once from `oauth_tokens.json`. */
export interface StoredLogin {
  accessToken: string;
  /** Single use at Twitch: every refresh replaces it. `""` when there is none (a hand-pasted token). */
  refreshToken: string;
  /** Epoch seconds after which the access token is renewed; 0 = unknown (a legacy token). */
  expiry: number;
  login: string;
  userId: string;
  scopes: string[];
  /** The Client-ID the tokens were issued to, when known. */
  clientId: string;
  /** Short hashes of access tokens last mirrored into the legacy settings, newest first. */
  mirrored: string[];
  /** The one message already shown for the present state, so no process repeats it. */
  notice: string;
  refreshFailures: number;
  /** Epoch seconds before which no process tries to refresh again. */
  retryAt: number;
  refreshInDoubt: boolean;
  /** Fields another version of the add-on wrote; kept as they are. */
  extra: Record<string, unknown>;
}

/** An empty login (nobody logged in). */
export function emptyLogin(): StoredLogin {
  return {
    accessToken: '',
    refreshToken: '',
    expiry: 0,
    login: '',
    userId: '',
    scopes: [],
    clientId: '',
    mirrored: [],
    notice: '',
    refreshFailures: 0,
    retryAt: 0,
    refreshInDoubt: false,
    extra: {},
  };
}

/** True when the file holds neither an access nor a refresh token (the Python add-on's "no tokens"). */
export function isEmptyLogin(login: StoredLogin): boolean {
  return !login.accessToken && !login.refreshToken;
}

export type TokenFileParse = { ok: true; login: StoredLogin } | { ok: false; reason: string };

const KNOWN = new Set(Object.keys(tokenFileSchema.properties));

/** Parses the file's text; any defect (not JSON, wrong shape) is a reason, never a throw. */
export function parseTokenFile(text: string): TokenFileParse {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` };
  }
  if (!validate(json)) {
    const e = (validate as unknown as { errors?: Array<{ instancePath: string; message?: string }> }).errors?.[0];
    return { ok: false, reason: `does not match the token file's schema: ${e?.instancePath || '/'} ${e?.message ?? ''}`.trim() };
  }
  const w = json as Record<string, unknown>;
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(w)) if (!KNOWN.has(key)) extra[key] = value;
  return {
    ok: true,
    login: {
      accessToken: w.access as string,
      refreshToken: w.refresh as string,
      expiry: w.expiry as number,
      login: (w.login as string | undefined) ?? '',
      userId: (w.user_id as string | undefined) ?? '',
      scopes: (w.scopes as string[] | undefined) ?? [],
      clientId: (w.client_id as string | undefined) ?? '',
      mirrored: (w.mirrored as string[] | undefined) ?? [],
      notice: (w.notice as string | undefined) ?? '',
      refreshFailures: (w.refresh_failures as number | undefined) ?? 0,
      retryAt: (w.retry_at as number | undefined) ?? 0,
      refreshInDoubt: (w.refresh_in_doubt as boolean | undefined) ?? false,
      extra,
    },
  };
}

/** The file's text: the Python add-on's three fields first, ours after, empty optional ones left out. */
export function serializeTokenFile(login: StoredLogin): string {
  const wire: Record<string, unknown> = {
    access: login.accessToken,
    refresh: login.refreshToken,
    expiry: login.expiry,
  };
  if (login.login) wire.login = login.login;
  if (login.userId) wire.user_id = login.userId;
  if (login.scopes.length) wire.scopes = login.scopes;
  if (login.clientId) wire.client_id = login.clientId;
  if (login.mirrored.length) wire.mirrored = login.mirrored.slice(0, 16);
  if (login.notice) wire.notice = login.notice;
  if (login.refreshFailures) wire.refresh_failures = login.refreshFailures;
  if (login.retryAt) wire.retry_at = login.retryAt;
  if (login.refreshInDoubt) wire.refresh_in_doubt = true;
  return `${JSON.stringify({ ...login.extra, ...wire })}\n`;
}

/** A short, one-way fingerprint of a token: enough to recognise it again, useless to anyone else. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 16);
}
