import { spawn } from 'node:child_process';
import * as realFs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { settingsRepoRoot } from '../helpers/settings-world.js';

const builtSettings = join(settingsRepoRoot, 'dist/src/settings/index.js');
const hasBuild = realFs.existsSync(builtSettings);
let work: string | undefined;
afterEach(() => {
  if (work) realFs.rmSync(work, { recursive: true, force: true });
});

/** One OS process that opens the settings, reads them, then saves `rounds` values of its own id. */
function writer(addonPath: string, dataFolder: string, id: string, rounds: number): Promise<number | null> {
  const script =
    `import fs from 'node:fs';` +
    `const { openSettingsSession } = await import(${JSON.stringify(pathToFileURL(builtSettings).href)});` +
    `const log = { warning() {}, error(m) { console.error(m); }, info() {}, debug() {} };` +
    `const s = openSettingsSession({ fs, log, addonId: 'x', addonPath: ${JSON.stringify(addonPath)}, ` +
    `dataFolder: ${JSON.stringify(dataFolder)}, onSaved() {} });` +
    `s.getText(${JSON.stringify(id)});` +
    `for (let i = 1; i <= ${rounds}; i++) await s.setText(${JSON.stringify(id)}, ${JSON.stringify(id)} + '-' + i);`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', reject);
    child.on('close', resolve);
  });
}

describe('separate OS processes saving one settings file', () => {
  it.skipIf(!hasBuild)('lose no value: four processes, five saves each, all last values on disk', async () => {
    work = realFs.mkdtempSync(join(tmpdir(), 'settings-procs-'));
    const addonPath = join(work, 'addon');
    const dataFolder = join(work, 'addon_data', 'x');
    realFs.mkdirSync(join(addonPath, 'resources'), { recursive: true });
    const ids = ['a', 'b', 'c', 'd'];
    realFs.writeFileSync(
      join(addonPath, 'resources/settings.xml'),
      `<settings>${ids.map((id) => `<setting id="${id}" type="text" default=""/>`).join('')}</settings>`,
    );
    const codes = await Promise.all(ids.map((id) => writer(addonPath, dataFolder, id, 5)));
    expect(codes).toEqual([0, 0, 0, 0]);
    const file = realFs.readFileSync(join(dataFolder, 'settings.xml'), 'utf8');
    for (const id of ids) expect(file).toContain(`<setting id="${id}">${id}-5</setting>`);
  });

  it.runIf(!hasBuild)('are skipped: build first (npm run build) to test real processes', () => {
    console.warn('settings-processes: dist/ not built; real-process test skipped');
  });
});
