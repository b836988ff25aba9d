import type { StringTable, StringTableOptions } from './string-table.js';

export * from './string-table.js';

/** Placeholder until the language layer lands: every lookup is `""`, as Kodi with no files. */
export function loadStringTable(_options: StringTableOptions): StringTable {
  return { get: () => '' };
}
