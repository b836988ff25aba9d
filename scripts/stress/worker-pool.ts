import { fork, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnsureResult, WorkerCommand, WorkerMessage } from './protocol.js';

/** The built worker script, next to this module in `dist/scripts/stress/`. */
export const WORKER_SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'worker.js');

/** One worker process and the replies it still owes. */
export class StressWorker {
  readonly child: ChildProcess;
  readonly #waiting = new Map<number, (result: EnsureResult) => void>();
  #nextId = 1;
  #exited: Promise<number | null>;
  stderr = '';

  private constructor(child: ChildProcess) {
    this.child = child;
    child.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type !== 'result') return;
      this.#waiting.get(message.id)?.(message);
      this.#waiting.delete(message.id);
    });
    this.#exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  /** Starts a worker over `profile`; resolves once it is ready for commands. */
  static async start(options: { profile: string; addonFolder: string; env: Record<string, string>; script?: string }): Promise<StressWorker> {
    const child = fork(options.script ?? WORKER_SCRIPT, [], {
      env: { ...process.env, ...options.env, KODI_SHIM_PROFILE: options.profile, KODI_SHIM_ADDON: options.addonFolder },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const worker = new StressWorker(child);
    await new Promise<void>((resolve, reject) => {
      const onMessage = (message: WorkerMessage) => {
        if (message.type === 'ready') {
          child.off('message', onMessage);
          resolve();
        }
      };
      child.on('message', onMessage);
      child.once('exit', (code) => reject(new Error(`stress worker exited with code ${code} before it was ready: ${worker.stderr.trim()}`)));
    });
    return worker;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /**
   * One `ensureValidToken` step with the worker's clock `clockOffsetMs` ahead of wall time; with
   * `watchFile` (default) the worker rereads the token file throughout the step.
   */
  ensure(clockOffsetMs: number, options: { watchFile?: boolean } = {}): Promise<EnsureResult> {
    const id = this.#nextId++;
    return new Promise<EnsureResult>((resolve, reject) => {
      const onExit = (code: number | null, signal: string | null) =>
        reject(new Error(`stress worker ${this.pid} died (${signal ?? `exit ${code}`}) during a step: ${this.stderr.trim()}`));
      this.child.once('exit', onExit);
      this.#waiting.set(id, (result) => {
        this.child.off('exit', onExit);
        resolve(result);
      });
      this.#send({ type: 'ensure', id, clockOffsetMs, watchFile: options.watchFile ?? true });
    });
  }

  /** Ends the worker politely; SIGKILL when it does not go within `graceMs`. */
  async stop(graceMs = 2000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.#send({ type: 'exit' });
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** Kills the worker at once, as a crash or the OOM killer would; resolves when it is gone. */
  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.#exited;
  }

  #send(command: WorkerCommand): void {
    if (this.child.connected) this.child.send(command);
  }
}

/** Percentile `p` (0–100) of `values`, nearest rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
