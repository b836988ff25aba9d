import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { ErrorCodes, ShimError } from './errors.js';
import type { HostFs } from './fs.js';
import { describeFsError } from './fs-errors.js';

export interface AtomicWriteOptions {
  /** File mode for a newly created file; token files use 0o600. */
  mode?: number;
  /** Checked just before the rename: when aborted (say, a compromised lock) the write is abandoned. */
  signal?: AbortSignal;
}

/**
 * Writes `data` to `path` so that a reader — or a crash at any instant — sees either the complete old
 * file or the complete new one: a temporary file in the same folder, fsync, then rename over the target.
 */
export async function writeFileAtomic(
  fs: HostFs,
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  const p = fs.promises;
  let handle: Awaited<ReturnType<typeof p.open>> | undefined;
  try {
    handle = await p.open(temp, 'wx', options.mode ?? 0o644);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (options.mode !== undefined) await p.chmod(temp, options.mode);
    if (options.signal?.aborted) {
      throw new ShimError(ErrorCodes.LOCK_COMPROMISED, `Not writing ${path}: the lock protecting it was lost`, {
        cause: options.signal.reason,
      });
    }
    await p.rename(temp, path);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await p.unlink(temp).catch(() => undefined);
    if (error instanceof ShimError) throw error;
    throw new ShimError(ErrorCodes.WRITE_FAILED, `Could not write ${path}: ${describeFsError(error)}`, { cause: error });
  }
  await syncFolder(fs, dirname(path));
}

/** Makes the rename itself durable; not every filesystem lets a folder be opened, so it is best effort. */
async function syncFolder(fs: HostFs, folder: string): Promise<void> {
  try {
    const dir = await fs.promises.open(folder, 'r');
    try {
      await dir.sync();
    } finally {
      await dir.close();
    }
  } catch {
    // A folder that cannot be fsynced (memfs, some network filesystems) still has the renamed file.
  }
}
