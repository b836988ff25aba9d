import { openAuthSession } from '../auth/auth-session.js';
import { t } from '../i18n.js';
import type { Route } from '../router.js';
import { revokeToken } from '../twitch/revoke.js';

/** `mode=revoke_token`: after a yes, revoke the token at Twitch and forget it here, store and settings alike. */
export const revokeTokenRoute: Route = {
  directory: false,
  async run({ kodi, addon }) {
    const dialog = new kodi.xbmcgui.Dialog();
    const heading = t(addon, 'ERROR_HEADING');
    if (!(await dialog.yesno(heading, t(addon, 'REVOKE_CONFIRM')))) return true;
    const { config, manager, log } = await openAuthSession(kodi, addon);
    const login = await manager.current();
    let revokedAtTwitch = true;
    if (login?.accessToken && config.clientId) {
      try {
        const result = await revokeToken(config, login.accessToken);
        log.info(`token revoked at Twitch (${result})`);
      } catch (error) {
        revokedAtTwitch = false;
        log.warning(`could not revoke the token at Twitch; forgetting it here anyway: ${(error as Error).message}`);
      }
    }
    // Logging out locally never depends on Twitch answering.
    await manager.clear();
    await dialog.ok(heading, revokedAtTwitch ? t(addon, 'REVOKE_DONE') : t(addon, 'REVOKE_LOCAL_ONLY'));
    return true;
  },
};
