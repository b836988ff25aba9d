import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import * as nodeFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/host/atomic-write.js';
import type { HostFs } from '../../src/host/fs.js';
import { memoryFs } from '../helpers/hosts.js';

const folders: string[] = [];
afterEach(() => folders.splice(0).forEach((f) => rmSync(f, { recursive: true, force: true })));

describe('writeFileAtomic', () => {
  it('creates a new file with the requested mode and leaves no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atomic-'));
    folders.push(dir);
    const file = join(dir, 'tokens.json');
    await writeFileAtomic(nodeFs, file, '{"a":1}', { mode: 0o600 });
    expect(readFileSync(file, 'utf8')).toBe('{"a":1}');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['tokens.json']);
  });

  it('replaces an existing file whole', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/d', { recursive: true });
    fs.writeFileSync('/d/f', 'old contents that are longer');
    await writeFileAtomic(fs, '/d/f', 'new');
    expect(fs.readFileSync('/d/f', 'utf8')).toBe('new');
  });

  it('abandons the write when its signal is aborted, keeping the old file', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/d', { recursive: true });
    fs.writeFileSync('/d/f', 'old');
    const controller = new AbortController();
    controller.abort(new Error('lock compromised'));
    await expect(writeFileAtomic(fs, '/d/f', 'new', { signal: controller.signal })).rejects.toMatchObject({
      code: 'LOCK_COMPROMISED',
    });
    expect(fs.readFileSync('/d/f', 'utf8')).toBe('old');
    expect(fs.readdirSync('/d')).toEqual(['f']);
  });

  it('reports a full disk clearly and keeps the old file intact', async () => {
    const fs = memoryFs();
    fs.mkdirSync('/d', { recursive: true });
    fs.writeFileSync('/d/f', 'old');
    const full = Object.create(fs) as HostFs;
    const promises = Object.create(fs.promises) as typeof fs.promises;
    promises.open = (async (...args: Parameters<typeof fs.promises.open>) => {
      const handle = await fs.promises.open(...args);
      handle.writeFile = async () => {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      };
      return handle;
    }) as typeof fs.promises.open;
    Object.defineProperty(full, 'promises', { value: promises });
    await expect(writeFileAtomic(full, '/d/f', 'new')).rejects.toThrow(/Could not write \/d\/f: ENOSPC \(no space left on device\)/);
    expect(fs.readFileSync('/d/f', 'utf8')).toBe('old');
    expect(fs.readdirSync('/d')).toEqual(['f']);
  });
});
