/** What the stand-in can do wrong, for the fault tests. */
export type FaultKind =
  /** 500 with Twitch's JSON error body. */
  | 'status500'
  /** 429 with `Retry-After` (and Helix's `Ratelimit-*`). */
  | 'status429'
  /** Reads the request and never answers. */
  | 'timeout'
  /** Destroys the socket without a reply. */
  | 'reset'
  /** 200 with a body that is not JSON. */
  | 'garbage'
  /** An HTML page (a proxy's or captive portal's), status 200 unless told otherwise. */
  | 'html'
  /** Refresh only: rotates the token server-side, then destroys the socket before the reply. */
  | 'consumeAndDrop';

/** Where a fault applies; `token` covers both grants. */
export type FaultEndpoint = 'device' | 'token' | 'token-device' | 'token-refresh' | 'validate' | 'revoke' | 'helix';

/** Every fault kind, for validating input from outside. */
export const FAULT_KINDS: readonly FaultKind[] = ['status500', 'status429', 'timeout', 'reset', 'garbage', 'html', 'consumeAndDrop'];
/** Every fault endpoint. */
export const FAULT_ENDPOINTS: readonly FaultEndpoint[] = ['device', 'token', 'token-device', 'token-refresh', 'validate', 'revoke', 'helix'];

export interface FaultOptions {
  /** How many of the next matching requests get the fault; default 1. */
  times?: number;
  /** `Retry-After` of a `status429`, in seconds; default 1. */
  retryAfterSeconds?: number;
  /** Status of an `html` fault; default 200. */
  status?: number;
}

export interface QueuedFault {
  kind: FaultKind;
  retryAfterSeconds: number;
  status: number;
}

/** Per-endpoint queues of faults for the next N requests. */
export class FaultQueue {
  readonly #queues = new Map<FaultEndpoint, QueuedFault[]>();

  add(endpoint: FaultEndpoint, kind: FaultKind, options: FaultOptions = {}): void {
    if (kind === 'consumeAndDrop' && endpoint !== 'token-refresh' && endpoint !== 'token') {
      throw new Error('consumeAndDrop applies to refresh requests only (endpoint "token-refresh")');
    }
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new Error(`fault "times" must be a whole number of at least 1, not ${times}`);
    const queue = this.#queues.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) queue.push({ kind, retryAfterSeconds: options.retryAfterSeconds ?? 1, status: options.status ?? 200 });
    this.#queues.set(endpoint, queue);
  }

  /** Takes the next fault for a request that matches any of `endpoints` (most specific first). */
  take(endpoints: readonly FaultEndpoint[], accepts: (fault: QueuedFault) => boolean = () => true): QueuedFault | undefined {
    for (const endpoint of endpoints) {
      const queue = this.#queues.get(endpoint);
      const next = queue?.[0];
      if (next && accepts(next)) {
        queue.shift();
        return next;
      }
    }
    return undefined;
  }

  /** Faults still queued per endpoint. */
  pending(): Record<string, number> {
    return Object.fromEntries([...this.#queues].filter(([, q]) => q.length > 0).map(([e, q]) => [e, q.length]));
  }

  clear(): void {
    this.#queues.clear();
  }
}
