import { join } from 'node:path';
import type { HeldLock, Kodi } from '../../src/kodi/index.js';
import type { AddonLogger } from '../logger.js';
import { parseTokenFile, serializeTokenFile, type StoredLogin } from './token-file.js';

/** The token file's name in the add-on's data folder, as the Python add-on names it. */
export const TOKEN_FILE = 'oauth_tokens.json';
/** Longest wait for another process's refresh before going on with what we have (ms). */
export const TOKEN_LOCK_WAIT_MS = 15_000;

export type TokenRead =
  | { kind: 'ok'; login: StoredLogin }
  | { kind: 'missing' }
  | { kind: 'corrupt'; reason: string }
  /** The file exists but cannot be read (permissions, I/O): never overwrite it. */
  | { kind: 'unreadable'; reason: string };

/**
 * `oauth_tokens.json`: read fresh on every access, written whole and atomically with mode 0600 under
 * the cross-process lock, a corrupt file moved aside rather than overwritten.
 */
export class TokenStore {
  readonly path: string;
  readonly #kodi: Kodi;
  readonly #log: AddonLogger;

  constructor(kodi: Kodi, log: AddonLogger) {
    this.#kodi = kodi;
    this.#log = log;
    this.path = join(kodi.shim.dataFolder, TOKEN_FILE);
  }

  async read(): Promise<TokenRead> {
    let text: string | undefined;
    try {
      text = await this.#kodi.shim.files.readText(this.path);
    } catch (error) {
      return { kind: 'unreadable', reason: this.#kodi.shim.files.describeError(error) };
    }
    if (text === undefined) return { kind: 'missing' };
    const parsed = parseTokenFile(text);
    if (!parsed.ok) return { kind: 'corrupt', reason: parsed.reason };
    for (const secret of [parsed.login.accessToken, parsed.login.refreshToken]) this.#kodi.shim.redact(secret);
    return { kind: 'ok', login: parsed.login };
  }

  /** Writes `login` whole; abandoned (throws LOCK_COMPROMISED) when `lock` was lost meanwhile. */
  async write(login: StoredLogin, lock: HeldLock): Promise<void> {
    for (const secret of [login.accessToken, login.refreshToken]) this.#kodi.shim.redact(secret);
    await this.#kodi.shim.files.mkdirs(this.#kodi.shim.dataFolder);
    await this.#removeStaleTemporaries();
    await this.#kodi.shim.files.writeAtomic(this.path, serializeTokenFile(login), { mode: 0o600, signal: lock.signal });
  }

  /**
   * Every token write happens under the lock, so a temporary file found while holding it was left by
   * a process that died mid-write; it may hold secrets and is of no use to anyone.
   */
  async #removeStaleTemporaries(): Promise<void> {
    const prefix = `${TOKEN_FILE}.tmp-`;
    const { dataFolder, files } = this.#kodi.shim;
    for (const name of await files.list(dataFolder)) {
      if (name.startsWith(prefix)) await files.remove(join(dataFolder, name));
    }
  }

  /** Moves a corrupt file aside as `oauth_tokens.json.corrupt-<timestamp>`; call it holding the lock. */
  async moveAside(reason: string): Promise<string> {
    const stamp = new Date(this.#kodi.shim.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const target = await this.#kodi.shim.files.moveAside(this.path, `corrupt-${stamp}`);
    this.#log.error(`${TOKEN_FILE} was unusable (${reason}); moved it aside to ${target} and kept it there`);
    return target;
  }

  /** Takes the cross-process lock on the token file, waiting at most `waitMs`. */
  async lock(waitMs = TOKEN_LOCK_WAIT_MS): Promise<HeldLock> {
    // The lock lives beside the file: on a first login the data folder may not exist yet.
    await this.#kodi.shim.files.mkdirs(this.#kodi.shim.dataFolder);
    return this.#kodi.shim.files.lock(this.path, { waitMs });
  }

  /** The lock if it is free right now, else null. */
  async tryLock(): Promise<HeldLock | null> {
    await this.#kodi.shim.files.mkdirs(this.#kodi.shim.dataFolder);
    return this.#kodi.shim.files.tryLock(this.path);
  }
}
