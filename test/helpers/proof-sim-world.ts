import { join } from 'node:path';
import { FakeClock, type Clock } from '../../src/host/clock.js';
import type { HostFs } from '../../src/host/fs.js';
import type { Host } from '../../src/host/host.js';
import type { ScriptedAnswers, ScriptedUi } from '../../src/host/ui.js';
import type { Dispatcher } from 'undici';
import { createKodi, type Kodi } from '../../src/kodi/index.js';
import { Invocation } from '../../src/kodi/invocation.js';
import { loadAuthConfig } from '../../addon/auth/auth-config.js';
import { parseTokenFile, type StoredLogin } from '../../addon/auth/token-file.js';
import { TokenManager, type AuthNotice } from '../../addon/auth/token-manager.js';
import { createLogger } from '../../addon/logger.js';
import { STAND_IN_CLIENT_ID, startTwitchStandIn, type TwitchStandIn, type TwitchStandInOptions } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { copyAddonInto, createTestHost, memoryFs, repoRoot } from './hosts.js';

export const ADDON_ID = 'plugin.video.twitch';
export const PROFILE = '/kodi/userdata';
export const DATA = join(PROFILE, 'addon_data', ADDON_ID);
export const TOKEN_PATH = join(DATA, 'oauth_tokens.json');

export interface SimProcess {
  host: Host & { ui: ScriptedUi };
  /** Every message the add-on and runtime handed to the log, before the host masked any secret. */
  rawLog: string[];
  kodi: Kodi;
  manager: TokenManager;
  clock: Clock;
  notices: AuthNotice[];
}

export interface SimProcessOptions {
  /** This process's own clock; default the world's server clock. */
  clock?: Clock;
  /** The filesystem this process sees (a fault-injecting wrapper over the shared volume); default the volume. */
  fs?: HostFs;
  /** Time limit of one request to the stand-in, in ms (the add-on's is 10 s). */
  timeoutMs?: number;
  /** The process's HTTP dispatcher; default a real Agent the host makes. */
  dispatcher?: Dispatcher;
  answers?: ScriptedAnswers;
}

/**
 * Simulated processes over one memfs volume and one stand-in, where each process may have its own
 * clock (hours apart) and its own view of the filesystem (one that fails writes).
 */
export class SimWorld {
  readonly fs: HostFs = memoryFs();
  /** Twitch's clock, the true time. */
  readonly serverClock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  readonly processes: SimProcess[] = [];
  server!: TwitchStandIn;

  static async start(options: TwitchStandInOptions = {}): Promise<SimWorld> {
    const world = new SimWorld();
    // Installed before any process may see the volume through a wrapper that refuses writes.
    copyAddonInto(world.fs, repoRoot);
    world.server = await startTwitchStandIn({ now: () => world.serverClock.now(), ...options });
    return world;
  }

  async process(options: SimProcessOptions = {}): Promise<SimProcess> {
    const clock = options.clock ?? this.serverClock;
    const host = createTestHost({
      fs: options.fs ?? this.fs,
      clock,
      profile: PROFILE,
      debug: true,
      dispatcher: options.dispatcher,
      answers: options.answers,
      env: { TWITCH_OAUTH_URL: this.server.oauthUrl, TWITCH_HELIX_URL: this.server.helixUrl, TWITCH_CLIENT_ID: STAND_IN_CLIENT_ID },
    });
    const rawLog: string[] = [];
    const write = host.log.write.bind(host.log);
    // Seen before the host's mask: the add-on should not lean on that last line of defence.
    host.log.write = (level: number, message: string) => {
      rawLog.push(String(message));
      write(level, message);
    };
    const kodi = createKodi(new Invocation(host, host.addon(ADDON_ID), [`plugin://${ADDON_ID}/`, '1', '', 'resume:false'], 1));
    const config = await loadAuthConfig(kodi, new kodi.xbmcaddon.Addon());
    const notices: AuthNotice[] = [];
    const manager = new TokenManager({
      kodi,
      log: createLogger(kodi),
      config: options.timeoutMs ? { ...config, timeoutMs: options.timeoutMs } : config,
      notify: (notice) => {
        notices.push(notice);
      },
    });
    const proc = { host, rawLog, kodi, manager, clock, notices };
    this.processes.push(proc);
    return proc;
  }

  /** A login the stand-in issued, written as the Python add-on writes it, expiring `expiresInSeconds` after server time. */
  storeIssuedLogin(expiresInSeconds: number): { access: string; refresh: string } {
    const issued = this.server.issueTokens({ clientId: STAND_IN_CLIENT_ID, login: 'viewer' });
    this.fs.mkdirSync(DATA, { recursive: true });
    const expiry = this.serverClock.now() / 1000 + expiresInSeconds;
    this.fs.writeFileSync(TOKEN_PATH, JSON.stringify({ access: issued.accessToken, refresh: issued.refreshToken, expiry }));
    return { access: issued.accessToken, refresh: issued.refreshToken };
  }

  tokenFileText(): string {
    return this.fs.readFileSync(TOKEN_PATH, 'utf8') as string;
  }

  readLogin(): StoredLogin {
    const parsed = parseTokenFile(this.tokenFileText());
    if (!parsed.ok) throw new Error(`token file unreadable: ${parsed.reason}`);
    return parsed.login;
  }

  /** Every log record of every process, as `level: message`. */
  logLines(): string[] {
    return this.processes.flatMap((p) => p.host.log.records.map((r) => `${r.levelName}: ${r.message}`));
  }

  async close(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.host.close()));
    await this.server.close();
  }
}

/** A clock `offsetMs` away from `base` that can be jumped by hand, as a user or NTP sets a wall clock. */
export class SkewedClock implements Clock {
  readonly #base: FakeClock;
  offsetMs: number;

  constructor(base: FakeClock, offsetMs: number) {
    this.#base = base;
    this.offsetMs = offsetMs;
  }

  now(): number {
    return this.#base.now() + this.offsetMs;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
    return this.#base.sleep(ms, signal);
  }
}
