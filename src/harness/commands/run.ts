import { UsageError, parseFlags, type CliCommand } from '../cli-io.js';
import { createCommandHost, readAnswersFile } from '../command-host.js';
import { runPlugin } from '../invoke.js';
import { formatListing } from '../listing-format.js';
import { parsePluginUrl } from '../plugin-url.js';
import { createTerminalUi } from '../terminal-ui.js';
import type { Invocation } from '../../kodi/invocation.js';

/** `kodi-shim run <plugin-url> [--profile DIR] [--json] [--answers FILE]`: one plugin invocation. */
export const runCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseFlags(args, {
    values: ['profile', 'answers', 'addon', 'language'],
    booleans: ['json'],
  });
  if (positionals.length !== 1) throw new UsageError('usage: kodi-shim run <plugin-url> [--profile DIR] [--json] [--answers FILE]');
  const url = positionals[0]!;
  const parsed = parsePluginUrl(url);
  const json = flags.json === true;
  let invocation: Invocation | undefined;
  // Once the add-on has refused the URL, the one line this command prints says it all.
  const mute = () => invocation?.badRequest !== undefined && !flags.debug;
  const ui = createTerminalUi(io, readAnswersFile(flags.answers, io.cwd), { quiet: json, mute });
  const { host, addonId } = createCommandHost(io, flags, {
    ui,
    logToStderr: flags.debug ? 'all' : json ? 'none' : 'warnings',
  });
  if (parsed.addonId !== addonId) throw new UsageError(`unknown add-on ${parsed.addonId} (this harness runs ${addonId})`);
  const onSignal = () => host.abort('interrupted');
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await runPlugin(host, url, { started: (started) => (invocation = started) });
    if (result.badRequest) {
      if (json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      throw new UsageError(result.badRequest);
    }
    io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : formatListing(result));
    return result.succeeded ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await host.close();
  }
};
