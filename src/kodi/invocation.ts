import type { AddonManifest } from '../host/addon-manifest.js';
import type { Host } from '../host/host.js';
import type { ListItemSnapshot } from './list-item.js';

/** One entry a plugin added to its directory. */
export interface DirectoryItem {
  url: string;
  isFolder: boolean;
  /** Kodi plays an item directly when its `IsPlayable` property is `true`. */
  isPlayable: boolean;
  item: ListItemSnapshot;
}

/** What `xbmcplugin` recorded for one invocation. */
export interface DirectoryRecord {
  items: DirectoryItem[];
  content: string | null;
  sortMethods: number[];
  /** Set by `endOfDirectory`. */
  ended: { succeeded: boolean; updateListing: boolean; cacheToDisc: boolean } | null;
  /** Set by `setResolvedUrl`. */
  resolved: { succeeded: boolean; path: string; item: ListItemSnapshot } | null;
}

/**
 * One run of add-on code — a plugin invocation or the service — as Kodi gives each its own
 * interpreter: its own argv and handle, its own `Addon` objects and monitors, nothing shared with
 * other invocations but the host's files.
 */
export class Invocation {
  readonly host: Host;
  readonly addon: AddonManifest;
  readonly argv: readonly string[];
  readonly handle: number;
  readonly directory: DirectoryRecord = { items: [], content: null, sortMethods: [], ended: null, resolved: null };
  /** Builtins the add-on asked Kodi to run (`Container.Refresh`, `RunPlugin(...)`…). */
  readonly builtins: string[] = [];
  /** Set when the add-on reports that the URL it was given makes no sense (CLI: exit code 2). */
  badRequest: string | undefined;
  readonly #cleanups: Array<() => void> = [];

  constructor(host: Host, addon: AddonManifest, argv: readonly string[], handle: number) {
    this.host = host;
    this.addon = addon;
    this.argv = argv;
    this.handle = handle;
  }

  /** Registers something to undo when the invocation ends (monitor subscriptions). */
  onEnd(cleanup: () => void): void {
    this.#cleanups.push(cleanup);
  }

  end(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
  }
}
