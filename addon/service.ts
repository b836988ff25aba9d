import type { Kodi } from '../src/kodi/index.js';

/** Seconds between two checks of the login, as the Python add-on's service did. */
const CHECK_INTERVAL_SECONDS = 300;

/** The service entry named in addon.xml: runs from Kodi's start until it aborts. */
export default async function service(kodi: Kodi): Promise<void> {
  const monitor = new kodi.xbmc.Monitor();
  kodi.xbmc.log('[plugin.video.twitch] service started', kodi.xbmc.LOGINFO);
  while (!(await monitor.waitForAbort(CHECK_INTERVAL_SECONDS))) {
    // The login check joins here with the auth module.
  }
  kodi.xbmc.log('[plugin.video.twitch] service stopped', kodi.xbmc.LOGINFO);
}
