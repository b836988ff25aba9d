import { describe, expect, it } from 'vitest';
import { acquireFileLock, tryFileLock, withFileLock } from '../../src/host/file-lock.js';
import { memoryFs } from '../helpers/hosts.js';

describe('the cross-process file lock', () => {
  it('lets one holder in at a time', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/p', { recursive: true });
    const first = await tryFileLock('/p/tokens.json', { fs });
    expect(first).not.toBeNull();
    expect(await tryFileLock('/p/tokens.json', { fs })).toBeNull();
    await first!.release();
    const second = await tryFileLock('/p/tokens.json', { fs });
    expect(second).not.toBeNull();
    await second!.release();
  });

  it('serialises critical sections of concurrent callers', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/p', { recursive: true });
    let inside = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 6 }, () =>
        withFileLock('/p/x', { fs, retryMs: 2 }, async () => {
          inside++;
          most = Math.max(most, inside);
          await new Promise((r) => setTimeout(r, 5));
          inside--;
        }),
      ),
    );
    expect(most).toBe(1);
  });

  it('gives up after its bounded wait with LOCK_TIMEOUT', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/p', { recursive: true });
    const held = await acquireFileLock('/p/x', { fs });
    const started = performance.now();
    await expect(acquireFileLock('/p/x', { fs, waitMs: 150 })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT' });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    await held.release();
  });

  it('takes over a lock left by a dead process once it is stale', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/p/x.lock', { recursive: true });
    const old = new Date(Date.now() - 60_000);
    fs.utimesSync('/p/x.lock', old, old);
    const lock = await acquireFileLock('/p/x', { fs, waitMs: 1000 });
    expect(lock.signal.aborted).toBe(false);
    await lock.release();
    expect(fs.existsSync('/p/x.lock')).toBe(false);
  });
});
