import { afterEach, describe, expect, it } from 'vitest';
import { AddonError, AddonErrorCodes } from '../../addon/errors.js';
import { buildHelixUrl, HelixClient, processHelixResponse, type HelixClientOptions } from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { HELIX_ORIGIN, HELIX_URL, TwitchMock, type ScriptedReply } from '../helpers/twitch-mock.js';
import { jsonResponse, htmlResponse } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const START = Date.UTC(2026, 5, 1, 12, 0, 0);
let mock: TwitchMock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const ok = (data: unknown[] = [{ id: '1' }], headers: Record<string, string> = {}): ScriptedReply => ({ status: 200, body: { data, pagination: {} }, headers });
const unauthorized: ScriptedReply = { status: 401, body: { error: 'Unauthorized', status: 401, message: 'Invalid OAuth token' } };

function client(replies: ScriptedReply[], extra: Partial<HelixClientOptions> = {}) {
  const clock = new FakeClock(START);
  mock = new TwitchMock(() => clock.now()).script(HELIX_ORIGIN, 'GET', /^\/helix\//, ...replies);
  const helix = new HelixClient({ dispatcher: mock.agent, helixUrl: HELIX_URL, clientId: 'client-1', accessToken: 'token-1', clock, ...extra });
  return { clock, helix, mock };
}

describe('buildHelixUrl', () => {
  it('repeats a key for each value of an array and leaves out empty values', () => {
    const url = buildHelixUrl('https://api.twitch.tv/helix', 'streams', { user_id: ['1', '2'], game_id: undefined, language: null, first: 50, live_only: true });
    expect(url.toString()).toBe('https://api.twitch.tv/helix/streams?user_id=1&user_id=2&first=50&live_only=true');
  });

  it('encodes search text', () => {
    expect(buildHelixUrl(undefined, 'search/channels', { query: 'a&b c' }).search).toBe('?query=a%26b+c');
  });
});

describe('processHelixResponse', () => {
  it('reads data, the cursor, the total and the rate-limit headers', async () => {
    const page = await processHelixResponse(
      jsonResponse(200, { data: [{ id: 'a' }], pagination: { cursor: 'eyJiIjpudWxsfQ' }, total: 42 }, { 'ratelimit-limit': '800', 'ratelimit-remaining': '799', 'ratelimit-reset': '1780000000' }),
    );
    expect(page).toEqual({ data: [{ id: 'a' }], cursor: 'eyJiIjpudWxsfQ', total: 42, rateLimit: { limit: 800, remaining: 799, resetAtMs: 1_780_000_000_000 } });
  });

  it('reads an empty pagination object as the last page', async () => {
    const page = await processHelixResponse(jsonResponse(200, { data: [], pagination: {} }));
    expect(page.cursor).toBeNull();
    expect(page.rateLimit).toBeNull();
  });

  it('rejects a reply whose data is not an array', async () => {
    const error = await rejection(processHelixResponse(jsonResponse(200, { data: 'x' })));
    expect(error.code).toBe(AddonErrorCodes.BAD_RESPONSE);
    expect(error.message).toContain('"data"');
  });

  it('reads an HTML page as BAD_RESPONSE', async () => {
    expect((await rejection(processHelixResponse(htmlResponse(200)))).code).toBe(AddonErrorCodes.BAD_RESPONSE);
  });

  it('reads 401 as UNAUTHORIZED', async () => {
    expect((await rejection(processHelixResponse(jsonResponse(401, { status: 401, message: 'Invalid OAuth token' })))).code).toBe(AddonErrorCodes.UNAUTHORIZED);
  });
});

describe('HelixClient', () => {
  it('sends Client-ID and the Bearer token', async () => {
    const { helix, mock } = client([ok()]);
    await helix.get('users', { login: ['a', 'b'] });
    expect(mock.requests[0]!.headers['client-id']).toBe('client-1');
    expect(mock.requests[0]!.headers.authorization).toBe('Bearer token-1');
    expect(mock.requests[0]!.path).toBe('/helix/users?login=a&login=b');
  });

  it('asks for the access token before every call, so a token rotated by another process is used', async () => {
    let current = 'token-1';
    const { helix, mock } = client([ok(), ok()], { accessToken: async () => current });
    await helix.get('users');
    current = 'token-2';
    await helix.get('users');
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('on a 401 renews the token once and retries the call once with the new token', async () => {
    let renewals = 0;
    const { helix, mock } = client([unauthorized, ok([{ id: 'fresh' }])], {
      onUnauthorized: async () => {
        renewals += 1;
        return 'token-2';
      },
    });
    const page = await helix.get('streams/followed', { user_id: '9' });
    expect(page.data).toEqual([{ id: 'fresh' }]);
    expect(renewals).toBe(1);
    expect(mock.requests.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up with UNAUTHORIZED when the retry gets a 401 too: one renewal, two requests', async () => {
    let renewals = 0;
    const { helix, mock } = client([unauthorized, unauthorized, ok()], {
      onUnauthorized: async () => {
        renewals += 1;
        return 'token-2';
      },
    });
    expect((await rejection(helix.get('users'))).code).toBe(AddonErrorCodes.UNAUTHORIZED);
    expect(renewals).toBe(1);
    expect(mock.requests).toHaveLength(2);
  });

  it('throws what the renewal throws, such as REFRESH_TOKEN_INVALID, without retrying', async () => {
    const { helix, mock } = client([unauthorized, ok()], {
      onUnauthorized: async () => {
        throw new AddonError(AddonErrorCodes.REFRESH_TOKEN_INVALID, 'log in again');
      },
    });
    expect((await rejection(helix.get('users'))).code).toBe(AddonErrorCodes.REFRESH_TOKEN_INVALID);
    expect(mock.requests).toHaveLength(1);
  });

  it('does not retry when the renewal yields no token', async () => {
    const { helix, mock } = client([unauthorized, ok()], { onUnauthorized: async () => null });
    expect((await rejection(helix.get('users'))).code).toBe(AddonErrorCodes.UNAUTHORIZED);
    expect(mock.requests).toHaveLength(1);
  });

  it('waits out a short 429 until Ratelimit-Reset and retries once', async () => {
    const resetSeconds = String(START / 1000 + 3);
    const { clock, helix, mock } = client([
      { status: 429, body: { error: 'Too Many Requests', status: 429, message: '' }, headers: { 'ratelimit-limit': '800', 'ratelimit-remaining': '0', 'ratelimit-reset': resetSeconds } },
      ok([{ id: 'x' }], { 'ratelimit-limit': '800', 'ratelimit-remaining': '799', 'ratelimit-reset': String(START / 1000 + 60) }),
    ]);
    const page = await clock.drive(helix.get('games/top'));
    expect(page.data).toEqual([{ id: 'x' }]);
    expect(mock.requests.map((r) => r.atMs - START)).toEqual([0, 3_000]);
    expect(helix.lastRateLimit?.remaining).toBe(799);
  });

  it('throws RATE_LIMITED with the wait when the second try is limited too', async () => {
    const limited: ScriptedReply = { status: 429, body: { status: 429, message: 'Too Many Requests' }, headers: { 'retry-after': '2' } };
    const { clock, helix, mock } = client([limited, limited, ok()]);
    const error = await rejection(clock.drive(helix.get('games/top')));
    expect(error.code).toBe(AddonErrorCodes.RATE_LIMITED);
    expect(error.retryAfterMs).toBe(2_000);
    expect(mock.requests).toHaveLength(2);
  });

  it('does not wait when Twitch asks for longer than the client may wait', async () => {
    const { helix, mock } = client([{ status: 429, body: { status: 429, message: 'x' }, headers: { 'retry-after': '60' } }, ok()]);
    const error = await rejection(helix.get('games/top'));
    expect(error.retryAfterMs).toBe(60_000);
    expect(mock.requests).toHaveLength(1);
  });

  it('reports a 5xx as SERVER_ERROR without retrying', async () => {
    const { helix, mock } = client([{ status: 503, body: '<html></html>' }, ok()]);
    expect((await rejection(helix.get('streams'))).code).toBe(AddonErrorCodes.SERVER_ERROR);
    expect(mock.requests).toHaveLength(1);
  });
});
