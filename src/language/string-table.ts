import type { HostFs } from '../host/fs.js';
import type { HostLog } from '../host/log.js';

/** An add-on's strings as Kodi resolves them for one GUI language. */
export interface StringTable {
  /** Kodi's `getLocalizedString`: `""` when the id is missing. */
  get(id: number): string;
}

export interface StringTableOptions {
  fs: HostFs;
  log: HostLog;
  /** The add-on's folder (holds `resources/language/resource.language.*`). */
  addonPath: string;
  /** Kodi's GUI language as a folder suffix: `en_gb`, `de_de`. */
  language: string;
}
