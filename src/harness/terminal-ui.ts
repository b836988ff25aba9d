import { createInterface } from 'node:readline/promises';
import { ScriptedUi, type ScriptedAnswers, type UiShowEvent } from '../host/ui.js';
import type { CliIo } from './cli-io.js';
import { plain } from './listing-format.js';

/**
 * The UI of `kodi-shim run`: answers from `--answers` first; then, with a person at the terminal, a
 * prompt; otherwise Kodi's non-interactive defaults (ok acknowledged, progress not cancelled, any
 * other question cancelled). Dialogs and notifications are echoed to stderr unless `quiet`.
 */
export function createTerminalUi(
  io: CliIo,
  answers: ScriptedAnswers,
  options: {
    quiet: boolean;
    mute?: () => boolean;
    /** Reads one answer; a command that already reads stdin line by line passes its own reader. */
    ask?: (question: string) => Promise<string>;
  },
): ScriptedUi {
  const ui = new ScriptedUi(answers);
  // A progress dialog repeats its text on every update; the terminal shows only the lines that changed.
  let shownLines: string[] = [];
  const progressText = (message: string | undefined) => {
    const lines = plain(message ?? '', '\n').split('\n');
    const fresh = lines.filter((line) => !shownLines.includes(line));
    shownLines = lines;
    return fresh;
  };
  const write = (event: UiShowEvent) => {
    if (event.kind === 'progress') {
      shownLines = [];
      const fresh = progressText(event.messages[0]);
      return io.stderr(`[progress] ${event.heading}\n${fresh.map((l) => `  ${l}\n`).join('')}`);
    }
    if (event.kind === 'progress-update') {
      const fresh = progressText(event.message);
      return io.stderr(fresh.map((l) => `  ${l} (${event.percent}%)\n`).join(''));
    }
    io.stderr(describe(event));
  };
  // `mute` says when the caller prints the one line that matters (a refused URL).
  if (!options.quiet) ui.onShow = (event) => options.mute?.() || write(event);
  const ownAsk =
    io.interactive && io.stdin
      ? async (question: string): Promise<string> => {
          const rl = createInterface({ input: io.stdin!, output: process.stderr, terminal: true });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        }
      : undefined;
  const ask = options.ask ?? ownAsk;
  if (ask) {
    ui.fallback = {
      yesno: async (heading, message) => /^y/i.test(await ask(`${heading}\n  ${message}\n  [y/N] `)),
      select: async (heading, options) => {
        const list = options.map((o, i) => `  ${i + 1}. ${o}`).join('\n');
        const n = Number.parseInt(await ask(`${heading}\n${list}\n  number (empty = cancel): `), 10);
        return Number.isInteger(n) && n >= 1 && n <= options.length ? n - 1 : -1;
      },
      input: async (heading) => ask(`${heading}: `),
    };
  }
  return ui;
}

/** A dialog or notification as one block of terminal text (progress dialogs are written as they change). */
function describe(event: Exclude<UiShowEvent, { kind: 'progress' | 'progress-update' }>): string {
  const indent = (text: string) => plain(text, '\n').replace(/\n/g, '\n  ');
  switch (event.kind) {
    case 'notification':
      return `[notification] ${event.shown.heading}: ${event.shown.message}\n`;
    case 'ok':
      return `[dialog] ${event.heading}\n  ${indent(event.message)}\n`;
    case 'textviewer':
      return `[text] ${event.heading}\n${event.text}\n`;
    case 'yesno':
      return `[yes/no] ${event.heading}: ${indent(event.message)} -> ${event.answer ? 'yes' : 'no'}\n`;
    case 'select':
      return `[select] ${event.heading} -> ${event.answer >= 0 ? event.options[event.answer] : 'cancelled'}\n`;
    case 'input':
      return `[input] ${event.heading} -> ${event.hidden ? '(hidden)' : JSON.stringify(event.answer)}\n`;
  }
}
