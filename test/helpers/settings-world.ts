import * as realFs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFsFromVolume, Volume } from 'memfs';
import { FakeClock } from '../../src/host/clock.js';
import type { HostFs } from '../../src/host/fs.js';
import { HostLog } from '../../src/host/log.js';
import { openSettingsSession, type SettingsSession, type SettingsSessionOptions } from '../../src/settings/index.js';

export const settingsRepoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared corpus beside this checkout, when there is one. */
export const settingsCorpus = resolve(settingsRepoRoot, '../shared/corpus');
export const hasSettingsCorpus = realFs.existsSync(settingsCorpus);

export const ADDON_ID = 'plugin.video.example';
export const ADDON_PATH = '/kodi/addons/plugin.video.example';
export const DATA_FOLDER = '/kodi/userdata/addon_data/plugin.video.example';
export const USER_FILE = `${DATA_FOLDER}/settings.xml`;

/** A small legacy definitions file covering each value type. */
export const SMALL_DEFINITIONS = `<?xml version="1.0" encoding="utf-8"?>
<settings>
    <category label="30001">
        <setting id="token" type="text" label="30010" default=""/>
        <setting id="expiry" type="text" label="" visible="false" default="0"/>
        <setting id="login" type="action" label="30011" action="RunPlugin(plugin://$ID/?mode=login)"/>
        <setting id="show_live" type="bool" label="30012" default="true"/>
        <setting id="quality" type="enum" label="30013" lvalues="30020|30021|30022" default="1"/>
        <setting id="per_page" type="slider" label="30014" default="25" range="10,100" option="int"/>
        <setting id="ratio" type="slider" label="30015" default="0.5" range="0,0.1,1"/>
        <setting id="colour" type="select" label="30016" values="red|green|blue" default="red"/>
    </category>
</settings>
`;

/** One simulated Kodi over a shared volume: the add-on installed, a log of its own. */
export interface SettingsProcess {
  fs: HostFs;
  log: HostLog;
  saved: number;
  open(options?: Partial<SettingsSessionOptions>): SettingsSession;
}

/** A fresh memfs volume holding an add-on with `definitions` as its resources/settings.xml. */
export function settingsVolume(definitions = SMALL_DEFINITIONS, userFile?: string): HostFs {
  const vol = new Volume();
  const fs = createFsFromVolume(vol) as unknown as HostFs;
  fs.mkdirSync(`${ADDON_PATH}/resources`, { recursive: true });
  fs.writeFileSync(`${ADDON_PATH}/resources/settings.xml`, definitions);
  if (userFile !== undefined) {
    fs.mkdirSync(DATA_FOLDER, { recursive: true });
    fs.writeFileSync(USER_FILE, userFile);
  }
  return fs;
}

/** A "process" over `fs`: its own log and its own sessions, sharing nothing but the files. */
export function settingsProcess(fs: HostFs, clock = new FakeClock()): SettingsProcess {
  const log = new HostLog({ clock });
  const process: SettingsProcess = {
    fs,
    log,
    saved: 0,
    open: (options = {}) =>
      openSettingsSession({
        fs,
        log,
        addonId: ADDON_ID,
        addonPath: ADDON_PATH,
        dataFolder: DATA_FOLDER,
        onSaved: () => {
          process.saved++;
        },
        now: () => clock.now(),
        ...options,
      }),
  };
  return process;
}

/** Reads a corpus file, or `undefined` without the corpus. */
export function corpusText(relativePath: string): string | undefined {
  const file = join(settingsCorpus, relativePath);
  return realFs.existsSync(file) ? realFs.readFileSync(file, 'utf8') : undefined;
}
