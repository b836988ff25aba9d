import { ErrorCodes, ShimError } from '../host/errors.js';
import { loadStringTable, type StringTable } from '../language/index.js';
import { openSettingsSession, type SettingsSession } from '../settings/index.js';
import type { Invocation } from './invocation.js';

const INFO_KEYS = new Set([
  'id', 'name', 'version', 'path', 'profile', 'author', 'summary', 'description', 'icon', 'fanart', 'type',
  'changelog', 'disclaimer', 'stars',
]);

/** `xbmcaddon` for one invocation. */
export function createXbmcaddon(invocation: Invocation) {
  const { host } = invocation;
  const stringTables = new Map<string, StringTable>();

  /**
   * Kodi's `xbmcaddon.Addon(id)`. Each object holds its own copy of the settings, loaded on first use —
   * two objects (or two processes) see each other's changes only after reloading, as in Kodi.
   */
  class Addon {
    readonly #id: string;
    readonly #settings: SettingsSession;

    constructor(id?: string) {
      const manifest = id ? host.addon(id) : invocation.addon;
      this.#id = manifest.id;
      this.#settings = openSettingsSession({
        fs: host.fs,
        log: host.log,
        addonId: manifest.id,
        addonPath: manifest.path,
        dataFolder: host.addonDataFolder(manifest.id),
        // Kodi's temp folder, not the user's data: a cache is not the user's to back up.
        definitionsCacheFile: host.translatePath(`special://temp/kodi-shim/settings-definitions-${manifest.id}.json`),
        onSaved: () => host.settingsChanged(manifest.id),
      });
    }

    /** Keys are case-insensitive; an unknown key throws, as Kodi's does. */
    getAddonInfo(key: string): string {
      const k = String(key).toLowerCase();
      if (!INFO_KEYS.has(k)) throw new ShimError(ErrorCodes.UNKNOWN_INFO_KEY, `getAddonInfo: unknown key ${JSON.stringify(key)}`);
      const m = host.addon(this.#id);
      switch (k) {
        case 'profile':
          return `special://profile/addon_data/${m.id}/`;
        case 'stars':
          return '0';
        default:
          return String(m[k as keyof typeof m] ?? '');
      }
    }

    getLocalizedString(id: number): string {
      let table = stringTables.get(this.#id);
      if (!table) {
        table = loadStringTable({ fs: host.fs, log: host.log, addonPath: host.addon(this.#id).path, language: host.language });
        stringTables.set(this.#id, table);
      }
      return table.get(Number(id));
    }

    getSetting(id: string): string {
      return this.#settings.getText(String(id));
    }
    getSettingBool(id: string): boolean {
      return this.#settings.getBool(id);
    }
    getSettingInt(id: string): number {
      return this.#settings.getInt(id);
    }
    getSettingNumber(id: string): number {
      return this.#settings.getNumber(id);
    }
    getSettingString(id: string): string {
      return this.#settings.getString(id);
    }
    /** Kodi's `setSetting`: a value that does not fit the setting's type is ignored; then saved. */
    async setSetting(id: string, value: string): Promise<void> {
      await this.#settings.setText(String(id), String(value));
    }
    async setSettingBool(id: string, value: boolean): Promise<void> {
      await this.#settings.setBool(id, value);
    }
    async setSettingInt(id: string, value: number): Promise<void> {
      await this.#settings.setInt(id, value);
    }
    async setSettingNumber(id: string, value: number): Promise<void> {
      await this.#settings.setNumber(id, value);
    }
    async setSettingString(id: string, value: string): Promise<void> {
      await this.#settings.setString(id, value);
    }
    /** Kodi 20's `Settings` object: the same copy, typed access. */
    getSettings() {
      const s = this.#settings;
      return {
        getBool: (id: string) => s.getBool(id),
        getInt: (id: string) => s.getInt(id),
        getNumber: (id: string) => s.getNumber(id),
        getString: (id: string) => s.getString(id),
        setBool: (id: string, v: boolean) => s.setBool(id, v),
        setInt: (id: string, v: number) => s.setInt(id, v),
        setNumber: (id: string, v: number) => s.setNumber(id, v),
        setString: (id: string, v: string) => s.setString(id, v),
      };
    }
    /** The settings dialog is not simulated; the harness's `settings set` edits values instead. */
    openSettings(): void {
      host.log.info(`openSettings(${this.#id}): use 'kodi-shim settings set <id> <value>' to change settings`);
    }
  }

  return { Addon };
}

export type Xbmcaddon = ReturnType<typeof createXbmcaddon>;
