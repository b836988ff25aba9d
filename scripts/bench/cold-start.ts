import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate, timeProcess } from './measure.js';

/** Goal of the foundation issue: a plugin invocation costs at most twice a bare Node start. */
const GOAL_RATIO = 2.0;

/** `kodi-shim run plugin://plugin.video.twitch/ --json` against `node -e 0`, alternating. */
export async function benchColdStart(rounds = 21): Promise<string[]> {
  const root = resolve(fileURLToPath(import.meta.url), '../../../..');
  const cli = join(root, 'dist/src/harness/cli.js');
  const profile = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  try {
    const env = { ...process.env, KODI_SHIM_PROFILE: profile };
    const r = alternate(
      rounds,
      () => timeProcess(process.execPath, [cli, 'run', 'plugin://plugin.video.twitch/', '--json'], env),
      () => timeProcess(process.execPath, ['-e', '0'], env),
    );
    return [
      `cold start: kodi-shim run plugin://plugin.video.twitch/ --json  median ${r.subjectMs.toFixed(1)} ms`,
      `            node -e 0                                          median ${r.baselineMs.toFixed(1)} ms`,
      `            ratio ${r.ratio.toFixed(2)}x (goal <= ${GOAL_RATIO.toFixed(1)}x) ${r.ratio <= GOAL_RATIO ? 'MET' : 'NOT MET'}`,
    ];
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
