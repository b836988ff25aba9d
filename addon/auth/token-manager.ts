import type { HeldLock, Kodi, ShimErrorCode } from '../../src/kodi/index.js';
import { AddonError, AddonErrorCodes, hasCode, isTransient } from '../errors.js';
import type { AddonLogger } from '../logger.js';
import { refreshAccessToken } from '../twitch/refresh.js';
import type { TwitchTokens } from '../twitch/tokens.js';
import type { TokenValidation } from '../twitch/validate.js';
import type { AuthConfig } from './auth-config.js';
import { handTypedToken, LegacySettings, loginFromSettings, MIRROR_HISTORY, mirrorToSettings, withMirrored } from './legacy-settings.js';
import { emptyLogin, isEmptyLogin, type StoredLogin } from './token-file.js';
import { TOKEN_LOCK_WAIT_MS, TokenStore, type TokenRead } from './token-store.js';

/** Renew this long before the stored expiry, in seconds (the stored expiry already has 120 s off). */
export const EARLY_REFRESH_SECONDS = 60;
/** Backoff after a transient refresh failure: first wait and cap, in seconds. */
export const REFRESH_BACKOFF_FIRST_SECONDS = 30;
export const REFRESH_BACKOFF_MAX_SECONDS = 15 * 60;
/** A Retry-After longer than this is not honoured, in seconds. */
export const MAX_RETRY_AFTER_SECONDS = 60 * 60;
/** The Python add-on stores `now + expires_in - 120`; so do we, so either add-on reads the other's file. */
export const EXPIRY_MARGIN_SECONDS = 120;

/** Messages the user must see once, whichever process meets the situation first. */
export type AuthNotice =
  /** The refresh token is dead: log in again. */
  | 'relogin'
  /** Twitch spent the refresh token but its reply was lost: log in again, and why. */
  | 'relogin_after_lost_reply'
  /** The Client-ID is confidential: automatic renewal needs a Public client. */
  | 'public_client';

/** An access token to use now. */
export interface AccessGrant {
  accessToken: string;
  /** True when it is past its expiry (refresh impossible right now); Twitch may still take it. */
  stale: boolean;
  login: string;
  userId: string;
}

export interface TokenManagerOptions {
  kodi: Kodi;
  log: AddonLogger;
  config: AuthConfig;
  /** Shows a notice to the user; called at most once per situation across all processes. */
  notify: (notice: AuthNotice) => void | Promise<void>;
  /** Longest wait for the token lock, in ms; default `TOKEN_LOCK_WAIT_MS` (15 s). */
  lockWaitMs?: number;
  /** The invocation's `Addon` object, whose copy of the settings is shared; default: a new one. */
  addon?: InstanceType<Kodi['xbmcaddon']['Addon']>;
}

/**
 * The one way to a valid access token, safe with any number of processes at once: the token file
 * is the only truth, read fresh each time; a refresh happens only under the cross-process lock and
 * after re-reading, so one expiry costs exactly one refresh request; a network error never logs
 * anyone out; a dead refresh token is never retried.
 */
export class TokenManager {
  readonly store: TokenStore;
  readonly #kodi: Kodi;
  readonly #log: AddonLogger;
  readonly #config: AuthConfig;
  readonly #notify: TokenManagerOptions['notify'];
  readonly #lockWaitMs: number;
  #settingsChecked = false;
  #addon: InstanceType<Kodi['xbmcaddon']['Addon']> | undefined;

  constructor(options: TokenManagerOptions) {
    this.#kodi = options.kodi;
    this.#log = options.log;
    this.#config = options.config;
    this.#notify = options.notify;
    this.#lockWaitMs = options.lockWaitMs ?? TOKEN_LOCK_WAIT_MS;
    this.#addon = options.addon;
    this.store = new TokenStore(options.kodi, options.log);
  }

