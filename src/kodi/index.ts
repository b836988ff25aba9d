import type { Invocation } from './invocation.js';
import { createShimExtensions } from './shim-extensions.js';
import { createXbmc } from './xbmc.js';
import { createXbmcaddon } from './xbmcaddon.js';
import { createXbmcgui } from './xbmcgui.js';
import { createXbmcplugin } from './xbmcplugin.js';
import { createXbmcvfs } from './xbmcvfs.js';

/**
 * Everything an add-on sees of Kodi for one invocation: the five `xbmc*` modules, `sys.argv`, and the
 * runtime's Node extensions. An add-on entry module exports `default async function (kodi: Kodi)`.
 */
export function createKodi(invocation: Invocation) {
  return {
    xbmc: createXbmc(invocation),
    xbmcgui: createXbmcgui(invocation),
    xbmcplugin: createXbmcplugin(invocation),
    xbmcaddon: createXbmcaddon(invocation),
    xbmcvfs: createXbmcvfs(invocation),
    /** `sys.argv` as Kodi passes it: `[base URL, handle, '?query', 'resume:false']`. */
    sys: { argv: [...invocation.argv] as string[] },
    shim: createShimExtensions(invocation),
  };
}

export type Kodi = ReturnType<typeof createKodi>;

/** The default export of a plugin or service library named in addon.xml. */
export type AddonEntry = (kodi: Kodi) => Promise<void>;

export { ListItem, type ListItemSnapshot } from './list-item.js';
export type { MonitorLike } from './xbmc.js';
export type { HeldLock, ShimExtensions } from './shim-extensions.js';
/** The stable `code` of the runtime's errors (a lock that stays busy, a write that fails…). */
export type { ErrorCode as ShimErrorCode } from '../host/errors.js';
