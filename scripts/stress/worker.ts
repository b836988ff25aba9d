import { readFile } from 'node:fs/promises';
import { openInvocation } from '../../src/harness/invoke.js';
import { join } from 'node:path';
import { systemClock, type Clock } from '../../src/host/clock.js';
import { Host } from '../../src/host/host.js';
import { loadAuthConfig } from '../../addon/auth/auth-config.js';
import { parseTokenFile, tokenFingerprint } from '../../addon/auth/token-file.js';
import { TokenManager, type AuthNotice } from '../../addon/auth/token-manager.js';
import { TOKEN_FILE } from '../../addon/auth/token-store.js';
import { createLogger } from '../../addon/logger.js';
import type { EnsureCommand, EnsureResult, WorkerCommand, WorkerMessage } from './protocol.js';

/**
 * One Kodi process for the stress run and the fault tests: a real `Host` over the real profile named
 * by `KODI_SHIM_PROFILE`, the add-on from `KODI_SHIM_ADDON`. Each `ensure` command is one fresh
 * invocation (its own Kodi objects and TokenManager), as each plugin call in Kodi is.
 */
async function main(): Promise<void> {
  const send = (message: WorkerMessage) => process.send?.(message);
  const profile = process.env.KODI_SHIM_PROFILE;
  const addonFolder = process.env.KODI_SHIM_ADDON;
  if (!profile || !addonFolder || !process.send) {
    process.stderr.write('stress worker: run me with fork(), KODI_SHIM_PROFILE and KODI_SHIM_ADDON set\n');
    process.exit(2);
  }
  let offsetMs = 0;
  // Wall time plus the round's offset: tokens expire as if hours had passed, while locks, timeouts
  // and stale-lock detection keep running on real time as they do in Kodi.
  const clock: Clock = { now: () => Date.now() + offsetMs, sleep: (ms, signal) => systemClock.sleep(ms, signal) };
  const env: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(process.env)) if (/^(TWITCH_|KODI_SHIM_)/.test(key)) env[key] = value;
  const host = new Host({ roots: { profile }, clock, env, log: { debug: true } });
  const manifest = host.installAddon(addonFolder);
  const tokenPath = join(host.addonDataFolder(manifest.id), TOKEN_FILE);

  const ensure = async (command: EnsureCommand): Promise<EnsureResult> => {
    offsetMs = command.clockOffsetMs;
    const firstLog = host.log.records.length;
    let reads = 0;
    let failures = 0;
    const readOnce = async () => {
      let text: string;
      try {
        text = await readFile(tokenPath, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
        throw error;
      }
      reads++;
      if (!parseTokenFile(text).ok) failures++;
    };
    const { kodi } = openInvocation(host, manifest.id);
    const notices: AuthNotice[] = [];
    const manager = new TokenManager({
      kodi,
      log: createLogger(kodi),
      config: await loadAuthConfig(kodi, new kodi.xbmcaddon.Addon()),
      notify: (notice) => {
        notices.push(notice);
      },
    });
    await readOnce();
    let done = false;
    // A reader beside the refresh: a torn write would show up here as a parse failure.
    const reader = (async () => {
      while (command.watchFile && !done) await readOnce();
    })();
    const started = performance.now();
    let result: Pick<EnsureResult, 'ok' | 'fingerprint' | 'stale' | 'error'>;
    try {
      const grant = await manager.ensureValidToken();
      result = { ok: true, fingerprint: grant ? tokenFingerprint(grant.accessToken) : '', stale: grant?.stale ?? false, error: '' };
    } catch (error) {
      result = { ok: false, fingerprint: '', stale: false, error: (error as Error).message };
    }
    const elapsedMs = performance.now() - started;
    done = true;
    await reader;
    await readOnce();
    const problems = host.log.records.slice(firstLog).filter((r) => r.level >= 2).map((r) => `${r.levelName}: ${r.message}`);
    return { type: 'result', id: command.id, pid: process.pid, ...result, elapsedMs, fileReads: reads, fileParseFailures: failures, notices, problems };
  };

  process.on('message', (command: WorkerCommand) => {
    if (command.type === 'exit') {
      void host.close().finally(() => process.exit(0));
      return;
    }
    ensure(command).then(send, (error: unknown) => {
      process.stderr.write(`stress worker ${process.pid}: ${(error as Error).stack ?? String(error)}\n`);
      process.exit(1);
    });
  });
  // The coordinator going away ends the worker too.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', pid: process.pid });
}

void main();
