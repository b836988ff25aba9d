import type { HostFs } from '../host/fs.js';
import type { HostLog } from '../host/log.js';

/** What one `xbmcaddon.Addon` object needs: its own copy of the add-on's settings. */
export interface SettingsSession {
  /** Kodi's `getSetting`: the value as text, `""` for an unknown id; never throws. */
  getText(id: string): string;
  /** Typed getters throw `SETTING_UNKNOWN` for an unknown id and `SETTING_TYPE` for another type. */
  getBool(id: string): boolean;
  getInt(id: string): number;
  getNumber(id: string): number;
  getString(id: string): string;
  /** Kodi's `setSetting`: a value that does not fit is ignored (logged); then the copy is saved. */
  setText(id: string, text: string): Promise<void>;
  /** Typed setters throw `SETTING_TYPE` or `SETTING_VALUE`, and save nothing, when the value does not fit. */
  setBool(id: string, value: boolean): Promise<void>;
  setInt(id: string, value: number): Promise<void>;
  setNumber(id: string, value: number): Promise<void>;
  setString(id: string, value: string): Promise<void>;
}

export interface SettingsSessionOptions {
  fs: HostFs;
  log: HostLog;
  addonId: string;
  /** The add-on's folder (holds `resources/settings.xml`). */
  addonPath: string;
  /** The add-on's data folder (holds the user's `settings.xml`). */
  dataFolder: string;
  /** Called after every save, so the host can queue `onSettingsChanged`. */
  onSaved: () => void;
}
