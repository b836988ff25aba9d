import type { Kodi } from '../src/kodi/index.js';
import { openAuthSession } from './auth/auth-session.js';
import { AddonErrorCodes, hasCode, isTransient } from './errors.js';
import { validateAccessToken } from './twitch/validate.js';

/** Seconds between two checks of the login, as the Python add-on's service did. */
export const CHECK_INTERVAL_SECONDS = 300;
/** Twitch asks apps to validate their token at start-up and hourly. */
export const VALIDATE_INTERVAL_SECONDS = 3600;

export interface ServiceOptions {
  checkIntervalSeconds?: number;
  validateIntervalSeconds?: number;
}

type LoginState = 'logged_out' | 'ok' | 'offline' | 'stale';

/**
 * The background service: takes the login over from the settings, keeps the token renewed ahead of
 * expiry, validates it hourly, and stops within a second of Kodi's abort. It logs changes of state,
 * not every tick, so a night offline is one line.
 */
export async function runTwitchService(kodi: Kodi, options: ServiceOptions = {}): Promise<void> {
  const envInterval = Number(kodi.shim.env.TWITCH_SERVICE_CHECK_SECONDS);
  const checkSeconds = options.checkIntervalSeconds ?? (envInterval > 0 ? envInterval : CHECK_INTERVAL_SECONDS);
  const validateSeconds = options.validateIntervalSeconds ?? VALIDATE_INTERVAL_SECONDS;
  const addon = new kodi.xbmcaddon.Addon();
  const { config, manager, log } = await openAuthSession(kodi, addon);
  const clock = kodi.shim.clock;

  class ServiceMonitor extends kodi.xbmc.Monitor {
    override onSettingsChanged(): void {
      // A token typed into the settings, or a new Client-ID, is looked at on the next check.
      manager.settingsChanged();
    }
  }
  const monitor = new ServiceMonitor();
  let state: LoginState | undefined;
  let lastValidatedMs = -Infinity;

  const report = (next: LoginState, detail = '') => {
    if (next === state) return;
    state = next;
    const text: Record<LoginState, string> = {
      logged_out: 'nobody is logged in',
      ok: 'the login is valid',
      offline: `Twitch cannot be reached; keeping the login and trying again later${detail}`,
      stale: 'the access token is past its expiry and could not be renewed yet; keeping it',
    };
    (next === 'offline' ? log.warning : log.info)(`service: ${text[next]}`);
  };

  const check = async () => {
    try {
      // Settings saved by another process reach no Monitor here; one look per check is cheap.
      manager.settingsChanged();
      const grant = await manager.ensureValidToken();
      if (!grant) return report('logged_out');
      if (clock.now() - lastValidatedMs >= validateSeconds * 1000) {
        try {
          await validateAccessToken(config, grant.accessToken);
          lastValidatedMs = clock.now();
        } catch (error) {
          if (!hasCode(error, AddonErrorCodes.INVALID_TOKEN)) throw error;
          lastValidatedMs = clock.now();
          log.info('service: Twitch no longer accepts the access token; renewing it');
          const renewed = await manager.ensureValidToken({ force: true, rejected: grant.accessToken });
          return report(renewed && !renewed.stale ? 'ok' : renewed ? 'stale' : 'logged_out');
        }
      }
      report(grant.stale ? 'stale' : 'ok');
    } catch (error) {
      if (isTransient(error) || hasCode(error, AddonErrorCodes.CANCELLED)) return report('offline', ` (${(error as Error).message})`);
      // Anything else is a defect: logged with its stack, and the service goes on.
      log.error(`service: check failed: ${(error as Error).stack ?? String(error)}`);
    }
  };

  log.info(`service started; checking the login every ${checkSeconds} s`);
  await check();
  while (!(await monitor.waitForAbort(checkSeconds))) await check();
  log.info('service stopped');
}

/** The service entry named in addon.xml. */
export default async function service(kodi: Kodi): Promise<void> {
  await runTwitchService(kodi);
}
