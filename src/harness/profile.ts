import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Kodi's userdata folder for a command: `--profile DIR`, else `KODI_SHIM_PROFILE`, else
 * `~/.kodi-shim/userdata` (created on first use).
 */
export function resolveProfile(flag: string | true | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  if (typeof flag === 'string') return resolve(cwd, flag);
  if (env.KODI_SHIM_PROFILE) return resolve(cwd, env.KODI_SHIM_PROFILE);
  return join(homedir(), '.kodi-shim', 'userdata');
}

/**
 * The add-on the harness runs: `--addon DIR`, else `KODI_SHIM_ADDON`, else the package this harness
 * ships in (its addon.xml sits at the package root).
 */
export function resolveAddonFolder(flag: string | true | undefined, env: Readonly<Record<string, string | undefined>>, cwd: string): string {
  if (typeof flag === 'string') return resolve(cwd, flag);
  if (env.KODI_SHIM_ADDON) return resolve(cwd, env.KODI_SHIM_ADDON);
  return packageRoot();
}

/**
 * The folder with this package's package.json, found by walking up from this module: it runs from
 * `src/harness`, from `dist/src/harness`, or bundled into `dist/chunks`.
 */
export function packageRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`no package.json above ${fileURLToPath(import.meta.url)}`);
    folder = parent;
  }
  return folder;
}
