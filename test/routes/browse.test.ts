import { afterEach, describe, expect, it } from 'vitest';
import { runPlugin } from '../../src/harness/invoke.js';
import { AuthWorld, settingsV2 } from '../helpers/auth-world.js';

let world: AuthWorld;
afterEach(async () => world?.close());

const PLUGIN = 'plugin://plugin.video.twitch/';

async function loggedIn(answers = {}) {
  world = await AuthWorld.start();
  world.storeIssuedLogin(3600);
  world.writeSettings(settingsV2({ items_per_page: '10' }));
  return world.process({ answers });
}

describe('browsing', () => {
  it('lists live streams by viewers, ten a page, and the next page continues', async () => {
    const p = await loggedIn();
    const first = await runPlugin(p.host, `${PLUGIN}?mode=stream_list`);
    expect(first.succeeded).toBe(true);
    expect(first.items.filter((i) => i.isPlayable)).toHaveLength(10);
    const next = first.items.at(-1)!;
    expect(next).toMatchObject({ isFolder: true, item: expect.objectContaining({ label: 'Next page' }) });
    const second = await runPlugin(p.host, next.url);
    const urls = new Set(first.items.map((i) => i.url));
    expect(second.items.filter((i) => i.isPlayable).every((i) => !urls.has(i.url))).toBe(true);
  });

  it('lists top games, and a game opens its live streams', async () => {
    const p = await loggedIn();
    const games = await runPlugin(p.host, `${PLUGIN}?mode=games`);
    expect(games.succeeded).toBe(true);
    const game = games.items[0]!;
    expect(game.url).toMatch(/mode=game_streams&game_id=\d+&game_name=/);
    const streams = await runPlugin(p.host, game.url);
    expect(streams.succeeded).toBe(true);
    const gameName = new URL(game.url.replace('plugin://', 'http://')).searchParams.get('game_name');
    for (const entry of streams.items.filter((i) => i.isPlayable)) expect(entry.item.label2).toBe(gameName);
  });

  it('asks for the words of a search and lists the live channels found in the same directory', async () => {
    const p = await loggedIn({ input: ['streamer01'] });
    const menu = await runPlugin(p.host, `${PLUGIN}?mode=search`);
    expect(menu.items.map((i) => i.item.label)).toEqual(['Channels', 'Games']);
    const found = await runPlugin(p.host, menu.items[0]!.url);
    expect(found.succeeded).toBe(true);
    expect(found.dialogs[0]).toMatchObject({ kind: 'input', heading: 'Search' });
    const live = found.items.filter((i) => i.isPlayable);
    expect(live.length).toBeGreaterThan(0);
    expect(live.every((i) => /streamer01/i.test(i.item.label))).toBe(true);
  });

  it('searches games too', async () => {
    const p = await loggedIn({ input: ['Game 1'] });
    const found = await runPlugin(p.host, `${PLUGIN}?mode=new_search&content=games`);
    expect(found.items.length).toBeGreaterThan(0);
    expect(found.items.every((i) => i.isFolder)).toBe(true);
  });

  it('stays where it was when the search is cancelled', async () => {
    const p = await loggedIn();
    const result = await runPlugin(p.host, `${PLUGIN}?mode=new_search&content=channels`);
    expect(result.succeeded).toBe(false);
    expect(result.failure).toBeNull();
    expect(world.server.count('helix')).toBe(0);
  });

  it('refuses a search of something it cannot search', async () => {
    const p = await loggedIn();
    const result = await runPlugin(p.host, `${PLUGIN}?mode=search_results&content=../../etc&query=x`);
    expect(result.succeeded).toBe(false);
    expect(result.badRequest).toMatch(/search \.\.\/\.\.\/etc/);
  });
});
