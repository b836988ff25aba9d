import { bareToken } from '../auth/legacy-settings.js';
import { openAuthSession } from '../auth/auth-session.js';
import { t } from '../i18n.js';
import type { Route } from '../router.js';

/** `mode=update_token&oauth_token=…`: store a token the user supplies; it has no refresh token. */
export const updateTokenRoute: Route = {
  directory: false,
  required: ['oauth_token'],
  async run({ kodi, addon, params }) {
    const token = bareToken(String(params.oauth_token));
    kodi.shim.redact(token);
    const { manager, log } = await openAuthSession(kodi, addon);
    await manager.saveManualToken(token);
    log.info('access token replaced by the one given to update_token');
    new kodi.xbmcgui.Dialog().notification(t(addon, 'ERROR_HEADING'), t(addon, 'TOKEN_UPDATED'));
    return true;
  },
};
