import type { Kodi } from '../src/kodi/index.js';

/** The add-on's log: Kodi's log with the add-on's id in front, in the shape the Twitch client takes. */
export interface AddonLogger {
  debug(message: string): void;
  info(message: string): void;
  warning(message: string): void;
  error(message: string): void;
}

/** A logger writing through `xbmc.log`. Secrets are never passed to it; the host masks them anyway. */
export function createLogger(kodi: Kodi): AddonLogger {
  const { xbmc } = kodi;
  const write = (level: number) => (message: string) => xbmc.log(`[plugin.video.twitch] ${message}`, level);
  return {
    debug: write(xbmc.LOGDEBUG),
    info: write(xbmc.LOGINFO),
    warning: write(xbmc.LOGWARNING),
    error: write(xbmc.LOGERROR),
  };
}
