import { spawn } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { STAND_IN_CLIENT_ID, startTwitchStandIn } from './twitch-stand-in/twitch-stand-in.js';

/**
 * `npm start`: the add-on under the harness against a stand-in Twitch on 127.0.0.1, in a profile of
 * its own. With a terminal it opens `kodi-shim browse` (log in through "Following"; approve the code
 * on the stand-in's /activate page); without one it prints the root menu and exits.
 */
async function main(): Promise<number> {
  const root = resolve(fileURLToPath(import.meta.url), '../../..');
  const server = await startTwitchStandIn();
  const profile = process.env.KODI_SHIM_PROFILE ?? join(homedir(), '.kodi-shim', 'sandbox');
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  process.stderr.write(
    `Stand-in Twitch on ${server.url} (approve logins at ${server.activateUrl})\n` + `Profile: ${profile}\n`,
  );
  const args = interactive ? ['browse'] : ['run', 'plugin://plugin.video.twitch/'];
  const child = spawn(process.execPath, [join(root, 'dist/src/harness/cli.js'), ...args, '--profile', profile, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      TWITCH_OAUTH_URL: server.oauthUrl,
      TWITCH_HELIX_URL: server.helixUrl,
      TWITCH_CLIENT_ID: process.env.TWITCH_CLIENT_ID ?? STAND_IN_CLIENT_ID,
    },
  });
  // Ctrl-C reaches the child through the terminal; the sandbox only waits for it.
  process.on('SIGINT', () => undefined);
  const code = await new Promise<number>((done) => child.on('close', (c) => done(c ?? 1)));
  await server.close();
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`sandbox: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
