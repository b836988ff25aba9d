import type { Kodi } from '../../src/kodi/index.js';
import { AddonError, AddonErrorCodes } from '../errors.js';
import { t, type StringName } from '../i18n.js';
import { createLogger, type AddonLogger } from '../logger.js';
import { HelixClient } from '../twitch/helix-client.js';
import { loadAuthConfig, type AuthConfig } from './auth-config.js';
import { TokenManager, type AuthNotice } from './token-manager.js';

type Addon = InstanceType<Kodi['xbmcaddon']['Addon']>;

const NOTICE_TEXT: Record<AuthNotice, StringName> = {
  relogin: 'LOGIN_AGAIN',
  relogin_after_lost_reply: 'LOGIN_AGAIN_LOST_REPLY',
  public_client: 'PUBLIC_CLIENT_NEEDED',
};

/** Everything a route or the service needs to reach Twitch as the logged-in user. */
export interface AuthSession {
  config: AuthConfig;
  manager: TokenManager;
  log: AddonLogger;
  /**
   * A Helix client that sends the current token on every call and, when Helix answers 401, renews
   * once through the token manager (so all processes share one refresh) and retries once.
   */
  helix(): HelixClient;
}

/** Builds the invocation's token manager; its notices appear as Kodi notifications in the user's language. */
export async function openAuthSession(kodi: Kodi, addon: Addon): Promise<AuthSession> {
  const log = createLogger(kodi);
  const config = await loadAuthConfig(kodi, addon);
  const manager = new TokenManager({
    kodi,
    log,
    config,
    addon,
    notify: (notice) => {
      // A long notice: it asks the user to do something.
      new kodi.xbmcgui.Dialog().notification(t(addon, 'ERROR_HEADING'), t(addon, NOTICE_TEXT[notice]), kodi.xbmcgui.NOTIFICATION_WARNING, 10_000);
    },
  });
  const helix = () => {
    let sent = '';
    return new HelixClient({
      ...config,
      clock: kodi.shim.clock,
      logger: log,
      accessToken: async () => {
        const grant = await manager.ensureValidToken();
        if (!grant) throw new AddonError(AddonErrorCodes.UNAUTHORIZED, 'Nobody is logged in to Twitch; log in first.');
        sent = grant.accessToken;
        return sent;
      },
      onUnauthorized: async () => {
        const renewed = await manager.ensureValidToken({ force: true, rejected: sent });
        if (!renewed || renewed.accessToken === sent) return null;
        sent = renewed.accessToken;
        return sent;
      },
    });
  };
  return { config, manager, log, helix };
}
