import { LogLevel } from '../host/log.js';
import type { Invocation } from './invocation.js';

export interface MonitorLike {
  onSettingsChanged(): void | Promise<void>;
  onNotification(sender: string, method: string, data: string): void | Promise<void>;
  abortRequested(): boolean;
  waitForAbort(timeoutSeconds?: number): Promise<boolean>;
}

type PendingEvent = { kind: 'settings' } | { kind: 'notification'; sender: string; method: string; data: string };

/** `xbmc` for one invocation. */
export function createXbmc(invocation: Invocation) {
  const { host } = invocation;

  /**
   * Kodi's `xbmc.Monitor`. Subclass it and override `onSettingsChanged`/`onNotification`; they are
   * called only while the code is inside `waitForAbort`, as Kodi delivers them.
   */
  class Monitor implements MonitorLike {
    #pending: PendingEvent[] = [];
    #wake: AbortController | undefined;

    constructor() {
      const push = (event: PendingEvent) => {
        this.#pending.push(event);
        this.#wake?.abort();
      };
      invocation.onEnd(host.onSettingsChanged(invocation.addon.id, () => push({ kind: 'settings' })));
      invocation.onEnd(
        host.onNotification((sender, method, data) => push({ kind: 'notification', sender, method, data })),
      );
    }

    onSettingsChanged(): void | Promise<void> {}

    onNotification(_sender: string, _method: string, _data: string): void | Promise<void> {}

    abortRequested(): boolean {
      return host.signal.aborted;
    }

    /**
     * Waits up to `timeoutSeconds` (none or ≤ 0: forever) for Kodi to abort; `true` when it did.
     * Returns at once on abort: the wait races the host's abort signal, no polling.
     */
    async waitForAbort(timeoutSeconds?: number): Promise<boolean> {
      const forever = timeoutSeconds === undefined || timeoutSeconds <= 0;
      const deadline = forever ? Infinity : host.clock.now() + timeoutSeconds * 1000;
      for (;;) {
        await this.#deliver();
        if (host.signal.aborted) return true;
        const remaining = deadline - host.clock.now();
        if (remaining <= 0) return false;
        this.#wake = new AbortController();
        const signal = AbortSignal.any([host.signal, this.#wake.signal]);
        // A day at a time keeps "forever" within setTimeout's 32-bit range.
        const slept = await host.clock.sleep(Math.min(remaining, 86_400_000), signal);
        this.#wake = undefined;
        if (host.signal.aborted) return true;
        if (slept && !forever && host.clock.now() >= deadline) {
          await this.#deliver();
          return host.signal.aborted;
        }
      }
    }

    async #deliver(): Promise<void> {
      while (this.#pending.length > 0) {
        const event = this.#pending.shift()!;
        try {
          if (event.kind === 'settings') await this.onSettingsChanged();
          else await this.onNotification(event.sender, event.method, event.data);
        } catch (error) {
          host.log.error(`Monitor callback failed: ${(error as Error)?.stack ?? String(error)}`);
        }
      }
    }
  }

  class Player {
    /** Records what Kodi was asked to play. */
    async play(item: string | { getPath(): string } = ''): Promise<void> {
      const path = typeof item === 'string' ? item : item.getPath();
      invocation.builtins.push(`PlayMedia(${path})`);
    }
    isPlaying(): boolean {
      return false;
    }
  }

  /** Kodi's on-screen keyboard: `doModal()` asks, then `isConfirmed()` and `getText()`. */
  class Keyboard {
    #text: string;
    #heading: string;
    #hidden: boolean;
    #confirmed = false;
    constructor(defaultText = '', heading = '', hidden = false) {
      this.#text = defaultText;
      this.#heading = heading;
      this.#hidden = hidden;
    }
    setHeading(heading: string): void {
      this.#heading = heading;
    }
    setDefault(text: string): void {
      this.#text = text;
    }
    setHiddenInput(hidden: boolean): void {
      this.#hidden = hidden;
    }
    async doModal(): Promise<void> {
      const answer = await host.ui.input(this.#heading, { defaultText: this.#text, hidden: this.#hidden });
      this.#confirmed = answer !== '';
      if (this.#confirmed) this.#text = answer;
    }
    isConfirmed(): boolean {
      return this.#confirmed;
    }
    getText(): string {
      return this.#text;
    }
  }

  return {
    LOGDEBUG: LogLevel.DEBUG,
    LOGINFO: LogLevel.INFO,
    LOGWARNING: LogLevel.WARNING,
    LOGERROR: LogLevel.ERROR,
    LOGFATAL: LogLevel.FATAL,
    LOGNONE: LogLevel.NONE,
    /** Kodi's `xbmc.log(msg, level=LOGDEBUG)`. */
    log(message: string, level: number = LogLevel.DEBUG): void {
      host.log.write(level, message);
    },
    Monitor,
    Player,
    Keyboard,
    /** Kodi's `xbmc.sleep(ms)`: returns early when Kodi aborts. */
    async sleep(ms: number): Promise<void> {
      await host.clock.sleep(ms, host.signal);
    },
    executebuiltin(command: string, _wait = false): void {
      invocation.builtins.push(command);
      host.log.debug(`executebuiltin: ${command}`);
    },
    getCondVisibility(condition: string): boolean {
      const hasAddon = /^System\.HasAddon\((.+)\)$/i.exec(condition.trim());
      if (hasAddon) return host.hasAddon(hasAddon[1]!.trim());
      return false;
    },
    getInfoLabel(label: string): string {
      switch (label.toLowerCase()) {
        case 'system.buildversion':
          return '21.0 (kodi-shim)';
        case 'system.language':
          return host.language;
        default:
          return '';
      }
    },
    /** The GUI language; Kodi's format codes collapse to the folder suffix we use (`en_gb`). */
    getLanguage(): string {
      return host.language;
    },
  };
}

export type Xbmc = ReturnType<typeof createXbmc>;
