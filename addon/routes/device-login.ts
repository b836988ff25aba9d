import { AddonErrorCodes, hasCode, isTransient } from '../errors.js';
import { LOGIN_SCOPES } from '../auth/auth-config.js';
import { openAuthSession } from '../auth/auth-session.js';
import { t, type StringName } from '../i18n.js';
import type { Route } from '../router.js';
import { requestDeviceAuthorization } from '../twitch/device-authorization.js';
import { pollDeviceToken } from '../twitch/device-poll.js';
import { validateAccessToken, type TokenValidation } from '../twitch/validate.js';

/** What the user reads when the login ends without tokens. */
function failureText(error: unknown): StringName {
  if (hasCode(error, AddonErrorCodes.DEVICE_CODE_EXPIRED)) return 'LOGIN_CODE_EXPIRED';
  if (hasCode(error, AddonErrorCodes.ACCESS_DENIED)) return 'LOGIN_DENIED';
  if (hasCode(error, AddonErrorCodes.CANCELLED)) return 'LOGIN_CANCELLED';
  if (isTransient(error)) return 'NETWORK_TROUBLE';
  return 'LOGIN_FAILED';
}

/**
 * `mode=device_login`: RFC 8628 with Twitch's quirks. The user sees the activation address and the
 * code with the time left; cancelling the dialog or Kodi's abort stops polling within a second.
 */
export const deviceLoginRoute: Route = {
  directory: false,
  async run({ kodi, addon }) {
    const dialog = new kodi.xbmcgui.Dialog();
    const heading = t(addon, 'LOGIN_PROGRESS_HEADING');
    const { config, manager, log } = await openAuthSession(kodi, addon);
    if (!config.clientId) {
      await dialog.ok(heading, t(addon, 'CLIENT_ID_MISSING'));
      return false;
    }
    const progress = new kodi.xbmcgui.DialogProgress();
    try {
      const authorization = await requestDeviceAuthorization(config, LOGIN_SCOPES);
      kodi.shim.redact(authorization.deviceCode);
      // Twitch's verification_uri already carries the code; people type the short address.
      const address = authorization.verificationUri.replace(/[?#].*$/, '');
      const instructions = t(addon, 'LOGIN_INSTRUCTIONS', address, authorization.userCode);
      const totalSeconds = authorization.expiresInSeconds;
      progress.create(heading, instructions);
      log.info(`device login started; code valid for ${totalSeconds} s`);
      const tokens = await pollDeviceToken({
        ...config,
        authorization,
        scopes: LOGIN_SCOPES,
        clock: kodi.shim.clock,
        logger: log,
        onTick: (secondsLeft) => {
          const percent = totalSeconds > 0 ? 100 - (100 * secondsLeft) / totalSeconds : 0;
          progress.update(percent, `${instructions}[CR]${t(addon, 'LOGIN_TIME_LEFT', secondsLeft)}`);
          return progress.iscanceled();
        },
      });
      let who: TokenValidation = { clientId: config.clientId, login: '', userId: '', scopes: tokens.scopes, expiresInSeconds: tokens.expiresInSeconds };
      try {
        who = await validateAccessToken(config, tokens.accessToken);
      } catch (error) {
        // The tokens are good; who they belong to can be asked again later.
        log.warning(`logged in, but could not ask Twitch whose login it is: ${(error as Error).message}`);
      }
      await manager.saveDeviceLogin(tokens, who);
      progress.close();
      log.info(`device login done for ${who.login || 'an unknown user'}`);
      await dialog.ok(heading, t(addon, 'LOGIN_SUCCESS', who.login || '?'));
      return true;
    } catch (error) {
      progress.close();
      log.warning(`device login ended without a login: ${(error as Error).message}`);
      if (hasCode(error, AddonErrorCodes.CANCELLED)) {
        dialog.notification(heading, t(addon, 'LOGIN_CANCELLED'));
      } else {
        await dialog.ok(heading, t(addon, failureText(error)));
      }
      return false;
    }
  },
};
