import type { Dispatcher } from 'undici';
import type { HeldLock } from '../host/file-lock.js';
import { describeFsError } from '../host/fs-errors.js';
import type { Invocation } from './invocation.js';

/**
 * What a Node add-on needs beyond Kodi's Python API, from the same host: the HTTP dispatcher, the
 * clock, the abort signal, the environment, crash-safe files and a cross-process lock. Kodi has no
 * such module; keeping it separate keeps `xbmc*` true to Kodi.
 */
export function createShimExtensions(invocation: Invocation) {
  const { host } = invocation;
  const fsp = host.fs.promises;
  const lockOptions = (o: { waitMs?: number; staleMs?: number } = {}) => ({ fs: host.fs, ...o });
  // Loaded on first use: proper-lockfile costs a plugin's cold start ~18 ms, and most never write.
  const locks = () => import('../host/file-lock.js');
  const writes = () => import('../host/atomic-write.js');

  return {
    /** Environment the add-on may read (`TWITCH_OAUTH_URL`, `TWITCH_HELIX_URL`). */
    env: host.env,
    /** Kodi's abort: aborted when Kodi shuts down. */
    signal: host.signal,
    /** The host's clock: `now()` in ms since the epoch, `sleep(ms, signal)` resolving false on abort. */
    clock: host.clock,
    /** The HTTP dispatcher every request must use (a MockAgent in tests). */
    dispatcher: (): Promise<Dispatcher> => host.dispatcher(),
    /** Masks `secret` in every later log line, whatever the level (a last line of defence). */
    redact: (secret: string | null | undefined) => host.log.redact(secret),
    /** The add-on's data folder as a real path, without trailing separator. */
    dataFolder: host.addonDataFolder(invocation.addon.id),
    /** Tells the harness the plugin URL made no sense: shown as one line, exit code 2. */
    reportBadRequest(message: string): void {
      invocation.badRequest ??= message;
    },
    files: {
      /** The file's text, or `undefined` when it does not exist (other errors throw). */
      async readText(path: string): Promise<string | undefined> {
        try {
          return (await fsp.readFile(path, 'utf8')) as string;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
          throw error;
        }
      },
      /** Crash-safe replace: temporary file, fsync, rename; `mode` for new files (0o600 for secrets). */
      writeAtomic: async (path: string, data: string, options?: { mode?: number; signal?: AbortSignal }) =>
        (await writes()).writeFileAtomic(host.fs, path, data, options),
      /** Renames `path` to `path.<suffix>` so nothing is lost; returns the new path. */
      async moveAside(path: string, suffix: string): Promise<string> {
        const target = `${path}.${suffix}`;
        await fsp.rename(path, target);
        return target;
      },
      async mkdirs(path: string): Promise<void> {
        await fsp.mkdir(path, { recursive: true });
      },
      /** The names in a folder; none when it does not exist. */
      async list(folder: string): Promise<string[]> {
        try {
          return ((await fsp.readdir(folder)) as Array<string | Buffer>).map(String);
        } catch {
          return [];
        }
      },
      /** Deletes a file; a file already gone is fine. */
      async remove(path: string): Promise<void> {
        await fsp.unlink(path).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      },
      /** Cross-process lock on `path` (a `path.lock` folder), waiting at most `waitMs`. */
      lock: async (path: string, options?: { waitMs?: number; staleMs?: number }): Promise<HeldLock> =>
        (await locks()).acquireFileLock(path, lockOptions(options)),
      /** The lock if it is free now, else `null`. */
      tryLock: async (path: string, options?: { staleMs?: number }): Promise<HeldLock | null> =>
        (await locks()).tryFileLock(path, lockOptions(options)),
      describeError: describeFsError,
    },
  };
}

export type ShimExtensions = ReturnType<typeof createShimExtensions>;
export type { HeldLock };
