import { createInterface } from 'node:readline/promises';
import { UsageError, parseFlags, type CliCommand } from '../cli-io.js';
import { createCommandHost } from '../command-host.js';
import { runPlugin } from '../invoke.js';
import { formatListing } from '../listing-format.js';
import { parsePluginUrl } from '../plugin-url.js';
import { createTerminalUi } from '../terminal-ui.js';

/** `kodi-shim browse [plugin-url]`: pick a number to open it, `..` to go back, `q` to quit. */
export const browseCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseFlags(args, { values: ['profile', 'addon', 'language'] });
  if (positionals.length > 1) throw new UsageError('usage: kodi-shim browse [plugin-url] [--profile DIR]');
  if (!io.stdin) throw new UsageError('browse needs a terminal or input on stdin');
  const rl = createInterface({ input: io.stdin, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  // Dialogs read their answers from the same lines as the menu: two readers on one stdin would race.
  const ask = async (question: string): Promise<string> => {
    io.stderr(question);
    const next = await lines.next();
    return next.done ? '' : next.value;
  };
  const ui = createTerminalUi(io, {}, { quiet: false, ask });
  const { host, addonId } = createCommandHost(io, flags, { ui, logToStderr: flags.debug ? 'all' : 'warnings' });
  const start = positionals[0] ?? `plugin://${addonId}/`;
  parsePluginUrl(start);
  const stack: string[] = [start];
  try {
    for (;;) {
      const url = stack[stack.length - 1]!;
      io.stdout(`\n== ${url}\n`);
      const result = await runPlugin(host, url);
      io.stdout(formatListing(result));
      if (result.badRequest) io.stderr(`${result.badRequest}\n`);
      for (;;) {
        io.stdout('number, .. or q> ');
        const next = await lines.next();
        const answer = next.done ? 'q' : next.value.trim();
        if (answer === 'q') return 0;
        if (answer === '..') {
          if (stack.length > 1) stack.pop();
          break;
        }
        const n = Number.parseInt(answer, 10);
        const entry = Number.isInteger(n) ? result.items[n - 1] : undefined;
        if (!entry) {
          io.stdout(`pick 1–${result.items.length}, .. or q\n`);
          continue;
        }
        if (entry.isFolder) {
          stack.push(entry.url);
          break;
        }
        const played = await runPlugin(host, entry.url);
        if (played.resolved || played.failure) {
          io.stdout(formatListing(played));
          continue;
        }
        // An action (a login, a setting): Kodi refreshes the folder it was started from.
        break;
      }
    }
  } finally {
    rl.close();
    await host.close();
  }
};
