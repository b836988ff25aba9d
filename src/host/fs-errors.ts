/** A short reason from a node fs error: `ENOSPC (no space left on device)`. */
export function describeFsError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on device',
    EROFS: 'the filesystem is read-only',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or folder',
    EISDIR: 'is a folder',
    EDQUOT: 'disk quota exceeded',
  };
  if (e && typeof e.code === 'string') return `${e.code} (${reasons[e.code] ?? e.message})`;
  return error instanceof Error ? error.message : String(error);
}
