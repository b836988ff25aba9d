import { join } from 'node:path';
import { writeFileAtomic } from '../host/atomic-write.js';
import { ErrorCodes, ShimError } from '../host/errors.js';
import type { SettingsSession, SettingsSessionOptions } from './settings-session.js';

/** Placeholder until the settings layer lands: untyped text values from a version 2 user file. */
export function openSettingsSession(options: SettingsSessionOptions): SettingsSession {
  const file = join(options.dataFolder, 'settings.xml');
  let values: Map<string, string> | undefined;
  const load = () => {
    if (values) return values;
    values = new Map();
    let text: string;
    try {
      text = options.fs.readFileSync(file, 'utf8') as string;
    } catch {
      return values;
    }
    for (const m of text.matchAll(/<setting id="([^"]+)"[^>]*?(?:\/>|>([^<]*)<\/setting>)/g)) values.set(m[1]!, m[2] ?? '');
    return values;
  };
  const save = async () => {
    const lines = [...load()].map(([id, v]) => `    <setting id="${id}">${v}</setting>`);
    options.fs.mkdirSync(options.dataFolder, { recursive: true });
    await writeFileAtomic(options.fs, file, `<settings version="2">\n${lines.join('\n')}\n</settings>\n`);
    options.onSaved();
  };
  const need = (id: string) => {
    const v = load().get(id);
    if (v === undefined) throw new ShimError(ErrorCodes.SETTING_UNKNOWN, `Unknown setting ${id}`);
    return v;
  };
  return {
    getText: (id) => load().get(id) ?? '',
    getBool: (id) => need(id) === 'true',
    getInt: (id) => Number.parseInt(need(id), 10),
    getNumber: (id) => Number(need(id)),
    getString: need,
    setText: async (id, text) => {
      load().set(id, text);
      await save();
    },
    setBool: async (id, v) => {
      load().set(id, String(v));
      await save();
    },
    setInt: async (id, v) => {
      load().set(id, String(v));
      await save();
    },
    setNumber: async (id, v) => {
      load().set(id, String(v));
      await save();
    },
    setString: async (id, v) => {
      load().set(id, v);
      await save();
    },
  };
}
