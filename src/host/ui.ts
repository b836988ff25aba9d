/**
 * What a person sees and answers. The shim's xbmcgui talks only to this interface; the harness
 * supplies a terminal driver, tests a scripted one. Every driver records what it showed.
 */

export interface NotificationShown {
  heading: string;
  message: string;
  icon: string;
  /** How long Kodi would show it, in milliseconds. */
  timeMs: number;
}

/** One dialog as it was shown, with the answer it got. */
export type DialogShown =
  | { kind: 'ok'; heading: string; message: string; answer: true }
  | { kind: 'yesno'; heading: string; message: string; answer: boolean }
  | { kind: 'select'; heading: string; options: string[]; answer: number }
  | { kind: 'input'; heading: string; hidden: boolean; answer: string }
  | { kind: 'textviewer'; heading: string; text: string; answer: true }
  | { kind: 'progress'; heading: string; messages: string[]; lastPercent: number; canceled: boolean };

export interface ProgressHandle {
  update(percent: number, message?: string): void;
  isCanceled(): boolean;
  close(): void;
}

export interface UiDriver {
  /** Everything shown so far, in order. */
  readonly dialogs: DialogShown[];
  readonly notifications: NotificationShown[];
  ok(heading: string, message: string): Promise<true>;
  yesno(heading: string, message: string, labels?: { yes?: string; no?: string }): Promise<boolean>;
  /** Index chosen, or -1 when cancelled (Kodi's convention). */
  select(heading: string, options: string[]): Promise<number>;
  /** Text entered, or "" when cancelled (Kodi's convention). */
  input(heading: string, options?: { defaultText?: string; hidden?: boolean }): Promise<string>;
  textviewer(heading: string, text: string): Promise<true>;
  notification(shown: NotificationShown): void;
  progress(heading: string, message?: string): ProgressHandle;
}

/** Scripted answers, queued per dialog kind; the shape of `kodi-shim run --answers FILE`. */
export interface ScriptedAnswers {
  ok?: true[];
  yesno?: boolean[];
  select?: number[];
  input?: string[];
  /** For each progress dialog in turn: cancel it once it has had this many updates (0 = at once). */
  progress?: Array<{ cancelAfterUpdates?: number } | null>;
}

/** Asked when a kind's scripted queue is empty (a person at a terminal); `undefined` = no answer. */
export interface UiFallback {
  yesno?(heading: string, message: string): Promise<boolean | undefined>;
  select?(heading: string, options: string[]): Promise<number | undefined>;
  input?(heading: string, hidden: boolean): Promise<string | undefined>;
}

export type UiShowEvent =
  | DialogShown
  | { kind: 'notification'; shown: NotificationShown }
  | { kind: 'progress-update'; heading: string; percent: number; message: string | undefined };

/**
 * Answers from a script, then from `fallback`; otherwise as a non-interactive Kodi would:
 * `ok` acknowledged, progress never cancelled, every other question cancelled.
 */
export class ScriptedUi implements UiDriver {
  readonly dialogs: DialogShown[] = [];
  readonly notifications: NotificationShown[] = [];
  readonly #answers: Required<{ [K in keyof ScriptedAnswers]: NonNullable<ScriptedAnswers[K]> }>;
  /** Called with each notification and dialog as it is shown (the terminal echoes them). */
  onShow: ((event: UiShowEvent) => void) | undefined;
  fallback: UiFallback | undefined;

  constructor(answers: ScriptedAnswers = {}) {
    this.#answers = {
      ok: [...(answers.ok ?? [])],
      yesno: [...(answers.yesno ?? [])],
      select: [...(answers.select ?? [])],
      input: [...(answers.input ?? [])],
      progress: [...(answers.progress ?? [])],
    };
  }

  /** Adds answers at the end of the queues (a test may script as it goes). */
  push(answers: ScriptedAnswers): void {
    for (const key of Object.keys(answers) as Array<keyof ScriptedAnswers>) {
      (this.#answers[key] as unknown[]).push(...((answers[key] as unknown[]) ?? []));
    }
  }

  async ok(heading: string, message: string): Promise<true> {
    this.#answers.ok.shift();
    return this.#record({ kind: 'ok', heading, message, answer: true }).answer;
  }

  async yesno(heading: string, message: string): Promise<boolean> {
    const answer = this.#answers.yesno.shift() ?? (await this.fallback?.yesno?.(heading, message)) ?? false;
    return this.#record({ kind: 'yesno', heading, message, answer }).answer;
  }

  async select(heading: string, options: string[]): Promise<number> {
    let answer = this.#answers.select.shift() ?? (await this.fallback?.select?.(heading, options)) ?? -1;
    if (answer >= options.length) answer = -1;
    return this.#record({ kind: 'select', heading, options: [...options], answer }).answer;
  }

  async input(heading: string, options: { defaultText?: string; hidden?: boolean } = {}): Promise<string> {
    const answer =
      this.#answers.input.shift() ?? (await this.fallback?.input?.(heading, options.hidden ?? false)) ?? '';
    return this.#record({ kind: 'input', heading, hidden: options.hidden ?? false, answer }).answer;
  }

  async textviewer(heading: string, text: string): Promise<true> {
    return this.#record({ kind: 'textviewer', heading, text, answer: true }).answer;
  }

  notification(shown: NotificationShown): void {
    this.notifications.push(shown);
    this.onShow?.({ kind: 'notification', shown });
  }

  progress(heading: string, message = ''): ProgressHandle {
    const script = this.#answers.progress.shift() ?? null;
    const cancelAfter = script?.cancelAfterUpdates;
    const shown: DialogShown & { kind: 'progress' } = {
      kind: 'progress',
      heading,
      messages: message ? [message] : [],
      lastPercent: 0,
      canceled: cancelAfter === 0,
    };
    this.#record(shown);
    let updates = 0;
    return {
      update: (percent, text) => {
        shown.lastPercent = percent;
        if (text !== undefined && text !== shown.messages[shown.messages.length - 1]) {
          shown.messages.push(text);
          this.onShow?.({ kind: 'progress-update', heading, percent, message: text });
        }
        updates++;
        if (cancelAfter !== undefined && updates >= cancelAfter) shown.canceled = true;
      },
      isCanceled: () => shown.canceled,
      close: () => undefined,
    };
  }

  /** Cancels every open progress dialog, as a person pressing Cancel would. */
  cancelProgress(): void {
    for (const d of this.dialogs) if (d.kind === 'progress') d.canceled = true;
  }

  #record<T extends DialogShown>(shown: T): T {
    this.dialogs.push(shown);
    this.onShow?.(shown);
    return shown;
  }
}
