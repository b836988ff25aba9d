import { UsageError, parseFlags, type CliCommand } from '../cli-io.js';
import { createCommandHost } from '../command-host.js';
import { runService } from '../invoke.js';
import { createTerminalUi } from '../terminal-ui.js';

/** How long the service may take to finish after an abort before the harness stops waiting (ms). */
const ABORT_GRACE_MS = 900;

/** `kodi-shim service [--profile DIR]`: the add-on's service until SIGINT/SIGTERM. */
export const serviceCommand: CliCommand = async (args, io) => {
  const { flags, positionals } = parseFlags(args, { values: ['profile', 'addon', 'language'] });
  if (positionals.length > 0) throw new UsageError('usage: kodi-shim service [--profile DIR]');
  const ui = createTerminalUi(io, {}, { quiet: false });
  const { host, addonId } = createCommandHost(io, flags, { ui, logToStderr: flags.debug ? 'all' : 'warnings' });
  let aborted: (() => void) | undefined;
  const abortedPromise = new Promise<void>((resolve) => (aborted = resolve));
  const onSignal = () => {
    host.log.info('Abort requested; stopping the service');
    host.abort('signal');
    aborted?.();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  io.stderr(`${addonId} service running; Ctrl-C stops it\n`);
  try {
    const service = runService(host, addonId).then(
      () => 0,
      () => 1,
    );
    const code = await Promise.race([
      service,
      abortedPromise.then(() =>
        Promise.race([service, new Promise<number>((r) => setTimeout(() => r(0), ABORT_GRACE_MS).unref())]),
      ),
    ]);
    return host.signal.aborted ? 0 : code;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await host.close();
  }
};
