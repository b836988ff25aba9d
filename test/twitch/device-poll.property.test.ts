import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AddonError} from '../../addon/errors.js';
import { AddonErrorCodes } from '../../addon/errors.js';
import { DEFAULT_MAX_BACKOFF_MS, SLOW_DOWN_STEP_MS, pollDeviceToken } from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { OAUTH_ORIGIN, OAUTH_URL, TwitchMock, type ScriptedReply } from '../helpers/twitch-mock.js';
import { tokenBody } from '../helpers/twitch-responses.js';

type Kind = 'pending' | 'slow_down' | 'invalid' | 'server_error' | 'limited' | 'denied' | 'tokens';

const replyOf = (kind: Kind, retryAfterSeconds: number): ScriptedReply => {
  switch (kind) {
    case 'pending':
      return { status: 400, body: { status: 400, message: 'authorization_pending' } };
    case 'slow_down':
      return { status: 400, body: { status: 400, message: 'slow_down' } };
    case 'invalid':
      return { status: 400, body: { status: 400, message: 'invalid device code' } };
    case 'server_error':
      return { status: 503, body: '<html>unavailable</html>' };
    case 'limited':
      return { status: 429, body: { status: 429, message: 'Too Many Requests' }, headers: { 'retry-after': String(retryAfterSeconds) } };
    case 'denied':
      return { status: 400, body: { status: 400, message: 'access_denied' } };
    case 'tokens':
      return { status: 200, body: tokenBody() };
  }
};

const scenario = fc.record({
  kinds: fc.array(fc.constantFrom<Kind>('pending', 'pending', 'slow_down', 'invalid', 'server_error', 'limited', 'denied', 'tokens'), { minLength: 1, maxLength: 25 }),
  retryAfterSeconds: fc.integer({ min: 1, max: 90 }),
  intervalSeconds: fc.integer({ min: 0, max: 10 }),
  expiresInSeconds: fc.integer({ min: 20, max: 900 }),
});

describe('pollDeviceToken, whatever Twitch answers', () => {
  it('keeps RFC 8628\'s pacing, honours Retry-After, never polls after expiry, and ends as the replies say', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ kinds, retryAfterSeconds, intervalSeconds, expiresInSeconds }) => {
        const clock = new FakeClock(Date.UTC(2026, 0, 1));
        const start = clock.now();
        // Pad with pending replies so the poller always has an answer until the code expires.
        const script = [...kinds, ...Array<Kind>(200).fill('pending')];
        const mock = new TwitchMock(() => clock.now()).script(OAUTH_ORIGIN, 'POST', '/oauth2/token', ...script.map((k) => replyOf(k, retryAfterSeconds)));
        try {
          const outcome = await clock
            .drive(
              pollDeviceToken({
                dispatcher: mock.agent,
                oauthUrl: OAUTH_URL,
                clientId: 'c',
                scopes: [],
                clock,
                authorization: { deviceCode: 'd', userCode: 'U', verificationUri: 'v', expiresInSeconds, intervalSeconds },
              }),
            )
            .then(
              () => 'tokens',
              (error: AddonError) => error.code,
            );
          const times = mock.requests.map((r) => r.atMs - start);
          const deadline = expiresInSeconds * 1000;
          let intervalMs = (intervalSeconds || 5) * 1000;
          let previous = 0;
          for (let i = 0; i < times.length; i++) {
            const gap = times[i]! - previous;
            const before = i === 0 ? 'pending' : script[i - 1]!;
            if (before === 'slow_down') intervalMs += SLOW_DOWN_STEP_MS;
            expect(gap).toBeGreaterThanOrEqual(intervalMs);
            if (before === 'limited') expect(gap).toBeGreaterThanOrEqual(retryAfterSeconds * 1000);
            expect(gap).toBeLessThanOrEqual(Math.max(DEFAULT_MAX_BACKOFF_MS, intervalMs, retryAfterSeconds * 1000));
            expect(times[i]!).toBeLessThan(deadline);
            previous = times[i]!;
          }
          const answered = script.slice(0, times.length);
          const last = answered.at(-1);
          if (last === 'tokens') expect(outcome).toBe('tokens');
          else if (last === 'denied') expect(outcome).toBe(AddonErrorCodes.ACCESS_DENIED);
          else expect(outcome).toBe(AddonErrorCodes.DEVICE_CODE_EXPIRED);
          // Nothing before the last reply ended the poll.
          expect(answered.slice(0, -1).some((k) => k === 'tokens' || k === 'denied')).toBe(false);
        } finally {
          await mock.close();
        }
      }),
      { numRuns: 60 },
    );
  });
});
