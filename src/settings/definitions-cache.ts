import { dirname } from 'node:path';
import type { HostFs } from '../host/fs.js';
import { emptyDefinitions, parseSettingsDefinitions, type SettingsDefinitions } from './settings-definitions.js';

/** Bumped whenever the shape of `SettingsDefinitions` changes, so old caches are ignored. */
const CACHE_FORMAT = 1;

interface CacheFile {
  format: number;
  source: string;
  sizeBytes: number;
  mtimeMs: number;
  definitions: SettingsDefinitions;
}

export interface LoadDefinitionsOptions {
  fs: HostFs;
  /** The add-on's `resources/settings.xml`. */
  file: string;
  /**
   * Where parsed definitions are kept between processes (JSON, keyed by the source's size and mtime);
   * `undefined` = no cache. Its folder is created when missing.
   */
  cacheFile?: string;
}

/** Where the definitions came from, for the benchmark and the log. */
export type DefinitionsSource = 'cache' | 'parsed' | 'missing';

/**
 * Loads an add-on's setting definitions synchronously (Kodi's getters are synchronous): from the cache
 * when the source file's size and mtime match, else parsed (and the cache refreshed). An add-on without
 * a settings.xml has no definitions. Throws `SETTINGS_XML` for a source that cannot be parsed.
 */
export function loadSettingsDefinitions(options: LoadDefinitionsOptions): {
  definitions: SettingsDefinitions;
  source: DefinitionsSource;
} {
  const { fs, file, cacheFile } = options;
  let stat: { size: number; mtimeMs: number };
  try {
    stat = fs.statSync(file);
  } catch {
    return { definitions: emptyDefinitions(), source: 'missing' };
  }
  if (cacheFile) {
    const cached = readCache(fs, cacheFile);
    if (cached && cached.source === file && cached.sizeBytes === stat.size && cached.mtimeMs === stat.mtimeMs) {
      return { definitions: cached.definitions, source: 'cache' };
    }
  }
  const definitions = parseSettingsDefinitions(fs.readFileSync(file, 'utf8') as string, file);
  if (cacheFile) {
    const entry: CacheFile = { format: CACHE_FORMAT, source: file, sizeBytes: stat.size, mtimeMs: stat.mtimeMs, definitions };
    writeCache(fs, cacheFile, JSON.stringify(entry));
  }
  return { definitions, source: 'parsed' };
}

function readCache(fs: HostFs, cacheFile: string): CacheFile | undefined {
  try {
    const entry = JSON.parse(fs.readFileSync(cacheFile, 'utf8') as string) as CacheFile;
    return entry.format === CACHE_FORMAT && Array.isArray(entry.definitions?.settings) ? entry : undefined;
  } catch {
    // Missing, half-written by a crashed writer, or from another version: parse again.
    return undefined;
  }
}

/** Temporary file then rename, synchronously (loading is synchronous); a cache that cannot be written is skipped. */
function writeCache(fs: HostFs, cacheFile: string, text: string): void {
  const temp = `${cacheFile}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  try {
    fs.mkdirSync(dirname(cacheFile), { recursive: true });
    fs.writeFileSync(temp, text);
    fs.renameSync(temp, cacheFile);
  } catch {
    try {
      fs.unlinkSync(temp);
    } catch {
      // Nothing was left behind.
    }
  }
}
