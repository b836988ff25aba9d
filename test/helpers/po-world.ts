import { Volume, createFsFromVolume } from 'memfs';
import type { HostFs } from '../../src/host/fs.js';
import { FakeClock } from '../../src/host/clock.js';
import { HostLog } from '../../src/host/log.js';

export const ADDON_PATH = '/addons/plugin.video.example';

/** An add-on folder on memfs with the given `resource.language.*` folders → strings.po text. */
export function addonWithLanguages(files: Record<string, string | Uint8Array>): { fs: HostFs; log: HostLog; reads: string[] } {
  const volume = new Volume();
  volume.mkdirSync(`${ADDON_PATH}/resources/language`, { recursive: true });
  for (const [folder, content] of Object.entries(files)) {
    volume.mkdirSync(`${ADDON_PATH}/resources/language/${folder}`, { recursive: true });
    volume.writeFileSync(`${ADDON_PATH}/resources/language/${folder}/strings.po`, content);
  }
  const memfs = createFsFromVolume(volume) as unknown as HostFs;
  const reads: string[] = [];
  // Counts file reads, to show that loading waits for the first lookup.
  const fs = new Proxy(memfs, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key === 'readFileSync' && typeof value === 'function') {
        return (...args: unknown[]) => {
          reads.push(String(args[0]));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return value;
    },
  });
  return { fs, log: new HostLog({ clock: new FakeClock() }), reads };
}
