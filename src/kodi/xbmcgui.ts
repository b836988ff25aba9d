import type { ProgressHandle } from '../host/ui.js';
import type { Invocation } from './invocation.js';
import { ListItem } from './list-item.js';

/** `xbmcgui` for one invocation. */
export function createXbmcgui(invocation: Invocation) {
  const { host } = invocation;
  const label = (item: string | ListItem) => (typeof item === 'string' ? item : item.getLabel());

  class Dialog {
    async ok(heading: string, message: string): Promise<boolean> {
      return host.ui.ok(heading, message);
    }
    async yesno(heading: string, message: string, nolabel = '', yeslabel = ''): Promise<boolean> {
      return host.ui.yesno(heading, message, { yes: yeslabel || undefined, no: nolabel || undefined });
    }
    /** The index chosen, -1 when cancelled. */
    async select(heading: string, list: Array<string | ListItem>): Promise<number> {
      return host.ui.select(heading, list.map(label));
    }
    /** The text entered, "" when cancelled. `option` with ALPHANUM_HIDE_INPUT masks the input. */
    async input(heading: string, defaultt = '', _type = 0, option = 0): Promise<string> {
      return host.ui.input(heading, { defaultText: defaultt, hidden: (option & ALPHANUM_HIDE_INPUT) !== 0 });
    }
    /** Kodi's toast; `timeMs` defaults to Kodi's 5000 ms. */
    notification(heading: string, message: string, icon = NOTIFICATION_INFO, timeMs = 5000, _sound = true): void {
      host.ui.notification({ heading, message, icon, timeMs });
    }
    async textviewer(heading: string, text: string): Promise<void> {
      await host.ui.textviewer(heading, text);
    }
  }

  class DialogProgress {
    #handle: ProgressHandle | undefined;
    create(heading: string, message = ''): void {
      this.#handle = host.ui.progress(heading, message);
    }
    update(percent: number, message?: string): void {
      this.#handle?.update(Math.max(0, Math.min(100, Math.round(percent))), message);
    }
    iscanceled(): boolean {
      return this.#handle?.isCanceled() ?? false;
    }
    close(): void {
      this.#handle?.close();
      this.#handle = undefined;
    }
  }

  /** Kodi's `Window(10000)`: the home window's properties, shared by every invocation of this Kodi. */
  class Window {
    readonly #prefix: string;
    constructor(windowId = 10000) {
      this.#prefix = `${windowId}:`;
    }
    getProperty(key: string): string {
      return host.windowProperties.get(this.#prefix + key.toLowerCase()) ?? '';
    }
    setProperty(key: string, value: string): void {
      host.windowProperties.set(this.#prefix + key.toLowerCase(), String(value));
    }
    clearProperty(key: string): void {
      host.windowProperties.delete(this.#prefix + key.toLowerCase());
    }
  }

  return {
    Dialog,
    DialogProgress,
    Window,
    ListItem,
    NOTIFICATION_INFO,
    NOTIFICATION_WARNING,
    NOTIFICATION_ERROR,
    INPUT_ALPHANUM: 0,
    INPUT_NUMERIC: 1,
    ALPHANUM_HIDE_INPUT,
  };
}

const NOTIFICATION_INFO = 'info';
const NOTIFICATION_WARNING = 'warning';
const NOTIFICATION_ERROR = 'error';
const ALPHANUM_HIDE_INPUT = 2;

export type Xbmcgui = ReturnType<typeof createXbmcgui>;
