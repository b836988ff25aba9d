import { createHash, randomBytes } from 'node:crypto';

/** Lifetimes and pacing of the stand-in's OAuth, all in seconds. */
export interface TokenLifetimes {
  /** `expires_in` of an access token; Twitch's are about 4 h. */
  accessTokenSeconds: number;
  /** A refresh token dies this long after it was issued (Twitch: 30 days for public clients). */
  refreshTokenSeconds: number;
  /** `expires_in` of a device code; Twitch's is 1800. */
  deviceCodeSeconds: number;
  /** `interval` of a device code; a poll sooner than this after the previous one gets `slow_down`. */
  pollIntervalSeconds: number;
}

export interface AccessGrant {
  clientId: string;
  login: string;
  userId: string;
  scopes: string[];
  expiresAtMs: number;
  refreshToken: string;
}

interface RefreshGrant {
  clientId: string;
  login: string;
  userId: string;
  scopes: string[];
  expiresAtMs: number;
  accessToken: string;
}

type DeviceStatus = 'pending' | 'approved' | 'denied' | 'used';

interface DeviceGrant {
  deviceCode: string;
  userCode: string;
  clientId: string;
  scopes: string[];
  expiresAtMs: number;
  intervalMs: number;
  lastPollMs: number | undefined;
  status: DeviceStatus;
  login: string;
}

/** What `issue` may be told; tokens given are adopted as they are (a legacy login a test wrote). */
export interface IssueOptions {
  clientId: string;
  login: string;
  scopes?: string[];
  /** Lifetime of the access token, in seconds; may be negative for one already expired. */
  expiresInSeconds?: number;
  accessToken?: string;
  refreshToken?: string;
}

/** A token set as the stand-in issued it, with the user it belongs to. */
export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresInSeconds: number;
  scopes: string[];
  login: string;
  userId: string;
  clientId: string;
}

export type DevicePollOutcome =
  | { kind: 'tokens'; tokens: IssuedTokens }
  | { kind: 'pending' }
  | { kind: 'slow_down' }
  | { kind: 'invalid' }
  | { kind: 'denied' };

export type RefreshOutcome = { kind: 'tokens'; tokens: IssuedTokens } | { kind: 'invalid' } | { kind: 'missing_secret' };

/** A stable numeric user id for a login, so every run shows the same ids. */
export function userIdFor(login: string): string {
  return String(100_000_000 + (createHash('sha256').update(login).digest().readUInt32BE(0) % 900_000_000));
}

// Twitch's tokens are 30 lowercase letters and digits; refresh tokens are longer.
function token(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function userCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  let out = '';
  for (const byte of randomBytes(8)) out += alphabet[byte % alphabet.length];
  return out;
}

/** Every client, device code and token the stand-in knows, with Twitch's rules for each. */
export class TokenBook {
  readonly #now: () => number;
  readonly #lifetimes: TokenLifetimes;
  readonly #confidential = new Map<string, boolean>();
  readonly #devices = new Map<string, DeviceGrant>();
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();

  constructor(now: () => number, lifetimes: TokenLifetimes) {
    this.#now = now;
    this.#lifetimes = lifetimes;
  }

  get lifetimes(): TokenLifetimes {
    return this.#lifetimes;
  }

  registerClient(clientId: string, confidential: boolean): void {
    this.#confidential.set(clientId, confidential);
  }

  isKnownClient(clientId: string): boolean {
    return this.#confidential.has(clientId);
  }

  isConfidential(clientId: string): boolean {
    return this.#confidential.get(clientId) === true;
  }

  /** Starts a device login. */
  startDevice(clientId: string, scopes: string[]): DeviceGrant {
    const grant: DeviceGrant = {
      deviceCode: token(40),
      userCode: userCode(),
      clientId,
      scopes,
      expiresAtMs: this.#now() + this.#lifetimes.deviceCodeSeconds * 1000,
      intervalMs: this.#lifetimes.pollIntervalSeconds * 1000,
      lastPollMs: undefined,
      status: 'pending',
      login: 'viewer',
    };
    this.#devices.set(grant.deviceCode, grant);
    return grant;
  }

  #deviceByUserCode(code: string): DeviceGrant | undefined {
    const wanted = code.replace(/[\s-]/g, '').toUpperCase();
    for (const grant of this.#devices.values()) if (grant.userCode === wanted) return grant;
    return undefined;
  }

