import { afterEach, describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import { pollDeviceToken, type DeviceAuthorization, type PollDeviceTokenOptions } from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { recordingLogger } from '../helpers/twitch-log.js';
import { connectionRefused, OAUTH_ORIGIN, OAUTH_URL, TwitchMock, type ScriptedReply } from '../helpers/twitch-mock.js';
import { tokenBody } from '../helpers/twitch-responses.js';
import { rejection } from '../helpers/twitch-assert.js';

const DEVICE_CODE = 'device-code-that-must-stay-secret';
const START = Date.UTC(2026, 5, 1, 12, 0, 0);
let mock: TwitchMock | undefined;

afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

const pending: ScriptedReply = { status: 400, body: { status: 400, message: 'authorization_pending' } };
const slowDown: ScriptedReply = { status: 400, body: { status: 400, message: 'slow_down' } };
const invalidCode: ScriptedReply = { status: 400, body: { status: 400, message: 'invalid device code' } };
const denied: ScriptedReply = { status: 400, body: { status: 400, message: 'access_denied' } };
const tokens: ScriptedReply = { status: 200, body: tokenBody() };

/** A poller against scripted replies on a fake clock; `at` lists request times in s after the start. */
function setup(replies: ScriptedReply[], authorization: Partial<DeviceAuthorization> = {}, extra: Partial<PollDeviceTokenOptions> = {}) {
  const clock = new FakeClock(START);
  mock = new TwitchMock(() => clock.now()).script(OAUTH_ORIGIN, 'POST', '/oauth2/token', ...replies);
  const log = recordingLogger();
  const options: PollDeviceTokenOptions = {
    dispatcher: mock.agent,
    oauthUrl: OAUTH_URL,
    clientId: 'client-1',
    scopes: ['user:read:follows'],
    clock,
    logger: log,
    authorization: { deviceCode: DEVICE_CODE, userCode: 'ABCDEFGH', verificationUri: 'https://www.twitch.tv/activate', expiresInSeconds: 1800, intervalSeconds: 5, ...authorization },
    ...extra,
  };
  const requestSeconds = () => mock!.requests.map((r) => (r.atMs - START) / 1000);
  return { clock, mock, log, options, requestSeconds };
}

describe('pollDeviceToken', () => {
  it('returns the tokens after two pending replies, polling every 5 s', async () => {
    const { clock, options, requestSeconds } = setup([pending, pending, tokens]);
    const result = await clock.drive(pollDeviceToken(options));
    expect(result.accessToken).toBe(tokenBody().access_token);
    expect(requestSeconds()).toEqual([5, 10, 15]);
  });

  it('polls every 5 s when Twitch named no interval (interval 0)', async () => {
    const { clock, options, requestSeconds } = setup([pending, tokens], { intervalSeconds: 0 });
    await clock.drive(pollDeviceToken(options));
    expect(requestSeconds()).toEqual([5, 10]);
  });

  it('adds 5 s to the interval on slow_down, for every later poll too', async () => {
    const { clock, options, requestSeconds } = setup([pending, slowDown, pending, slowDown, pending, tokens]);
    await clock.drive(pollDeviceToken(options));
    expect(requestSeconds()).toEqual([5, 10, 20, 30, 45, 60]);
  });

  it('tolerates "invalid device code" while the code has time left, then logs in (defect 3 of the Python add-on)', async () => {
    const { clock, options, requestSeconds } = setup([invalidCode, invalidCode, pending, tokens]);
    const result = await clock.drive(pollDeviceToken(options));
    expect(result.refreshToken).toBe(tokenBody().refresh_token);
    expect(requestSeconds()).toEqual([5, 10, 15, 20]);
  });

  it('stops with ACCESS_DENIED when the user declines, without polling again', async () => {
    const { clock, options, mock } = setup([pending, denied, pending]);
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.ACCESS_DENIED);
    expect(mock.requests).toHaveLength(2);
  });

  it('stops with DEVICE_CODE_EXPIRED when expires_in runs out, even on "invalid device code"', async () => {
    const replies = Array.from({ length: 10 }, (_, i) => (i % 2 ? pending : invalidCode));
    const { clock, options, requestSeconds } = setup(replies, { expiresInSeconds: 30 });
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.DEVICE_CODE_EXPIRED);
    expect(error.message).toContain('ABCDEFGH');
    expect(requestSeconds()).toEqual([5, 10, 15, 20, 25]);
    expect(clock.now() - START).toBe(30_000);
  });

  it('counts expires_in from when the code was issued', async () => {
    const { clock, options, requestSeconds } = setup([pending, pending, pending], { expiresInSeconds: 30 }, { startedAtMs: START - 20_000 });
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.DEVICE_CODE_EXPIRED);
    expect(requestSeconds()).toEqual([5]);
  });

  it('doubles the wait after each network error and returns to the interval after a reply', async () => {
    const refused = { error: connectionRefused() };
    const { clock, options, requestSeconds, log } = setup([refused, refused, pending, refused, tokens]);
    await clock.drive(pollDeviceToken(options));
    // Only answered polls are recorded: errors at 5 s and 15 s (+10, +20), pending at 35 s,
    // an error at 40 s that waits 10 s again because the pending reply reset the back-off, tokens at 50 s.
    expect(requestSeconds()).toEqual([35, 50]);
    expect(log.lines.filter((l) => l.startsWith('warning')).join('\n')).toMatch(/NETWORK.*10 s[\s\S]*NETWORK.*20 s/);
  });

  it('caps the back-off', async () => {
    const errors = Array.from({ length: 5 }, () => ({ error: connectionRefused() }));
    const { clock, options, requestSeconds } = setup([...errors, tokens], {}, { maxBackoffMs: 30_000 });
    await clock.drive(pollDeviceToken(options));
    // 5 (first poll) + 10 + 20 + 30 + 30 + 30 (capped) = 125 s.
    expect(requestSeconds()).toEqual([125]);
  });

  it('backs off on 5xx and keeps going', async () => {
    const { clock, options, requestSeconds } = setup([{ status: 503, body: '<html>down</html>' }, tokens]);
    await clock.drive(pollDeviceToken(options));
    expect(requestSeconds()).toEqual([5, 15]);
  });

  it('honours Retry-After of a 429', async () => {
    const { clock, options, requestSeconds } = setup([{ status: 429, body: { status: 429, message: 'Too Many Requests' }, headers: { 'retry-after': '42' } }, tokens]);
    await clock.drive(pollDeviceToken(options));
    expect(requestSeconds()).toEqual([5, 47]);
  });

  it('stops on a reply it cannot recover from (unknown Client-ID)', async () => {
    const { clock, options } = setup([{ status: 400, body: { status: 400, message: 'invalid client' } }]);
    expect((await rejection(clock.drive(pollDeviceToken(options)))).code).toBe(AddonErrorCodes.CLIENT_ID_INVALID);
  });

  it('ticks at least once a second with the seconds left, and stops within a second of a cancel', async () => {
    const ticks: { atMs: number; left: number }[] = [];
    let cancelledAtMs = 0;
    const { clock, options, mock } = setup(Array.from({ length: 5 }, () => pending), {}, {
      onTick: (left) => {
        ticks.push({ atMs: clock.now(), left });
        if (clock.now() - START >= 12_000 && !cancelledAtMs) cancelledAtMs = clock.now();
        return cancelledAtMs !== 0;
      },
    });
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.CANCELLED);
    expect(clock.now() - cancelledAtMs).toBeLessThanOrEqual(1_000);
    expect(mock.requests).toHaveLength(2);
    const gaps = ticks.slice(1).map((t, i) => t.atMs - ticks[i]!.atMs);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(1_000);
    expect(ticks[0]!.left).toBe(1800);
    expect(ticks.at(-1)!.left).toBe(1800 - 12);
  });

  it('stops within a second when the signal aborts while waiting', async () => {
    const abort = new AbortController();
    let abortedAtMs = 0;
    const { clock, options } = setup([pending, pending], {}, {
      signal: abort.signal,
      onTick: () => {
        if (clock.now() - START >= 7_500 && !abortedAtMs) {
          abortedAtMs = clock.now();
          abort.abort();
        }
      },
    });
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.CANCELLED);
    expect(clock.now() - abortedAtMs).toBeLessThanOrEqual(1_000);
  });

  it('cancels a poll that hangs as soon as onTick says so, without waiting for the request timeout', async () => {
    const { clock, options } = setup([{ ...pending, delayMs: 10_000 }], {}, { onTick: () => clock.now() - START >= 6_000 });
    const started = Date.now();
    const error = await rejection(clock.drive(pollDeviceToken(options)));
    expect(error.code).toBe(AddonErrorCodes.CANCELLED);
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('cancels a poll in flight when the signal aborts', async () => {
    const abort = new AbortController();
    const { clock, options } = setup([{ ...pending, delayMs: 10_000 }], {}, { signal: abort.signal });
    const polling = pollDeviceToken(options);
    await clock.advance(5_000);
    abort.abort();
    const started = Date.now();
    expect((await rejection(polling)).code).toBe(AddonErrorCodes.CANCELLED);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('never logs the device code or a token', async () => {
    const { clock, options, log } = setup([{ error: connectionRefused() }, slowDown, invalidCode, pending, tokens]);
    await clock.drive(pollDeviceToken(options));
    const text = log.lines.join('\n');
    expect(log.lines.length).toBeGreaterThan(2);
    expect(text).not.toContain(DEVICE_CODE);
    expect(text).not.toContain(tokenBody().access_token as string);
    expect(text).not.toContain(tokenBody().refresh_token as string);
  });

  it('ends with the error onTick throws, also while a poll is in flight', async () => {
    const { clock, options } = setup([{ ...pending, delayMs: 10_000 }], {}, {
      onTick: () => {
        if (clock.now() - START >= 6_000) throw new Error('dialog gone');
      },
    });
    await expect(clock.drive(pollDeviceToken(options))).rejects.toThrow('dialog gone');
  });
});
