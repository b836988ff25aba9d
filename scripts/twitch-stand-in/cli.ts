import { parseFlags, UsageError } from '../../src/harness/cli-io.js';
import { startTwitchStandIn, STAND_IN_CLIENT_ID, type TwitchStandInOptions } from './twitch-stand-in.js';

export interface StandInCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

function wholeNumber(flag: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not ${JSON.stringify(text)}`);
  }
  return Number(text);
}

/** Parses the command line of the stand-in into server options. */
export function parseStandInArgs(args: string[]): { options: TwitchStandInOptions; clientId: string; verbose: boolean } {
  const { flags, positionals } = parseFlags(args, {
    values: ['port', 'client-id', 'confidential-client-id', 'interval', 'token-lifetime', 'device-code-lifetime'],
    booleans: ['verbose'],
  });
  if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
  const options: TwitchStandInOptions = { lifetimes: {}, clients: {} };
  if (typeof flags.port === 'string') options.port = wholeNumber('port', flags.port, 0, 65535);
  if (typeof flags.interval === 'string') options.lifetimes!.pollIntervalSeconds = wholeNumber('interval', flags.interval, 1, 3600);
  if (typeof flags['token-lifetime'] === 'string') options.lifetimes!.accessTokenSeconds = wholeNumber('token-lifetime', flags['token-lifetime'], 1, 10 ** 7);
  if (typeof flags['device-code-lifetime'] === 'string') {
    options.lifetimes!.deviceCodeSeconds = wholeNumber('device-code-lifetime', flags['device-code-lifetime'], 1, 10 ** 6);
  }
  const clientId = typeof flags['client-id'] === 'string' ? flags['client-id'] : STAND_IN_CLIENT_ID;
  if (!/^[A-Za-z0-9]{1,64}$/.test(clientId)) throw new UsageError('--client-id must be 1 to 64 letters or digits');
  options.clients![clientId] = { confidential: false };
  if (typeof flags['confidential-client-id'] === 'string') options.clients![flags['confidential-client-id']] = { confidential: true };
  return { options, clientId, verbose: flags.verbose === true };
}

/** Runs the stand-in until `stop` aborts; returns the exit code (2 for bad arguments). */
export async function runStandIn(args: string[], io: StandInCliIo, stop: AbortSignal): Promise<number> {
  let parsed: ReturnType<typeof parseStandInArgs>;
  try {
    parsed = parseStandInArgs(args);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`twitch-stand-in: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (parsed.verbose) parsed.options.log = (line) => io.stderr(`${line}\n`);
  let standIn;
  try {
    standIn = await startTwitchStandIn(parsed.options);
  } catch (error) {
    io.stderr(`twitch-stand-in: could not listen: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  io.stdout(
    [
      `Stand-in Twitch listening on ${standIn.url}`,
      `Approve logins at ${standIn.activateUrl}`,
      `Client-ID (public): ${parsed.clientId} (any other Client-ID is accepted as public too)`,
      `Request counters: GET ${standIn.url}/_stand-in/counters`,
      `Faults: POST ${standIn.url}/_stand-in/faults with endpoint=token-refresh&kind=status500[&times=N]`,
      '',
      'Environment for the add-on:',
      `TWITCH_OAUTH_URL=${standIn.oauthUrl}`,
      `TWITCH_HELIX_URL=${standIn.helixUrl}`,
      '',
      'Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
  if (!stop.aborted) await new Promise<void>((resolve) => stop.addEventListener('abort', () => resolve(), { once: true }));
  await standIn.close();
  io.stdout('Stand-in Twitch stopped.\n');
  return 0;
}
