import { join } from 'node:path';
import { openInvocation } from '../../src/harness/invoke.js';
import type { Dispatcher } from 'undici';
import { FakeClock, type Clock } from '../../src/host/clock.js';
import type { HostFs } from '../../src/host/fs.js';
import type { Host } from '../../src/host/host.js';
import type { ScriptedAnswers, ScriptedUi } from '../../src/host/ui.js';
import type { Kodi } from '../../src/kodi/index.js';
import { loadAuthConfig } from '../../addon/auth/auth-config.js';
import { TokenManager, type AuthNotice } from '../../addon/auth/token-manager.js';
import { parseTokenFile, type StoredLogin } from '../../addon/auth/token-file.js';
import { createLogger } from '../../addon/logger.js';
import { STAND_IN_CLIENT_ID, startTwitchStandIn, type TwitchStandIn, type TwitchStandInOptions } from '../../scripts/twitch-stand-in/twitch-stand-in.js';
import { copyAddonInto, createTestHost, memoryFs, repoRoot } from './hosts.js';

export const ADDON_ID = 'plugin.video.twitch';
export const PROFILE = '/kodi/userdata';
export const DATA = join(PROFILE, 'addon_data', ADDON_ID);
export const TOKEN_PATH = join(DATA, 'oauth_tokens.json');
export const SETTINGS_PATH = join(DATA, 'settings.xml');

/** One simulated Kodi process: its own host and Kodi objects, nothing shared but the files. */
export interface SimProcess {
  host: Host & { ui: ScriptedUi };
  /** Every message handed to the log, before the host masked any secret. */
  rawLog: string[];
  kodi: Kodi;
  manager: TokenManager;
  clock: Clock;
  notices: AuthNotice[];
}

export interface SimProcessOptions {
  /** Goes into the environment as TWITCH_CLIENT_ID; default the stand-in's public one. */
  clientId?: string;
  answers?: ScriptedAnswers;
  lockWaitMs?: number;
  /** The filesystem this process sees (a fault-injecting wrapper over the shared volume). */
  fs?: HostFs;
  /** This process's own clock (hours off, say); default the world's. */
  clock?: Clock;
  /** The process's HTTP dispatcher; default a real Agent the host makes. */
  dispatcher?: Dispatcher;
  /** Time limit of one request to the stand-in, in ms (the add-on's is 10 s). */
  timeoutMs?: number;
}

/**
 * A stand-in Twitch on 127.0.0.1, one shared in-memory filesystem and a fake clock that both the
 * processes and the stand-in read, so a test can make tokens expire by moving time.
 */
export class AuthWorld {
  readonly fs: HostFs = memoryFs();
  readonly clock = new FakeClock(Date.UTC(2026, 5, 1, 12));
  readonly processes: SimProcess[] = [];
  server!: TwitchStandIn;

  static async start(options: TwitchStandInOptions = {}): Promise<AuthWorld> {
    const world = new AuthWorld();
    // Installed before any process may see the volume through a wrapper that refuses writes.
    copyAddonInto(world.fs, repoRoot);
    world.server = await startTwitchStandIn({ now: () => world.clock.now(), ...options });
    return world;
  }

  /** A new simulated process over the shared files and the stand-in. */
  async process(options: SimProcessOptions = {}): Promise<SimProcess> {
    const clock = options.clock ?? this.clock;
    const host = createTestHost({
      fs: options.fs ?? this.fs,
      clock,
      profile: PROFILE,
      answers: options.answers,
      dispatcher: options.dispatcher,
      env: {
        TWITCH_OAUTH_URL: this.server.oauthUrl,
        TWITCH_HELIX_URL: this.server.helixUrl,
        TWITCH_CLIENT_ID: options.clientId ?? STAND_IN_CLIENT_ID,
      },
    });
    const rawLog: string[] = [];
    const write = host.log.write.bind(host.log);
    // Seen before the host's mask: the add-on should not lean on that last line of defence.
    host.log.write = (level: number, message: string) => {
      rawLog.push(String(message));
      write(level, message);
    };
    const { kodi } = openInvocation(host, ADDON_ID);
    const addon = new kodi.xbmcaddon.Addon();
    const config = await loadAuthConfig(kodi, addon);
    const notices: AuthNotice[] = [];
    const manager = new TokenManager({
      kodi,
      log: createLogger(kodi),
      config: options.timeoutMs ? { ...config, timeoutMs: options.timeoutMs } : config,
      lockWaitMs: options.lockWaitMs,
      notify: (notice) => {
        notices.push(notice);
      },
    });
    const proc = { host, rawLog, kodi, manager, clock, notices };
    this.processes.push(proc);
    return proc;
  }

  /** Writes the token file as the Python add-on would (its three fields). */
  writeTokenFile(content: string | { access: string; refresh: string; expiry: number }): void {
    this.fs.mkdirSync(DATA, { recursive: true });
    this.fs.writeFileSync(TOKEN_PATH, typeof content === 'string' ? content : JSON.stringify(content));
  }

  /** Writes the user's settings.xml. */
  writeSettings(xml: string): void {
    this.fs.mkdirSync(DATA, { recursive: true });
    this.fs.writeFileSync(SETTINGS_PATH, xml);
  }

  tokenFileText(): string {
    return this.fs.readFileSync(TOKEN_PATH, 'utf8') as string;
  }

  /** The token file as a user would find it; fails the test when it does not parse. */
  readLogin(): StoredLogin {
    const parsed = parseTokenFile(this.tokenFileText());
    if (!parsed.ok) throw new Error(`token file unreadable: ${parsed.reason}`);
    return parsed.login;
  }

  /** A login the stand-in issued, stored as the Python add-on stores it, expiring in `expiresInSeconds`. */
  storeIssuedLogin(expiresInSeconds: number): { access: string; refresh: string } {
    const issued = this.server.issueTokens({ clientId: STAND_IN_CLIENT_ID, login: 'viewer' });
    this.writeTokenFile({ access: issued.accessToken, refresh: issued.refreshToken, expiry: this.clock.now() / 1000 + expiresInSeconds });
    return { access: issued.accessToken, refresh: issued.refreshToken };
  }

  /**
   * Moves fake time forward `ms` in steps of `stepMs`, each time first waiting (in real time) until
   * every process is idle in a clock sleep, so real I/O (HTTP, locks) finishes between steps.
   */
  async advanceIdle(ms: number, stepMs = 60_000): Promise<void> {
    for (let done = 0; done < ms; done += stepMs) {
      await this.idle();
      await this.clock.advance(Math.min(stepMs, ms - done));
    }
    await this.idle();
  }

  /** Resolves once `count` sleeps wait on the clock (default: one per process), polling in real time. */
  async idle(count = this.processes.length): Promise<void> {
    const deadline = performance.now() + 5_000;
    while (this.clock.pending < count) {
      if (performance.now() > deadline) throw new Error(`AuthWorld.idle: only ${this.clock.pending} of ${count} sleeps after 5 s`);
      await new Promise((r) => setTimeout(r, 1));
    }
  }

  /** Every log line of every process, for searching secrets. */
  allLogText(): string {
    return this.processes.flatMap((p) => p.host.log.records.map((r) => r.message)).join('\n');
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

/** Settings in Kodi 19+'s version 2 format. */
export function settingsV2(values: Record<string, string>): string {
  const lines = Object.entries(values).map(([id, v]) => `    <setting id="${id}">${v}</setting>`);
  return `<settings version="2">\n${lines.join('\n')}\n</settings>\n`;
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
