import type { Kodi } from '../../src/kodi/index.js';
import type { AddonLogger } from '../logger.js';
import { emptyLogin, tokenFingerprint, type StoredLogin } from './token-file.js';

/** The Python add-on's setting ids for the login; the store mirrors into them so a user can go back. */
export const LegacySettings = {
  ACCESS: 'oauth_token_helix',
  REFRESH: 'oauth_refresh_token',
  EXPIRY: 'oauth_token_expiry',
  REFRESH_UNSUPPORTED: 'oauth_refresh_unsupported',
  CLIENT_ID: 'oauth_clientid',
} as const;

/** How many mirrored tokens are remembered to tell a stale settings write from a hand-typed token. */
export const MIRROR_HISTORY = 8;

type SettingsReader = { getSetting(id: string): string };

/** Chat tools hand out tokens as `oauth:<token>`; Helix wants the bare token. */
export function bareToken(text: string): string {
  const trimmed = text.trim();
  return trimmed.toLowerCase().startsWith('oauth:') ? trimmed.slice(6) : trimmed;
}

/** Expiry as the settings hold it: "0", "", "1718000000.0" all occur; anything unreadable is 0 (unknown). */
export function parseLegacyExpiry(text: string): number {
  const value = Number.parseFloat(text.trim());
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** The login the legacy settings describe, or null when they hold no token. */
export function loginFromSettings(addon: SettingsReader): StoredLogin | null {
  const accessToken = bareToken(addon.getSetting(LegacySettings.ACCESS));
  const refreshToken = addon.getSetting(LegacySettings.REFRESH).trim();
  if (!accessToken && !refreshToken) return null;
  return {
    ...emptyLogin(),
    accessToken,
    refreshToken,
    expiry: parseLegacyExpiry(addon.getSetting(LegacySettings.EXPIRY)),
    mirrored: accessToken ? [tokenFingerprint(accessToken)] : [],
  };
}

/**
 * A token the user typed into `oauth_token_helix` after our last mirror, or null. A value we mirrored
 * earlier and that a stale settings writer put back (Kodi saves whole files) is not one.
 */
export function handTypedToken(addon: SettingsReader, login: StoredLogin): string | null {
  const typed = bareToken(addon.getSetting(LegacySettings.ACCESS));
  if (!typed || typed === login.accessToken) return null;
  if (login.mirrored.includes(tokenFingerprint(typed))) return null;
  return typed;
}

/** `login` with `accessToken` remembered as mirrored (newest first). */
export function withMirrored(login: StoredLogin): StoredLogin {
  if (!login.accessToken) return login;
  const print = tokenFingerprint(login.accessToken);
  return { ...login, mirrored: [print, ...login.mirrored.filter((p) => p !== print)].slice(0, MIRROR_HISTORY) };
}

/**
 * Copies the store's tokens into the legacy settings through the settings layer (which saves only
 * the ids it changed, under its own lock). A failure is logged and never undoes the store's write.
 */
export async function mirrorToSettings(kodi: Kodi, log: AddonLogger, login: StoredLogin): Promise<void> {
  const addon = new kodi.xbmcaddon.Addon();
  const wanted: Array<[string, string]> = [
    [LegacySettings.ACCESS, login.accessToken],
    [LegacySettings.REFRESH, login.refreshToken],
    [LegacySettings.EXPIRY, login.expiry ? String(login.expiry) : '0'],
  ];
  try {
    // Started together, the three changes go into one save of settings.xml (the settings layer
    // applies them before its first save runs), not three saves with three locks and fsyncs.
    await Promise.all(wanted.filter(([id, value]) => addon.getSetting(id) !== value).map(([id, value]) => addon.setSetting(id, value)));
  } catch (error) {
    log.warning(`could not copy the login into the settings (the token file is up to date): ${(error as Error).message}`);
  }
}
