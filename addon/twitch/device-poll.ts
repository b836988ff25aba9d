import { AddonError, AddonErrorCodes, isTransient } from '../errors.js';
import type { TwitchClock } from './clock.js';
import { DEFAULT_POLL_INTERVAL_SECONDS, type DeviceAuthorization } from './device-authorization.js';
import { deviceTokenRequest, processDeviceTokenResponse, type DeviceTokenResult } from './device-token.js';
import { silentLogger, type TwitchLogger } from './logger.js';
import type { OAuthOptions } from './oauth-options.js';
import type { TwitchTokens } from './tokens.js';

/** RFC 8628 §3.5: each `slow_down` adds 5 s to the interval, for good. */
export const SLOW_DOWN_STEP_MS = 5_000;
/** Longest wait between polls while Twitch is unreachable, in ms, unless Retry-After asks for more. */
export const DEFAULT_MAX_BACKOFF_MS = 60_000;
// `onTick` runs at least this often so a cancel on the dialog stops polling within a second.
const TICK_MS = 1_000;

export interface PollDeviceTokenOptions extends OAuthOptions {
  authorization: DeviceAuthorization;
  /** The scopes asked for in the device authorization request. */
  scopes: readonly string[];
  /** All waiting and time-keeping goes through it. */
  clock: TwitchClock;
  logger?: TwitchLogger;
  /**
   * Called at least once a second, also while a poll is in flight, with the whole seconds left before
   * the code expires; returning `true` cancels (CANCELLED) within a second. What it throws ends the poll.
   */
  onTick?: (secondsLeft: number) => boolean | void;
  /** When the device authorization reply arrived, ms epoch; `expires_in` counts from it. Default: now. */
  startedAtMs?: number;
  /** Cap of the doubling wait after network errors and 5xx, in ms; default 60 s. */
  maxBackoffMs?: number;
}

/**
 * Polls `POST {oauth}/token` until the user approves (RFC 8628 §3.4–3.5 with Twitch's quirks) and
 * returns the tokens. Throws AddonError ACCESS_DENIED, DEVICE_CODE_EXPIRED, CANCELLED, or a
 * non-transient error such as CLIENT_ID_INVALID; transient ones (network, timeout, 5xx, 429) back off.
 */
export async function pollDeviceToken(options: PollDeviceTokenOptions): Promise<TwitchTokens> {
  const { authorization, clock, signal } = options;
  const log = options.logger ?? silentLogger;
  const onTick = options.onTick;
  const deadlineMs = (options.startedAtMs ?? clock.now()) + authorization.expiresInSeconds * 1000;
  const maxBackoffMs = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  let intervalMs = (authorization.intervalSeconds > 0 ? authorization.intervalSeconds : DEFAULT_POLL_INTERVAL_SECONDS) * 1000;
  let failures = 0;
  let invalidCodeReplies = 0;

  const cancelled = (why: string) => new AddonError(AddonErrorCodes.CANCELLED, `The Twitch login was cancelled (${why}).`);
  const expired = () =>
    new AddonError(AddonErrorCodes.DEVICE_CODE_EXPIRED, `The login code ${authorization.userCode} expired before it was approved; start the login again for a new code.`);
  const secondsLeft = () => Math.max(0, Math.ceil((deadlineMs - clock.now()) / 1000));
  const userCancelled = () => onTick?.(secondsLeft()) === true;

  // Waits until `targetMs`, ticking at least once a second; throws on cancel and on expiry.
  const waitUntil = async (targetMs: number) => {
    for (;;) {
      if (signal?.aborted) throw cancelled('aborted');
      if (userCancelled()) throw cancelled('by the user');
      const now = clock.now();
      if (now >= deadlineMs) throw expired();
      if (now >= targetMs) return;
      const elapsed = await clock.sleep(Math.min(TICK_MS, targetMs - now, deadlineMs - now), signal);
      if (!elapsed) throw cancelled('aborted');
    }
  };

  // One poll; the ticker keeps `onTick` running while the request is in flight.
  const pollOnce = async (): Promise<DeviceTokenResult> => {
    const requestAbort = new AbortController();
    const stopTicker = new AbortController();
    let cancelledByUser = false;
    let tickError: { error: unknown } | undefined;
    // Without onTick only the signal can cancel, and it reaches the request directly.
    const ticker = (async () => {
      while (onTick && (await clock.sleep(TICK_MS, stopTicker.signal))) {
        try {
          if (!userCancelled()) continue;
          cancelledByUser = true;
        } catch (error) {
          // Rethrown after the request, so it never surfaces as an unhandled rejection meanwhile.
          tickError = { error };
        }
        requestAbort.abort();
        return;
      }
    })();
    const requestSignal = signal ? AbortSignal.any([signal, requestAbort.signal]) : requestAbort.signal;
    try {
      const response = await deviceTokenRequest({ ...options, signal: requestSignal }, authorization.deviceCode, options.scopes);
      return await processDeviceTokenResponse(response, clock.now());
    } catch (error) {
      if (tickError) throw tickError.error;
      if (cancelledByUser) throw cancelled('by the user');
      if (signal?.aborted) throw cancelled('aborted');
      throw error;
    } finally {
      stopTicker.abort();
      await ticker;
    }
  };

  log.debug(`Device login: waiting for approval of code ${authorization.userCode}, polling every ${intervalMs / 1000} s`);
  let nextPollMs = clock.now() + intervalMs;
  for (;;) {
    await waitUntil(nextPollMs);
    let result: DeviceTokenResult;
    try {
      result = await pollOnce();
    } catch (error) {
      if (!isTransient(error)) throw error;
      failures += 1;
      // RFC 8628 §3.5: back off on connection trouble; Retry-After is authoritative when present.
      const backoffMs = Math.min(intervalMs * 2 ** failures, Math.max(maxBackoffMs, intervalMs));
      const waitMs = Math.max(backoffMs, (error as AddonError).retryAfterMs ?? 0);
      log.warning(`Device login: ${(error as AddonError).code} while polling Twitch; next try in ${Math.ceil(waitMs / 1000)} s`);
      nextPollMs = clock.now() + waitMs;
      continue;
    }
    failures = 0;
    switch (result.kind) {
      case 'tokens':
        log.info('Device login: approved');
        return result.tokens;
      case 'denied':
        throw new AddonError(AddonErrorCodes.ACCESS_DENIED, 'The login was declined on Twitch; start it again and choose Authorize.');
      case 'slow_down':
        intervalMs += SLOW_DOWN_STEP_MS;
        log.debug(`Device login: Twitch asked to slow down; polling every ${intervalMs / 1000} s from now on`);
        break;
      case 'invalid_device_code':
        // Seen before approvals that then succeeded; only expires_in ends the wait.
        invalidCodeReplies += 1;
        if (invalidCodeReplies === 1) log.debug('Device login: Twitch answered "invalid device code"; still waiting until the code expires');
        break;
      case 'pending':
        break;
    }
    // The interval counts from the previous response (RFC 8628 §3.5).
    nextPollMs = clock.now() + intervalMs;
  }
}