  /** The user approves on /activate; false when the code is unknown, expired or already decided. */
  approve(code: string, login = 'viewer'): boolean {
    const grant = this.#deviceByUserCode(code);
    if (!grant || grant.status !== 'pending' || this.#now() >= grant.expiresAtMs) return false;
    grant.status = 'approved';
    grant.login = login;
    return true;
  }

  /** The user declines on /activate. */
  deny(code: string): boolean {
    const grant = this.#deviceByUserCode(code);
    if (!grant || grant.status !== 'pending' || this.#now() >= grant.expiresAtMs) return false;
    grant.status = 'denied';
    return true;
  }

  /** One poll of `/token` with the device grant. */
  pollDevice(clientId: string, deviceCode: string): DevicePollOutcome {
    const grant = this.#devices.get(deviceCode);
    const now = this.#now();
    // Twitch answers "invalid device code" for unknown, used and expired codes alike.
    if (!grant || grant.clientId !== clientId || grant.status === 'used' || now >= grant.expiresAtMs) return { kind: 'invalid' };
    const tooSoon = grant.lastPollMs !== undefined && now - grant.lastPollMs < grant.intervalMs;
    grant.lastPollMs = now;
    if (grant.status === 'denied') {
      this.#devices.delete(deviceCode);
      return { kind: 'denied' };
    }
    if (grant.status === 'approved') {
      grant.status = 'used';
      return { kind: 'tokens', tokens: this.issue({ clientId, login: grant.login, scopes: grant.scopes }) };
    }
    if (tooSoon) {
      // RFC 8628 §3.5: the client must add 5 s for good; so does the server's expectation.
      grant.intervalMs += 5000;
      return { kind: 'slow_down' };
    }
    return { kind: 'pending' };
  }

  /** Creates a token set directly (tests, the `issueTokens` API). */
  issue(options: IssueOptions): IssuedTokens {
    const now = this.#now();
    const expiresInSeconds = options.expiresInSeconds ?? this.#lifetimes.accessTokenSeconds;
    const accessToken = options.accessToken ?? token(30);
    const refreshToken = options.refreshToken ?? token(50);
    if (this.#access.has(accessToken) || this.#refresh.has(refreshToken)) throw new Error('these tokens were issued already');
    const userId = userIdFor(options.login);
    const scopes = [...(options.scopes ?? [])];
    this.#access.set(accessToken, { clientId: options.clientId, login: options.login, userId, scopes, expiresAtMs: now + expiresInSeconds * 1000, refreshToken });
    this.#refresh.set(refreshToken, {
      clientId: options.clientId,
      login: options.login,
      userId,
      scopes,
      expiresAtMs: now + this.#lifetimes.refreshTokenSeconds * 1000,
      accessToken,
    });
    return { accessToken, refreshToken, expiresInSeconds, scopes, login: options.login, userId, clientId: options.clientId };
  }

  /** One refresh: the old refresh token dies here, whatever happens to the reply. */
  refresh(clientId: string, refreshToken: string): RefreshOutcome {
    if (this.isConfidential(clientId)) return { kind: 'missing_secret' };
    const grant = this.#refresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId || this.#now() >= grant.expiresAtMs) return { kind: 'invalid' };
    this.#refresh.delete(refreshToken);
    return { kind: 'tokens', tokens: this.issue({ clientId, login: grant.login, scopes: grant.scopes }) };
  }

  /** The grant behind a live access token, or undefined when unknown or expired. */
  accessGrant(accessToken: string): AccessGrant | undefined {
    const grant = this.#access.get(accessToken);
    if (!grant || this.#now() >= grant.expiresAtMs) return undefined;
    return grant;
  }

  /** True while `refreshToken` would still be accepted. */
  isRefreshTokenLive(refreshToken: string): boolean {
    const grant = this.#refresh.get(refreshToken);
    return grant !== undefined && this.#now() < grant.expiresAtMs;
  }

  /** Revokes an access token (and its refresh token); false when it was not a live token of `clientId`. */
  revoke(clientId: string, accessToken: string): boolean {
    const grant = this.#access.get(accessToken);
    if (grant && grant.clientId === clientId) {
      this.#access.delete(accessToken);
      this.#refresh.delete(grant.refreshToken);
      return true;
    }
    const refresh = this.#refresh.get(accessToken);
    if (refresh && refresh.clientId === clientId) {
      this.#refresh.delete(accessToken);
      this.#access.delete(refresh.accessToken);
      return true;
    }
    return false;
  }

  /** The device grant of a user code, for the /activate page. */
  hasPendingUserCode(code: string): boolean {
    const grant = this.#deviceByUserCode(code);
    return grant !== undefined && grant.status === 'pending' && this.#now() < grant.expiresAtMs;
  }
}
