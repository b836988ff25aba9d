import * as realFs from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFsFromVolume, Volume } from 'memfs';
import type { Dispatcher } from 'undici';
import type { Clock } from '../../src/host/clock.js';
import type { HostFs } from '../../src/host/fs.js';
import { Host } from '../../src/host/host.js';
import { ScriptedUi, type ScriptedAnswers } from '../../src/host/ui.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const echoAddon = join(repoRoot, 'test/fixtures/echo-addon');
/** The shared corpus, when this checkout has one beside it. */
export const corpusRoot = resolve(repoRoot, '../shared/corpus');
export const hasCorpus = realFs.existsSync(corpusRoot);

/** A fresh in-memory filesystem, shaped like node's fs. */
export function memoryFs(): HostFs {
  return createFsFromVolume(new Volume()) as unknown as HostFs;
}

/**
 * Copies an add-on's addon.xml and resources/ from disk into `fs` at the same path, so that a host on
 * memfs finds them where Kodi would (the code itself is still imported from disk).
 */
export function copyAddonInto(fs: HostFs, folder: string): void {
  const copy = (path: string) => {
    const stat = realFs.statSync(path);
    if (stat.isDirectory()) {
      fs.mkdirSync(path, { recursive: true });
      for (const name of realFs.readdirSync(path)) copy(join(path, name));
    } else {
      fs.mkdirSync(dirname(path), { recursive: true });
      fs.writeFileSync(path, realFs.readFileSync(path));
    }
  };
  copy(join(folder, 'addon.xml'));
  if (realFs.existsSync(join(folder, 'resources'))) copy(join(folder, 'resources'));
}

export interface TestHostOptions {
  fs?: HostFs;
  clock?: Clock;
  answers?: ScriptedAnswers;
  dispatcher?: Dispatcher;
  addon?: string;
  profile?: string;
  language?: string;
  env?: Record<string, string | undefined>;
  debug?: boolean;
}

/**
 * One simulated Kodi process over `fs` (a new memfs by default) with the add-on installed. Hosts made
 * over the same `fs` share nothing but the files, like Kodi's plugin and service processes.
 */
export function createTestHost(options: TestHostOptions = {}): Host & { ui: ScriptedUi } {
  const fs = options.fs ?? memoryFs();
  const addon = options.addon ?? repoRoot;
  if (fs !== (realFs as unknown as HostFs) && !fs.existsSync(join(addon, 'addon.xml'))) copyAddonInto(fs, addon);
  const host = new Host({
    fs,
    roots: { profile: options.profile ?? '/kodi/userdata' },
    clock: options.clock,
    ui: new ScriptedUi(options.answers),
    dispatcher: options.dispatcher,
    language: options.language,
    env: options.env,
    log: { debug: options.debug ?? true },
  });
  host.installAddon(addon);
  return host as Host & { ui: ScriptedUi };
}

/** The path of `file` relative to the repo, for messages. */
export function repoPath(file: string): string {
  return relative(repoRoot, file);
}
