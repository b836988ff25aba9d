import { join, normalize, resolve, sep } from 'node:path';
import { ErrorCodes, ShimError } from './errors.js';

/** Folders behind Kodi's `special://` roots. */
export interface SpecialRoots {
  /** `special://home`: Kodi's home folder (add-ons live in `home/addons`). */
  home: string;
  /** `special://profile` (also `special://userdata`, `special://masterprofile`): the user's data. */
  profile: string;
  /** `special://temp`. */
  temp: string;
  /** `special://xbmc`: Kodi's installation. */
  xbmc: string;
}

const ALIASES: Record<string, keyof SpecialRoots> = {
  home: 'home',
  profile: 'profile',
  userdata: 'profile',
  masterprofile: 'profile',
  temp: 'temp',
  xbmc: 'xbmc',
  xbmcbin: 'xbmc',
};

/**
 * Kodi's `xbmcvfs.translatePath`: `special://profile/addon_data/x/` → `<profile>/addon_data/x/`.
 * Other paths come back unchanged; a trailing separator is kept, as Kodi keeps it.
 */
export function translateSpecialPath(roots: SpecialRoots, path: string): string {
  const match = /^special:\/\/([a-z]+)(\/.*)?$/i.exec(path);
  if (!match) return path;
  const root = ALIASES[match[1]!.toLowerCase()];
  if (!root) return path;
  const rest = match[2] ?? '';
  const joined = normalize(join(roots[root], rest));
  return rest.endsWith('/') && !joined.endsWith(sep) ? joined + sep : joined;
}

/**
 * Resolves `relative` inside `folder` and refuses anything that lands outside it (`..`, absolute
 * paths, NUL bytes), so that no plugin URL argument can reach beyond the add-on's own data.
 */
export function resolveInside(folder: string, relative: string): string {
  if (relative.includes('\0')) {
    throw new ShimError(ErrorCodes.PATH_OUTSIDE, `Refusing a path with a NUL byte`);
  }
  const base = resolve(folder);
  const target = resolve(base, relative);
  if (target !== base && !target.startsWith(base + sep)) {
    throw new ShimError(ErrorCodes.PATH_OUTSIDE, `Refusing ${JSON.stringify(relative)}: it leads outside ${base}`);
  }
  return target;
}
