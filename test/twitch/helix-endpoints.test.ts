import { afterEach, describe, expect, it } from 'vitest';
import { AddonError, AddonErrorCodes } from '../../addon/errors.js';
import {
  getClips,
  getFollowedChannels,
  getGames,
  getStreams,
  getUsers,
  getVideos,
  HelixClient,
  parseTwitchDuration,
  searchChannels,
  toTwitchStream,
} from '../../addon/twitch/index.js';
import { FakeClock } from '../../src/host/clock.js';
import { HELIX_ORIGIN, HELIX_URL, TwitchMock } from '../helpers/twitch-mock.js';

let mock: TwitchMock | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

function helixWith(body: unknown) {
  mock = new TwitchMock().script(HELIX_ORIGIN, 'GET', /^\/helix\//, { status: 200, body });
  return new HelixClient({ dispatcher: mock.agent, helixUrl: HELIX_URL, clientId: 'c', accessToken: 't', clock: new FakeClock() });
}

const stream = {
  id: '40952121085',
  user_id: '101051819',
  user_login: 'afro',
  user_name: 'Afro',
  game_id: '32982',
  game_name: 'Grand Theft Auto V',
  type: 'live',
  title: 'Jacob: Digital Den Laptops & Tablets',
  tags: ['English'],
  viewer_count: 1490,
  started_at: '2021-03-10T03:18:11Z',
  language: 'en',
  thumbnail_url: 'https://static-cdn.jtvnw.net/previews-ttv/live_user_afro-{width}x{height}.jpg',
  tag_ids: [],
  is_mature: false,
};

describe('typed Helix helpers', () => {
  it('getStreams sends the filters as repeated keys and maps each stream', async () => {
    const helix = helixWith({ data: [stream], pagination: { cursor: 'abc' } });
    const page = await getStreams(helix, { gameIds: ['1', '2'], languages: ['en'], first: 30, after: 'prev' });
    expect(mock!.requests[0]!.path).toBe('/helix/streams?game_id=1&game_id=2&language=en&first=30&after=prev');
    expect(page.cursor).toBe('abc');
    expect(page.data[0]).toEqual({
      id: '40952121085',
      userId: '101051819',
      userLogin: 'afro',
      userName: 'Afro',
      gameId: '32982',
      gameName: 'Grand Theft Auto V',
      title: 'Jacob: Digital Den Laptops & Tablets',
      viewerCount: 1490,
      startedAt: '2021-03-10T03:18:11Z',
      language: 'en',
      thumbnailUrl: 'https://static-cdn.jtvnw.net/previews-ttv/live_user_afro-{width}x{height}.jpg',
      isMature: false,
    });
  });

  it('names the field when a stream item is malformed', () => {
    expect(() => toTwitchStream({ ...stream, viewer_count: 'many' })).toThrowError(/"viewer_count" must be a number/);
    let thrown: unknown;
    try {
      toTwitchStream({ ...stream, user_id: 5 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AddonError);
    expect((thrown as AddonError).code).toBe(AddonErrorCodes.BAD_RESPONSE);
  });

  it('getUsers asks by id and login', async () => {
    const helix = helixWith({ data: [{ id: '1', login: 'a', display_name: 'A', type: '', broadcaster_type: 'partner', description: '', profile_image_url: 'p', offline_image_url: '' }] });
    const users = await getUsers(helix, { ids: ['1'], logins: ['a'] });
    expect(mock!.requests[0]!.path).toBe('/helix/users?id=1&login=a');
    expect(users[0]).toMatchObject({ id: '1', login: 'a', displayName: 'A', broadcasterType: 'partner', profileImageUrl: 'p' });
  });

  it('getFollowedChannels keeps Helix\'s total', async () => {
    const helix = helixWith({ total: 8, data: [{ broadcaster_id: '11', broadcaster_login: 'x', broadcaster_name: 'X', followed_at: '2022-05-24T22:22:08Z' }], pagination: {} });
    const page = await getFollowedChannels(helix, { userId: '9', first: 100 });
    expect(mock!.requests[0]!.path).toBe('/helix/channels/followed?user_id=9&first=100');
    expect(page.total).toBe(8);
    expect(page.data).toEqual([{ broadcasterId: '11', broadcasterLogin: 'x', broadcasterName: 'X', followedAt: '2022-05-24T22:22:08Z' }]);
  });

  it('getGames asks by id and name', async () => {
    const helix = helixWith({ data: [{ id: '33214', name: 'Fortnite', box_art_url: 'b-{width}x{height}.jpg', igdb_id: '1905' }] });
    expect(await getGames(helix, { ids: ['33214'], names: ['Fortnite'] })).toEqual([{ id: '33214', name: 'Fortnite', boxArtUrl: 'b-{width}x{height}.jpg' }]);
    expect(mock!.requests[0]!.path).toBe('/helix/games?id=33214&name=Fortnite');
  });

  it('searchChannels sends live_only', async () => {
    const helix = helixWith({ data: [{ id: '1', broadcaster_login: 'a', display_name: 'A', is_live: true, started_at: '' }], pagination: {} });
    const page = await searchChannels(helix, { query: 'a', liveOnly: true });
    expect(mock!.requests[0]!.path).toBe('/helix/search/channels?query=a&live_only=true');
    expect(page.data[0]).toMatchObject({ isLive: true, startedAt: '' });
  });

  it('getVideos reads Twitch\'s duration notation into seconds', async () => {
    const helix = helixWith({ data: [{ id: 'v', user_id: 'u', duration: '3h8m33s', view_count: 5, type: 'archive' }], pagination: {} });
    const page = await getVideos(helix, { userId: 'u', type: 'archive' });
    expect(mock!.requests[0]!.path).toBe('/helix/videos?user_id=u&type=archive');
    expect(page.data[0]).toMatchObject({ durationSeconds: 11_313, viewCount: 5, type: 'archive' });
  });

  it('getClips keeps the fractional duration', async () => {
    const helix = helixWith({ data: [{ id: 'c', broadcaster_id: 'b', duration: 12.9, view_count: 1 }], pagination: {} });
    expect((await getClips(helix, { gameId: 'g' })).data[0]).toMatchObject({ durationSeconds: 12.9, broadcasterId: 'b' });
    expect(mock!.requests[0]!.path).toBe('/helix/clips?game_id=g');
  });
});

describe('parseTwitchDuration', () => {
  it.each([
    ['1h2m3s', 3723],
    ['45m', 2700],
    ['59s', 59],
    ['', 0],
    ['PT1H', 0],
  ])('reads %j as %i s', (text, seconds) => {
    expect(parseTwitchDuration(text)).toBe(seconds);
  });
});