  /** Seconds since the epoch, from the host's clock. */
  #nowSeconds(): number {
    return this.#kodi.shim.clock.now() / 1000;
  }

  /** Makes the next call look at the legacy settings again (after they changed). */
  settingsChanged(): void {
    this.#settingsChecked = false;
    this.#addon = undefined;
  }

  /** This manager's copy of the settings, as one Kodi `Addon` object holds it; read again after `settingsChanged()`. */
  #settings(): InstanceType<Kodi['xbmcaddon']['Addon']> {
    this.#addon ??= new this.#kodi.xbmcaddon.Addon();
    return this.#addon;
  }

  /**
   * An access token valid beyond `EARLY_REFRESH_SECONDS`, refreshing it if needed; null when nobody is
   * logged in. `force` (after a 401) refreshes unless another process already replaced `rejected`.
   */
  async ensureValidToken(options: { force?: boolean; rejected?: string } = {}): Promise<AccessGrant | null> {
    let login = await this.#current();
    if (!login || isEmptyLogin(login)) return null;
    const force = options.force === true;
    const rejected = options.rejected ?? login.accessToken;
    if (!force && this.#fresh(login)) return this.#grant(login);
    if (!this.#canRefresh(login, force)) return this.#grant(login);

    const lock = await this.#lockOrPeek((peeked) => (force ? peeked.accessToken !== rejected : this.#fresh(peeked)));
    if (lock.kind === 'peeked') return this.#grant(lock.login);
    if (lock.kind === 'busy') {
      this.#log.warning('another process held the token lock too long; using the current token for now');
      return this.#grant(login);
    }
    let written: StoredLogin | undefined;
    try {
      const reread = await this.store.read();
      if (reread.kind !== 'ok') return reread.kind === 'missing' ? null : this.#grant(login);
      login = reread.login;
      // Another process refreshed while we waited for the lock.
      if (force ? login.accessToken !== rejected : this.#fresh(login)) return this.#grant(login);
      if (!this.#canRefresh(login, force)) return this.#grant(login);
      written = await this.#refreshLocked(login, lock.lock);
    } catch (error) {
      if (isWriteError(error)) {
        // A full or read-only disk: nothing was sent if the first write failed; the login stays as it is.
        this.#log.error(`cannot save the login (${(error as Error).message}); keeping the current token until the profile can be written`);
        return this.#grant(login);
      }
      if (!isLockError(error)) throw error;
      // This process stalled past the stale time and another took the lock over: its outcome wins.
      this.#log.warning(`the token lock was taken over while renewing (${(error as Error).message}); using what is stored`);
      const now = await this.store.read();
      return now.kind === 'ok' ? this.#grant(now.login) : null;
    } finally {
      await lock.lock.release();
    }
    const rotated = written && (written.accessToken !== login.accessToken || written.refreshToken !== login.refreshToken);
    if (written && rotated) await mirrorToSettings(this.#kodi, this.#log, written);
    return written && written.accessToken ? this.#grant(written) : null;
  }

  /** The stored login as it is now (after migration and a hand-typed token), without refreshing. */
  async current(): Promise<StoredLogin | null> {
    return this.#current();
  }

  /** Saves a new login from the device flow: replaces whatever was stored and clears every mark. */
  async saveDeviceLogin(tokens: TwitchTokens, who: TokenValidation): Promise<StoredLogin> {
    const login = withMirrored({
      ...emptyLogin(),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiry: this.#expiryFrom(tokens.expiresInSeconds),
      login: who.login,
      userId: who.userId,
      scopes: tokens.scopes,
      clientId: who.clientId || this.#config.clientId,
    });
    await this.#replace(login);
    // A new login with another Client-ID may renew again: the mark was for the old one.
    const addon = this.#settings();
    if (addon.getSetting(LegacySettings.REFRESH_UNSUPPORTED) && addon.getSetting(LegacySettings.REFRESH_UNSUPPORTED) !== login.clientId) {
      await addon.setSetting(LegacySettings.REFRESH_UNSUPPORTED, '');
    }
    return login;
  }

  /** Stores a token the user supplied (`update_token`): no refresh token, expiry unknown. */
  async saveManualToken(accessToken: string): Promise<StoredLogin> {
    const login = withMirrored({ ...emptyLogin(), accessToken });
    await this.#replace(login);
    return login;
  }

  /** Forgets the login everywhere: the token file and the legacy settings. */
  async clear(): Promise<void> {
    await this.#replace(emptyLogin());
  }

  async #replace(login: StoredLogin): Promise<void> {
    const lock = await this.store.lock(this.#lockWaitMs);
    try {
      const before = await this.store.read();
      if (before.kind === 'corrupt') await this.store.moveAside(before.reason);
      if (before.kind === 'unreadable') throw this.#unreadable(before.reason);
      // Fields another version wrote survive, and so does the memory of tokens held before.
      const previous = before.kind === 'ok' ? before.login : undefined;
      const merged = previous
        ? {
            ...login,
            extra: { ...previous.extra, ...login.extra },
            mirrored: [...login.mirrored, ...previous.mirrored.filter((m) => !login.mirrored.includes(m))].slice(0, MIRROR_HISTORY),
          }
        : login;
      await this.store.write(merged, lock);
    } finally {
      await lock.release();
    }
    this.#settingsChecked = true;
    await mirrorToSettings(this.#kodi, this.#log, login);
  }

  /** The store, repaired when needed: corrupt moved aside, migrated from settings, hand-typed token taken. */
  async #current(): Promise<StoredLogin | null> {
    const read = await this.store.read();
    if (read.kind === 'unreadable') {
      this.#log.error(`cannot read the token file (${read.reason}); leaving it untouched`);
      return null;
    }
    const needsRepair = read.kind !== 'ok' || isEmptyLogin(read.login);
    if (!needsRepair && this.#settingsChecked) return read.login;
    const addon = this.#settings();
    const typed = read.kind === 'ok' ? handTypedToken(addon, read.login) : null;
    if (!needsRepair && !typed) {
      this.#settingsChecked = true;
      return read.login;
    }
    try {
      return await this.#repairLocked(read);
    } catch (error) {
      if (!isLockError(error)) throw error;
      // Another process holds the lock for long (or lost it): go on with what the file says now.
      this.#log.warning(`could not take the token lock to update the login: ${(error as Error).message}`);
      return read.kind === 'ok' && !isEmptyLogin(read.login) ? read.login : null;
    }
  }

  /** Under the lock, re-reads and then: moves a corrupt file aside, migrates, or takes a typed token. */
  async #repairLocked(seen: TokenRead): Promise<StoredLogin | null> {
    const lock = await this.store.lock(this.#lockWaitMs);
    let result: StoredLogin | null;
    let changed = false;
    try {
      let read = await this.store.read();
      if (read.kind === 'unreadable') throw this.#unreadable(read.reason);
      if (read.kind === 'corrupt') {
        await this.store.moveAside(read.reason);
        read = { kind: 'missing' };
      }
      const addon = this.#settings();
      let login = read.kind === 'ok' ? read.login : null;
      if (!login || isEmptyLogin(login)) {
        const legacy = loginFromSettings(addon);
        if (legacy) {
          this.#log.info(`taking the login over from the settings (${legacy.refreshToken ? 'with' : 'without'} a refresh token)`);
          login = { ...legacy, notice: login?.notice ?? '' };
          await this.store.write(login, lock);
          changed = true;
        }
      } else {
        const typed = handTypedToken(addon, login);
        if (typed) {
          this.#log.info('using the access token entered in the settings; it has no refresh token, so it cannot be renewed');
          login = withMirrored({ ...emptyLogin(), accessToken: typed });
          await this.store.write(login, lock);
          changed = true;
        }
      }
      result = login && !isEmptyLogin(login) ? login : null;
      if (seen.kind === 'corrupt' && !result) this.#log.warning('no login could be recovered from the settings either; log in again');
    } finally {
      await lock.release();
    }
    this.#settingsChecked = true;
    if (changed && result) await mirrorToSettings(this.#kodi, this.#log, result);
    return result;
  }

  /** Holding the lock, after the re-check: one refresh request and its outcome written down. */
  async #refreshLocked(login: StoredLogin, lock: HeldLock): Promise<StoredLogin> {
    const now = this.#nowSeconds();
    // Written before the request, for two reasons: a process that dies after sending it leaves the
    // mark for the next one, and a full or read-only disk fails here, before Twitch spends the
    // single-use token, rather than after, when the new one could not be kept.
    await this.store.write({ ...login, refreshInDoubt: true }, lock);
    let tokens: TwitchTokens;
    try {
      tokens = await refreshAccessToken({ ...this.#config }, login.refreshToken);
    } catch (error) {
      return this.#refreshFailed(login, lock, error, now);
    }
    // The old token is remembered too: if a stale settings writer puts it back, it is not "typed".
    const renewed = withMirrored({
      ...withMirrored(login),
      accessToken: tokens.accessToken,
      refreshToken: tokens.refreshToken,
      expiry: this.#expiryFrom(tokens.expiresInSeconds),
      scopes: tokens.scopes.length ? tokens.scopes : login.scopes,
      clientId: login.clientId || this.#config.clientId,
      notice: '',
      refreshFailures: 0,
      retryAt: 0,
      refreshInDoubt: false,
    });
    await this.store.write(renewed, lock);
    if (login.refreshFailures > 0) this.#log.info('Twitch is reachable again; the login was renewed');
    else this.#log.debug('renewed the access token');
    return renewed;
  }

  async #refreshFailed(login: StoredLogin, lock: HeldLock, error: unknown, now: number): Promise<StoredLogin> {
    if (hasCode(error, AddonErrorCodes.REFRESH_TOKEN_INVALID)) {
      const notice: AuthNotice = login.refreshInDoubt ? 'relogin_after_lost_reply' : 'relogin';
      this.#log.warning(
        login.refreshInDoubt
          ? 'Twitch refused the refresh token after an earlier renewal lost its reply; a new login is needed'
          : 'Twitch refused the refresh token (spent, expired or revoked); a new login is needed',
      );
      const cleared = { ...emptyLogin(), mirrored: login.mirrored, notice, login: login.login };
      await this.store.write(cleared, lock);
      if (login.notice !== notice) await this.#safeNotify(notice);
      return cleared;
    }
    if (hasCode(error, AddonErrorCodes.CLIENT_SECRET_REQUIRED)) {
      const clientId = this.#config.clientId;
      this.#log.warning(`Client-ID ${clientId} is registered as confidential; automatic renewal is off for it`);
      await this.#settings().setSetting(LegacySettings.REFRESH_UNSUPPORTED, clientId);
      const marked = { ...login, notice: 'public_client' };
      await this.store.write(marked, lock);
      if (login.notice !== 'public_client') await this.#safeNotify('public_client');
      return marked;
    }
    if (!isTransient(error) && !hasCode(error, AddonErrorCodes.REQUEST_REJECTED) && !hasCode(error, AddonErrorCodes.CLIENT_ID_INVALID)) {
      throw error;
    }
    // Kept as it is: a network error never logs anyone out. When the request may have reached Twitch
    // (reset, timeout), its single-use token may be spent: remember that for the next outcome's message.
    const failures = login.refreshFailures + 1;
    const backoff = Math.min(REFRESH_BACKOFF_MAX_SECONDS, REFRESH_BACKOFF_FIRST_SECONDS * 2 ** (failures - 1));
    const retryAfter = error instanceof AddonError && error.retryAfterMs ? Math.min(MAX_RETRY_AFTER_SECONDS, error.retryAfterMs / 1000) : 0;
    const mayHaveArrived = hasCode(error, AddonErrorCodes.NETWORK) || hasCode(error, AddonErrorCodes.TIMEOUT);
    const kept = {
      ...login,
      refreshFailures: failures,
      retryAt: now + Math.max(backoff, retryAfter),
      refreshInDoubt: login.refreshInDoubt || mayHaveArrived,
    };
    if (failures === 1) this.#log.warning(`could not renew the login, will retry later: ${(error as Error).message}`);
    else this.#log.debug(`renewal attempt ${failures} failed: ${(error as Error).message}`);
    await this.store.write(kept, lock);
    return kept;
  }

  /**
   * Waits for the lock; while another process holds it, peeks at the file and returns its login as
   * soon as `good` says that process has done our work.
   */
  async #lockOrPeek(
    good: (login: StoredLogin) => boolean,
  ): Promise<{ kind: 'locked'; lock: HeldLock } | { kind: 'peeked'; login: StoredLogin } | { kind: 'busy' }> {
    const started = performance.now();
    for (let attempt = 0; ; attempt++) {
      const lock = await this.store.tryLock();
      if (lock) return { kind: 'locked', lock };
      const peek = await this.store.read();
      if (peek.kind === 'ok' && good(peek.login)) return { kind: 'peeked', login: peek.login };
      if (performance.now() - started > this.#lockWaitMs) return { kind: 'busy' };
      // Lock waits are real time (the holder is another process). A renewal holds the lock for a few
      // ms plus one round trip, so peek often: a 2..10 ms pause, jittered so waiters do not march in step.
      await new Promise((r) => setTimeout(r, Math.min(10, 2 + attempt) * (0.5 + Math.random())));
    }
  }

  #fresh(login: StoredLogin): boolean {
    if (!login.accessToken) return false;
    // A token without a refresh token cannot be renewed; an unknown expiry (0) is Twitch's to judge.
    if (login.expiry === 0) return !login.refreshToken;
    return login.expiry - this.#nowSeconds() > EARLY_REFRESH_SECONDS;
  }

  #canRefresh(login: StoredLogin, force: boolean): boolean {
    if (!login.refreshToken) return false;
    if (!this.#config.clientId) return false;
    const unsupported = this.#settings().getSetting(LegacySettings.REFRESH_UNSUPPORTED);
    if (unsupported && unsupported === this.#config.clientId) return false;
    // A retry time further away than any backoff means the clock was set back: it no longer holds.
    const wait = login.retryAt - this.#nowSeconds();
    if (!force && wait > 0 && wait <= REFRESH_BACKOFF_MAX_SECONDS + MAX_RETRY_AFTER_SECONDS) return false;
    return true;
  }

  #grant(login: StoredLogin): AccessGrant | null {
    if (!login.accessToken) return null;
    const stale = login.expiry !== 0 && login.expiry <= this.#nowSeconds();
    return { accessToken: login.accessToken, stale, login: login.login, userId: login.userId };
  }

  #expiryFrom(expiresInSeconds: number): number {
    return Math.floor(this.#nowSeconds()) + Math.max(0, expiresInSeconds - EXPIRY_MARGIN_SECONDS);
  }

  async #safeNotify(notice: AuthNotice): Promise<void> {
    try {
      await this.#notify(notice);
    } catch (error) {
      this.#log.warning(`could not show a notice: ${(error as Error).message}`);
    }
  }

  #unreadable(reason: string): AddonError {
    return new AddonError(AddonErrorCodes.STORAGE, `The token file cannot be read (${reason}); it was left untouched.`);
  }
}

/** The shim's lock errors (stable codes of the runtime): the lock stayed busy, or was lost. */
function isLockError(error: unknown): boolean {
  return hasShimCode(error, 'LOCK_TIMEOUT') || hasShimCode(error, 'LOCK_COMPROMISED');
}

/** The shim's write error: the disk is full, read-only, or refuses the file. */
function isWriteError(error: unknown): boolean {
  return hasShimCode(error, 'WRITE_FAILED');
}

// The add-on sees the runtime's error classes only as types, so it compares their stable codes.
function hasShimCode(error: unknown, code: ShimErrorCode): boolean {
  return (error as { code?: unknown } | null)?.code === code;
}
