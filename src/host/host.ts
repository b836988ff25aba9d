import type { Dispatcher } from 'undici';
import { readAddonManifest, type AddonManifest } from './addon-manifest.js';
import { systemClock, type Clock } from './clock.js';
import { ErrorCodes, ShimError } from './errors.js';
import { realFs, type HostFs } from './fs.js';
import { HostLog, type LogRecord } from './log.js';
import { translateSpecialPath, type SpecialRoots } from './special-paths.js';
import { ScriptedUi, type UiDriver } from './ui.js';

export interface HostOptions {
  /** Where `special://profile` and the other roots are; `profile` is required. */
  roots: Partial<SpecialRoots> & { profile: string };
  fs?: HostFs;
  clock?: Clock;
  ui?: UiDriver;
  /** A ready log, or options for the default one. */
  log?: HostLog | { sink?: (line: string, record: LogRecord) => void; debug?: boolean };
  /** The HTTP dispatcher add-on code must use (an undici MockAgent in tests); default: a real Agent. */
  dispatcher?: Dispatcher;
  /** Kodi's GUI language as a folder suffix: `en_gb`, `de_de`. */
  language?: string;
  /** Environment the add-on may read (Twitch endpoints); default: none. */
  env?: Record<string, string | undefined>;
}

type SettingsListener = () => void;
type NotificationListener = (sender: string, method: string, data: string) => void;

/**
 * One simulated Kodi: everything below it — the shim, the settings and language layers, the add-on —
 * gets its filesystem, clock, UI, log, HTTP dispatcher and abort signal from here and nowhere else.
 * Tests build one host per simulated process; the harness builds one per command.
 */
export class Host {
  readonly fs: HostFs;
  readonly roots: SpecialRoots;
  readonly clock: Clock;
  readonly ui: UiDriver;
  readonly log: HostLog;
  readonly language: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly #abort = new AbortController();
  readonly #addons = new Map<string, AddonManifest>();
  readonly #settingsListeners = new Map<string, Set<SettingsListener>>();
  readonly #notificationListeners = new Set<NotificationListener>();
  /** Kodi's global window properties (`Window(10000)`), shared by every invocation of this Kodi. */
  readonly windowProperties = new Map<string, string>();
  #dispatcher: Dispatcher | undefined;
  #dispatcherLoading: Promise<Dispatcher> | undefined;
  #handles = 0;

  constructor(options: HostOptions) {
    this.fs = options.fs ?? realFs;
    const profile = options.roots.profile;
    this.roots = {
      profile,
      home: options.roots.home ?? profile,
      temp: options.roots.temp ?? `${profile}/temp`,
      xbmc: options.roots.xbmc ?? profile,
    };
    this.clock = options.clock ?? systemClock;
    this.ui = options.ui ?? new ScriptedUi();
    this.log = options.log instanceof HostLog ? options.log : new HostLog({ clock: this.clock, ...options.log });
    this.language = options.language ?? 'en_gb';
    this.env = { ...(options.env ?? {}) };
    this.#dispatcher = options.dispatcher;
  }

  /** Aborted when Kodi shuts down (Ctrl-C in the harness, `abort()` in tests). */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  abort(reason: string = 'abort requested'): void {
    this.#abort.abort(reason);
  }

  /** Kodi's `translatePath`. */
  translatePath(path: string): string {
    return translateSpecialPath(this.roots, path);
  }

  /** Makes the add-on in `folder` known to this Kodi (as installing it would). */
  installAddon(folder: string): AddonManifest {
    const manifest = readAddonManifest(this.fs, folder);
    this.#addons.set(manifest.id, manifest);
    return manifest;
  }

  addon(id: string): AddonManifest {
    const manifest = this.#addons.get(id);
    if (!manifest) throw new ShimError(ErrorCodes.UNKNOWN_ADDON, `Unknown add-on ${JSON.stringify(id)}`);
    return manifest;
  }

  hasAddon(id: string): boolean {
    return this.#addons.has(id);
  }

  /** The add-on's data folder, `special://profile/addon_data/<id>/`, without the trailing separator. */
  addonDataFolder(id: string): string {
    return this.translatePath(`special://profile/addon_data/${id}`);
  }

  /** Kodi's directory handles count up from 1 per plugin invocation. */
  nextHandle(): number {
    return ++this.#handles;
  }

  /** The HTTP dispatcher; undici is loaded only when the first request needs it. */
  async dispatcher(): Promise<Dispatcher> {
    if (this.#dispatcher) return this.#dispatcher;
    this.#dispatcherLoading ??= import('undici').then(({ Agent }) => {
      this.#dispatcher = new Agent({ connect: { timeout: 10_000 } });
      return this.#dispatcher;
    });
    return this.#dispatcherLoading;
  }

  /** Listens for saved settings of add-on `id`; returns the function that stops listening. */
  onSettingsChanged(id: string, listener: SettingsListener): () => void {
    let set = this.#settingsListeners.get(id);
    if (!set) this.#settingsListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Called by the settings layer after a save: queues `onSettingsChanged` for every Monitor of `id`. */
  settingsChanged(id: string): void {
    for (const listener of this.#settingsListeners.get(id) ?? []) listener();
  }

  /** Listens for `JSONRPC.NotifyAll`-style notifications; returns the function that stops listening. */
  onNotification(listener: NotificationListener): () => void {
    this.#notificationListeners.add(listener);
    return () => this.#notificationListeners.delete(listener);
  }

  /** Sends a notification to every Monitor (as `JSONRPC.NotifyAll` does). */
  notify(sender: string, method: string, data = ''): void {
    for (const listener of this.#notificationListeners) listener(sender, method, data);
  }

  /** Releases what the host opened (the default HTTP agent). */
  async close(): Promise<void> {
    if (this.#dispatcherLoading) await (await this.#dispatcherLoading).close().catch(() => undefined);
  }
}
