import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AddonManifest } from '../host/addon-manifest.js';
import { ErrorCodes, ShimError } from '../host/errors.js';
import type { AddonEntry } from '../kodi/index.js';

// Running from TypeScript sources (tests) the add-on's `.ts` library is imported as it is; running
// the built harness, the same library is taken from the add-on's `dist/` folder.
const runningFromSource = import.meta.url.endsWith('.ts');

/** The file to import for `library` (from addon.xml) of the add-on in `manifest.path`. */
export function entryModulePath(manifest: AddonManifest, library: string): string {
  if (library.endsWith('.ts') && !runningFromSource) {
    return join(manifest.path, 'dist', library.replace(/\.ts$/, '.js'));
  }
  return join(manifest.path, library);
}

/** Imports an add-on entry module and returns its default export. */
export async function loadAddonEntry(manifest: AddonManifest, kind: 'plugin' | 'service'): Promise<AddonEntry> {
  const library = kind === 'plugin' ? manifest.pluginLibrary : manifest.serviceLibrary;
  if (!library) {
    throw new ShimError(ErrorCodes.UNKNOWN_ADDON, `${manifest.id} has no ${kind} entry point in addon.xml`);
  }
  const file = entryModulePath(manifest, library);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(file).href)) as { default?: unknown };
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
    throw new ShimError(
      ErrorCodes.UNKNOWN_ADDON,
      missing ? `cannot find ${file} (run 'npm install' to build the add-on)` : `cannot load ${file}: ${(cause as Error).message}`,
      { cause },
    );
  }
  if (typeof module.default !== 'function') {
    throw new ShimError(ErrorCodes.UNKNOWN_ADDON, `${file} has no default export function`);
  }
  return module.default as AddonEntry;
}
