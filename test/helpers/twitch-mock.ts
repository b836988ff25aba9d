import { MockAgent } from 'undici';
import { afterEach } from 'vitest';

export const OAUTH_ORIGIN = 'https://id.twitch.tv';
export const HELIX_ORIGIN = 'https://api.twitch.tv';
export const OAUTH_URL = `${OAUTH_ORIGIN}/oauth2`;
export const HELIX_URL = `${HELIX_ORIGIN}/helix`;

/** One request as the mock saw it. */
export interface RecordedRequest {
  method: string;
  /** Path with the query string. */
  path: string;
  headers: Record<string, string>;
  /** The form fields of a form-encoded body. */
  form: URLSearchParams;
  /** The time the mock answered, from the clock it was given (ms epoch). */
  atMs: number;
}

/** One scripted answer: a reply, a transport error, or a reply that comes late. */
export type ScriptedReply =
  | { status: number; body?: unknown; headers?: Record<string, string>; delayMs?: number }
  | { error: Error };

/**
 * An undici MockAgent with net connect disabled (an unscripted request fails loudly) that records
 * every request it answers.
 */
export class TwitchMock {
  readonly agent = new MockAgent();
  readonly requests: RecordedRequest[] = [];
  readonly #now: () => number;

  constructor(now: () => number = () => Date.now()) {
    this.agent.disableNetConnect();
    this.#now = now;
  }

  /** Answers the next requests to `method path` on `origin` with `replies`, one each, in order. */
  script(origin: string, method: string, path: string | RegExp, ...replies: ScriptedReply[]): this {
    const pool = this.agent.get(origin);
    const matchPath = typeof path === 'string' ? (p: string) => p.split('?')[0] === path : path;
    for (const reply of replies) {
      const interceptor = pool.intercept({ path: matchPath, method });
      if ('error' in reply) {
        interceptor.replyWithError(reply.error);
        continue;
      }
      const scope = interceptor.reply((options) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries((options.headers ?? {}) as Record<string, string>)) headers[k.toLowerCase()] = String(v);
        this.requests.push({
          method: options.method,
          path: options.path,
          headers,
          form: new URLSearchParams(typeof options.body === 'string' ? options.body : ''),
          atMs: this.#now(),
        });
        const data = typeof reply.body === 'string' || reply.body === undefined ? (reply.body ?? '') : JSON.stringify(reply.body);
        return { statusCode: reply.status, data, responseOptions: { headers: { 'content-type': 'application/json', ...reply.headers } } };
      });
      if (reply.delayMs) scope.delay(reply.delayMs);
    }
    return this;
  }

  /** Requests not yet answered by a script. */
  pendingCount(): number {
    return this.agent.pendingInterceptors().length;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

/** A transport error as undici raises it for a refused connection. */
export function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
}

/** Twitch's public web Client-ID, a fact the OAuth tests send. */
export const TEST_CLIENT_ID = 'kimne78kx3ncx6brgo4mv6wki5h1ko';

/**
 * The mock of the running test, closed after each test: assign `twitch.mock`, read it back, and get
 * OAuth options over its agent with `twitch.options()`.
 */
export function mockPerTest(clientId = TEST_CLIENT_ID): { mock: TwitchMock | undefined; options(): { dispatcher: MockAgent; oauthUrl: string; clientId: string } } {
  const state = {
    mock: undefined as TwitchMock | undefined,
    options: () => ({ dispatcher: state.mock!.agent, oauthUrl: OAUTH_URL, clientId }),
  };
  afterEach(async () => {
    await state.mock?.close();
    state.mock = undefined;
  });
  return state;
}
