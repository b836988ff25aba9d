import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { median } from './measure.js';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Runs per variant; the median is reported. */
const RUNS = 15;

/** The package root, from `dist/scripts/bench/` (built) or `scripts/bench/`. */
function packageRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  return here.includes(`${join('dist', 'scripts')}`) ? resolve(here, '../../..') : resolve(here, '../..');
}

/** A user file in the shape Kodi 21 writes, for this add-on. */
const USER_FILE = `<settings version="2">
    <setting id="oauth_refresh_token">benchrefresh000000000000000000000000000000000000000</setting>
    <setting id="oauth_token_expiry">1780000000.0</setting>
    <setting id="oauth_token_helix">benchaccess00000000000000000000</setting>
    <setting id="menu_search">false</setting>
    <setting id="items_per_page">50</setting>
</settings>
`;

function childScript(root: string, dataFolder: string, cache: boolean): string {
  const settings = pathToFileURL(join(root, 'dist/src/settings/index.js')).href;
  const options = JSON.stringify({ addonId: 'plugin.video.twitch', addonPath: root, dataFolder, definitionsCacheFile: cache ? `${dataFolder}/cache/settings-definitions.json` : null });
  return (
    `import fs from 'node:fs';` +
    `const started = performance.now();` +
    `const { openSettingsSession } = await import(${JSON.stringify(settings)});` +
    `const quiet = { warning() {}, error() {}, info() {}, debug() {} };` +
    `const s = openSettingsSession({ ...${options}, fs, log: quiet, onSaved() {} });` +
    `if (s.getInt('items_per_page') !== 50) process.exit(3);` +
    `console.log((performance.now() - started).toFixed(3));`
  );
}

/** Wall time of one fresh process, and what it printed (the in-process time of the settings load). */
function timeNode(args: string[]): { wallMs: number; innerMs: number } {
  const started = performance.now();
  const result = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`bench child failed (${result.status}): ${result.stderr.toString().trim()}`);
  return { wallMs, innerMs: Number(result.stdout.toString().trim()) || 0 };
}


/**
 * Times, in fresh processes alternating with a bare `node -e 0`, loading this add-on's definitions and
 * a user file through the built settings layer: with the definitions cache (the normal case) and
 * without it (xml2js parses). Needs `npm run build` first. Returns printable lines.
 */
export async function benchSettings(): Promise<string[]> {
  const root = packageRoot();
  const work = mkdtempSync(join(tmpdir(), 'settings-bench-'));
  try {
    const dataFolder = join(work, 'addon_data', 'plugin.video.twitch');
    mkdirSync(dataFolder, { recursive: true });
    writeFileSync(join(dataFolder, 'settings.xml'), USER_FILE);
    const cached = ['--input-type=module', '-e', childScript(root, dataFolder, true)];
    const uncached = ['--input-type=module', '-e', childScript(root, dataFolder, false)];
    timeNode(cached); // fills the definitions cache
    const bare: number[] = [];
    const withCache: Array<{ wallMs: number; innerMs: number }> = [];
    const withoutCache: Array<{ wallMs: number; innerMs: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timeNode(['-e', '0']).wallMs);
      withCache.push(timeNode(cached));
      withoutCache.push(timeNode(uncached));
    }
    const base = median(bare);
    const line = (name: string, runs: Array<{ wallMs: number; innerMs: number }>) => {
      const m = median(runs.map((r) => r.wallMs));
      const inner = median(runs.map((r) => r.innerMs));
      return `${name.padEnd(44)} ${m.toFixed(1).padStart(7)} ms   ×${(m / base).toFixed(2)}   (import + load inside: ${inner.toFixed(1)} ms)`;
    };
    return [
      `settings: median of ${RUNS} fresh processes each`,
      `${'node -e 0'.padEnd(44)} ${base.toFixed(1).padStart(7)} ms   ×1.00`,
      line('load definitions + user file (cache)', withCache),
      line('load definitions + user file (no cache)', withoutCache),
    ];
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const l of await benchSettings()) console.log(l);
}
