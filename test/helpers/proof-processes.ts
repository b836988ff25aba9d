import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseTokenFile, type StoredLogin } from '../../addon/auth/token-file.js';
import { StressWorker } from '../../scripts/stress/worker-pool.js';
import { STAND_IN_CLIENT_ID, startTwitchStandIn, type TwitchStandIn, type TwitchStandInOptions } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { repoRoot } from './hosts.js';

export const ADDON_ID = 'plugin.video.twitch';
/** The built worker: real-process tests run what `npm run build` made (vitest's global setup builds it). */
export const BUILT_WORKER = join(repoRoot, 'dist/scripts/stress/worker.js');

/**
 * Real OS processes over one real temporary profile and a stand-in Twitch in this process. The
 * stand-in's clock is wall time plus `offsetMs`; workers get the same offset per step.
 */
export class ProcessWorld {
  readonly profile = mkdtempSync(join(tmpdir(), 'twitch-proof-'));
  readonly data = join(this.profile, 'addon_data', ADDON_ID);
  readonly tokenPath = join(this.data, 'oauth_tokens.json');
  readonly workers: StressWorker[] = [];
  offsetMs = 0;
  server!: TwitchStandIn;

  static async start(options: TwitchStandInOptions = {}): Promise<ProcessWorld> {
    const world = new ProcessWorld();
    world.server = await startTwitchStandIn({ now: () => Date.now() + world.offsetMs, ...options });
    mkdirSync(world.data, { recursive: true });
    return world;
  }

  /** Starts `n` worker processes, ready for `ensure`. */
  async spawn(n: number): Promise<StressWorker[]> {
    const env = { TWITCH_OAUTH_URL: this.server.oauthUrl, TWITCH_HELIX_URL: this.server.helixUrl, TWITCH_CLIENT_ID: STAND_IN_CLIENT_ID };
    const started = await Promise.all(
      Array.from({ length: n }, () => StressWorker.start({ profile: this.profile, addonFolder: repoRoot, env, script: BUILT_WORKER })),
    );
    this.workers.push(...started);
    return started;
  }

  /** A login the stand-in issued, written as the Python add-on writes it, expiring in `expiresInSeconds`. */
  storeIssuedLogin(expiresInSeconds: number): { access: string; refresh: string } {
    const issued = this.server.issueTokens({ clientId: STAND_IN_CLIENT_ID, login: 'viewer' });
    const expiry = (Date.now() + this.offsetMs) / 1000 + expiresInSeconds;
    writeFileSync(this.tokenPath, JSON.stringify({ access: issued.accessToken, refresh: issued.refreshToken, expiry }), { mode: 0o600 });
    return { access: issued.accessToken, refresh: issued.refreshToken };
  }

  /** The token file as a user would find it; throws when it does not parse. */
  readLogin(): StoredLogin {
    const parsed = parseTokenFile(readFileSync(this.tokenPath, 'utf8'));
    if (!parsed.ok) throw new Error(`token file unreadable: ${parsed.reason}`);
    return parsed.login;
  }

  get lockHeld(): boolean {
    return existsSync(`${this.tokenPath}.lock`);
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()));
    await this.server.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}

/** Polls `condition` every 5 ms until it holds; fails after `timeoutMs`. */
export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
