import { runStandIn } from './cli.js';

// `node dist/scripts/twitch-stand-in/main.js [--port N] [--client-id ID]`: runs until SIGINT/SIGTERM.
const stop = new AbortController();
process.once('SIGINT', () => stop.abort());
process.once('SIGTERM', () => stop.abort());
const code = await runStandIn(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }, stop.signal);
process.exitCode = code;
