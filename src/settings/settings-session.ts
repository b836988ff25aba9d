import type { HostFs } from '../host/fs.js';
import type { HostLog } from '../host/log.js';
import type { SettingDefinition, SettingsDefinitions } from './settings-definitions.js';

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
  /** Every value this copy holds, as text: the defined settings in definition order, then unknown ids. */
  getSettings(): Map<string, string>;
  /** The add-on's setting definitions (loaded on first use). */
  definitions(): SettingsDefinitions;
  /** The definition of `id`, or `undefined` when it has none. */
  definition(id: string): SettingDefinition | undefined;
  /** Whether the setting's `enable` / `visible` conditions hold for the current values. */
  isEnabled(id: string): boolean;
  isVisible(id: string): boolean;
}

/**
 * `merge` (default): a save takes the cross-process lock, re-reads the file and applies only the ids
 * this copy changed. `kodi`: a save writes this copy's whole snapshot over the file, as Kodi does —
 * kept to demonstrate the lost write.
 */
export type SettingsWriteMode = 'merge' | 'kodi';

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
  /** Default `merge`. */
  writeMode?: SettingsWriteMode;
  /**
   * Where parsed definitions are cached between processes (JSON, keyed by the definitions file's size
   * and mtime; `xbmcaddon` puts it in `special://temp`); absent or `null` = no cache.
   */
  definitionsCacheFile?: string | null;
  /** Milliseconds since the epoch, for the name of a corrupt file moved aside; default `Date.now`. */
  now?: () => number;
  /** Longest wait for another process's save, in milliseconds (default: the host's lock default). */
  lockWaitMs?: number;
}
