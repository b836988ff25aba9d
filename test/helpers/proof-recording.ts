import { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import type { HostFs } from '../../src/host/fs.js';

/** Every secret that crossed the wire: tokens and device codes from replies and request forms. */
export class SecretCollector {
  readonly secrets = new Set<string>();

  /** Takes the secret-bearing fields out of a JSON reply or a form-encoded request body. */
  collect(text: string): void {
    let fields: Record<string, unknown> = {};
    try {
      const json = JSON.parse(text) as unknown;
      if (json && typeof json === 'object') fields = json as Record<string, unknown>;
    } catch {
      fields = Object.fromEntries(new URLSearchParams(text));
    }
    for (const key of ['access_token', 'refresh_token', 'device_code', 'token', 'access', 'refresh']) {
      const value = fields[key];
      if (typeof value === 'string' && value.length >= 6) this.secrets.add(value);
    }
  }
}

/**
 * An undici dispatcher that reaches the network like a plain Agent but shows every request body and
 * reply body to `onExchange` first (the add-on only calls `request`).
 */
export function recordingDispatcher(onExchange: (path: string, requestBody: string, replyBody: string) => void): Dispatcher {
  const agent = new Agent({ connect: { timeout: 2_000 } });
  const request = async (options: Dispatcher.RequestOptions) => {
    const reply = await agent.request(options);
    const chunks: Buffer[] = [];
    for await (const chunk of reply.body) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    onExchange(String(options.path), typeof options.body === 'string' ? options.body : '', bytes.toString('utf8'));
    return { ...reply, body: Readable.from([bytes]) };
  };
  return new Proxy(agent, {
    get(target, name) {
      if (name === 'request') return request;
      const value = Reflect.get(target, name, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  }) as Dispatcher;
}

// Calls whose second argument is a path too.
const TWO_PATHS = new Set(['rename', 'renameSync', 'copyFile', 'copyFileSync', 'link', 'linkSync', 'symlink', 'symlinkSync', 'cp', 'cpSync']);

function asPath(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof URL) return value.protocol === 'file:' ? decodeURIComponent(value.pathname) : undefined;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

/** `base` with every path handed to any of its functions (callback, promise or sync) recorded in `touched`. */
export function recordingFs(base: HostFs): { fs: HostFs; touched: Set<string> } {
  const touched = new Set<string>();
  const wrap = (target: object, isRoot: boolean) =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver) as unknown;
        if (typeof name !== 'string' || typeof value !== 'function' || (isRoot && name === 'promises')) return value;
        return (...args: unknown[]) => {
          const first = asPath(args[0]);
          if (first !== undefined) touched.add(first);
          const second = TWO_PATHS.has(name) ? asPath(args[1]) : undefined;
          if (second !== undefined) touched.add(second);
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  const promises = wrap(base.promises, false);
  const root = wrap(base, true);
  return { fs: new Proxy(root, { get: (t, name, r) => (name === 'promises' ? promises : Reflect.get(t, name, r)) }) as HostFs, touched };
}
