import { afterEach, describe, expect, it } from 'vitest';
import { AddonErrorCodes } from '../../addon/errors.js';
import {
  getClips,
  getFollowedChannels,
  getFollowedStreams,
  getGames,
  getStreams,
  getTopGames,
  getUsers,
  getVideos,
  HelixClient,
  refreshAccessToken,
  searchCategories,
  searchChannels,
  type TwitchStream,
} from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { HELIX_CATALOGUE, STAND_IN_CLIENT_ID, channelLogin, gameId, userIdFor } from '../../scripts/twitch-stand-in/index.js';
import { standInWorld, type StandInWorld } from '../helpers/twitch-stand-in-world.js';
import { rejection } from '../helpers/twitch-assert.js';

let world: StandInWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function helixFor(options: Parameters<typeof standInWorld>[0] = {}, login = 'viewer') {
  world = await standInWorld(options);
  const issued = world.server.issueTokens({ login });
  const helix = new HelixClient({ dispatcher: world.dispatcher, helixUrl: world.server.helixUrl, clientId: STAND_IN_CLIENT_ID, accessToken: issued.accessToken, clock: new FakeClock() });
  return { helix, issued, server: world.server };
}

describe('the stand-in Helix', () => {
  it('answers users with the token\'s own user when asked for nobody', async () => {
    const { helix } = await helixFor({}, 'alice');
    const [me] = await getUsers(helix);
    expect(me).toMatchObject({ login: 'alice', id: userIdFor('alice') });
  });

  it('pages through every live stream with cursors, by viewers, each once', async () => {
    const { helix, server } = await helixFor();
    const seen: TwitchStream[] = [];
    let after: string | undefined;
    for (let i = 0; i < 5; i++) {
      const page = await getStreams(helix, { first: 100, after });
      seen.push(...page.data);
      if (!page.cursor) break;
      after = page.cursor;
    }
    expect(seen).toHaveLength(HELIX_CATALOGUE.live);
    expect(new Set(seen.map((s) => s.id)).size).toBe(HELIX_CATALOGUE.live);
    expect(seen.map((s) => s.viewerCount)).toEqual([...seen.map((s) => s.viewerCount)].sort((a, b) => b - a));
    expect(server.count('helix:streams')).toBe(2);
    expect(helix.lastRateLimit).toMatchObject({ limit: 800, remaining: 798 });
  });

  it('filters streams by game and language', async () => {
    const { helix } = await helixFor();
    const page = await getStreams(helix, { gameIds: [gameId(3)], languages: ['es', 'en'] });
    expect(page.data.map((s) => s.userLogin)).toEqual(['streamer003', 'streamer063', 'streamer123']);
    expect(page.data.every((s) => s.gameId === gameId(3) && s.language === 'es')).toBe(true);
    expect((await getStreams(helix, { gameIds: [gameId(3)], languages: ['en'] })).data).toEqual([]);
  });

  it('answers the followed lists only for the token\'s own user', async () => {
    const { helix, issued } = await helixFor({}, 'alice');
    const channels = await getFollowedChannels(helix, { userId: issued.userId, first: 100 });
    expect(channels.total).toBe(channels.data.length);
    expect(channels.data.length).toBeGreaterThan(10);
    const live = await getFollowedStreams(helix, { userId: issued.userId, first: 100 });
    expect(live.data.every((s) => channels.data.some((c) => c.broadcasterId === s.userId))).toBe(true);
    const error = await rejection(getFollowedStreams(helix, { userId: '1' }));
    expect(error.code).toBe(AddonErrorCodes.REQUEST_REJECTED);
  });

  it('answers games, top games, searches, videos and clips', async () => {
    const { helix } = await helixFor();
    const top = await getTopGames(helix, { first: 10 });
    expect(top.data).toHaveLength(10);
    expect(top.cursor).not.toBeNull();
    expect(await getGames(helix, { ids: [top.data[0]!.id] })).toEqual([top.data[0]]);
    const found = await searchChannels(helix, { query: 'streamer19', liveOnly: true });
    expect(found.data.map((c) => c.broadcasterLogin)).toEqual([]);
    const any = await searchChannels(helix, { query: 'streamer19' });
    expect(any.data.map((c) => c.broadcasterLogin)).toContain('streamer190');
    expect(any.data.every((c) => !c.isLive)).toBe(true);
    expect((await searchCategories(helix, { query: 'game 0' })).data.map((g) => g.name)).toContain('Game 07');
    const owner = userIdFor(channelLogin(4));
    const videos = await getVideos(helix, { userId: owner, type: 'archive' });
    expect(videos.data.length).toBeGreaterThan(0);
    expect(videos.data.every((v) => v.type === 'archive' && v.userId === owner && v.durationSeconds > 0)).toBe(true);
    const clips = await getClips(helix, { broadcasterId: owner, first: 5 });
    expect(clips.data).toHaveLength(5);
    expect(clips.cursor).not.toBeNull();
  });

  it('rejects a bad "first" with Twitch\'s 400', async () => {
    const { helix } = await helixFor();
    expect((await rejection(getTopGames(helix, { first: 500 }))).code).toBe(AddonErrorCodes.REQUEST_REJECTED);
  });

  it('answers 401 to an expired token, and the client renews once and retries with a rotated token', async () => {
    let now = Date.UTC(2026, 0, 1);
    world = await standInWorld({ now: () => now });
    const { server, oauth, dispatcher } = world;
    let tokens = { accessToken: '', refreshToken: '' };
    const issued = server.issueTokens({ expiresInSeconds: 60 });
    tokens = { accessToken: issued.accessToken, refreshToken: issued.refreshToken };
    const helix = new HelixClient({
      dispatcher,
      helixUrl: server.helixUrl,
      clientId: STAND_IN_CLIENT_ID,
      clock: new FakeClock(),
      accessToken: () => tokens.accessToken,
      onUnauthorized: async () => {
        const fresh = await refreshAccessToken(oauth, tokens.refreshToken);
        tokens = fresh;
        return fresh.accessToken;
      },
    });
    now += 120_000;
    const [me] = await getUsers(helix);
    expect(me!.login).toBe('viewer');
    expect(server.counters).toMatchObject({ helix: 2, 'helix-unauthorized': 1, 'helix-ok': 1, 'refresh-ok': 1 });
  });

  it('answers 429 with Ratelimit-Reset once the bucket is empty, and refills after a minute', async () => {
    let now = Date.UTC(2026, 0, 1);
    world = await standInWorld({ now: () => now, helixRateLimit: 2 });
    const { server, dispatcher } = world;
    const issued = server.issueTokens();
    const helix = new HelixClient({ dispatcher, helixUrl: server.helixUrl, clientId: STAND_IN_CLIENT_ID, accessToken: issued.accessToken, clock: new FakeClock(now), maxRateLimitWaitMs: 0 });
    await getTopGames(helix);
    await getTopGames(helix);
    expect(helix.lastRateLimit).toEqual({ limit: 2, remaining: 0, resetAtMs: now + 60_000 });
    const error = await rejection(getTopGames(helix));
    expect(error.code).toBe(AddonErrorCodes.RATE_LIMITED);
    // The reply's Date header is the reference, so the wait is the server's idea of it.
    expect(error.retryAfterMs).toBe(60_000);
    expect(server.count('helix-rate-limited')).toBe(1);
    now += 60_000;
    expect((await getTopGames(helix)).data.length).toBeGreaterThan(0);
  });

  it('answers 401 to a token of another Client-ID', async () => {
    world = await standInWorld();
    const issued = world.server.issueTokens({ clientId: 'otherclient' });
    const helix = new HelixClient({ dispatcher: world.dispatcher, helixUrl: world.server.helixUrl, clientId: STAND_IN_CLIENT_ID, accessToken: issued.accessToken, clock: new FakeClock() });
    expect((await rejection(getUsers(helix))).code).toBe(AddonErrorCodes.UNAUTHORIZED);
  });
});
