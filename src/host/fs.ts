import nodeFs from 'node:fs';

/**
 * The filesystem the host injects: node's `fs` module or anything shaped like it (a memfs volume's
 * `createFsFromVolume(vol)` in tests). Callback, promise and sync forms are all used: proper-lockfile
 * needs the callback form, settings load on first use needs the sync form.
 */
export type HostFs = typeof nodeFs;

// The default export, not the namespace: proper-lockfile caches a property on the fs object it is
// given, and an ES module namespace object cannot take one.
/** The real filesystem. */
export const realFs: HostFs = nodeFs;
