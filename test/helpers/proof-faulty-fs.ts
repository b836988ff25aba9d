import type { HostFs } from '../../src/host/fs.js';

/** A filesystem operation that changes something, as the fault wrapper names it. */
export type WriteOp = 'open-write' | 'write-file' | 'mkdir' | 'rename' | 'unlink' | 'rmdir' | 'rm' | 'chmod' | 'utimes' | 'copy-file' | 'append-file';

const MUTATORS: Record<string, WriteOp> = {
  writeFile: 'write-file',
  writeFileSync: 'write-file',
  appendFile: 'append-file',
  appendFileSync: 'append-file',
  mkdir: 'mkdir',
  mkdirSync: 'mkdir',
  rename: 'rename',
  renameSync: 'rename',
  unlink: 'unlink',
  unlinkSync: 'unlink',
  rmdir: 'rmdir',
  rmdirSync: 'rmdir',
  rm: 'rm',
  rmSync: 'rm',
  chmod: 'chmod',
  chmodSync: 'chmod',
  utimes: 'utimes',
  utimesSync: 'utimes',
  copyFile: 'copy-file',
  copyFileSync: 'copy-file',
};

const OPENERS = new Set(['open', 'openSync']);

function writesOnOpen(flags: unknown): boolean {
  if (flags === undefined || flags === null) return false;
  if (typeof flags === 'number') return (flags & 3) !== 0;
  return /[wa+]/.test(String(flags));
}

function fsError(code: string, syscall: string, path: unknown): NodeJS.ErrnoException {
  const text: Record<string, string> = { ENOSPC: 'no space left on device', EROFS: 'read-only file system' };
  const error = new Error(`${code}: ${text[code] ?? 'error'}, ${syscall} '${String(path)}'`) as NodeJS.ErrnoException;
  error.code = code;
  error.syscall = syscall;
  error.path = String(path);
  return error;
}

export interface FaultyFsOptions {
  /** The errno every refused operation fails with: `ENOSPC` (disk full) or `EROFS` (read-only). */
  code: 'ENOSPC' | 'EROFS';
  /** Which writing operations fail; default all of them. */
  fails?: (op: WriteOp, path: string) => boolean;
}

/**
 * `base` as seen by a process on a full disk or a read-only profile: the chosen writing operations
 * fail with ENOSPC or EROFS (callback, promise and sync forms alike); reads work. `refused` lists
 * what was refused.
 */
export function faultyFs(base: HostFs, options: FaultyFsOptions): { fs: HostFs; refused: string[] } {
  const refused: string[] = [];
  const fails = options.fails ?? (() => true);
  const check = (name: string, args: unknown[]): NodeJS.ErrnoException | undefined => {
    const path = String(args[0]);
    let op: WriteOp | undefined = MUTATORS[name];
    if (OPENERS.has(name)) op = writesOnOpen(args[1]) ? 'open-write' : undefined;
    if (!op || !fails(op, path)) return undefined;
    refused.push(`${op} ${path}`);
    return fsError(options.code, name.replace(/Sync$/, ''), path);
  };
  const wrap = (target: object, style: 'node' | 'promises') =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver) as unknown;
        if (typeof name !== 'string' || typeof value !== 'function') return value;
        if (name === 'promises' && style === 'node') return value;
        return (...args: unknown[]) => {
          const error = check(name, args);
          if (!error) return (value as (...a: unknown[]) => unknown).apply(t, args);
          if (style === 'promises') return Promise.reject(error);
          if (name.endsWith('Sync')) throw error;
          const callback = args.at(-1);
          if (typeof callback === 'function') {
            queueMicrotask(() => (callback as (e: Error) => void)(error));
            return undefined;
          }
          throw error;
        };
      },
    });
  const promises = wrap(base.promises, 'promises');
  const node = wrap(base, 'node') as HostFs;
  return { fs: new Proxy(node, { get: (t, name, r) => (name === 'promises' ? promises : Reflect.get(t, name, r)) }) as HostFs, refused };
}
