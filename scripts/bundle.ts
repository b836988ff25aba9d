import { build } from 'esbuild';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Bundles the `kodi-shim` command and the add-on's two entry points over what `tsc` emitted, so that
 * a plugin invocation loads a handful of files instead of some sixty modules: in Node 20 each ES
 * module costs its share of a start that must stay within twice a bare `node -e 0`. Sub-commands,
 * routes and npm packages stay separate and load on first use.
 */
export async function bundle(root: string): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: ['src/harness/cli.ts', 'addon/plugin.ts', 'addon/service.ts'],
    outdir: 'dist',
    outbase: '.',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // npm packages load from node_modules on first use (undici, ajv, xml2js, proper-lockfile).
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await bundle(resolve(fileURLToPath(import.meta.url), '../../..'));
}
