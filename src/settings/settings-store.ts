import { join } from 'node:path';
import { ErrorCodes, ShimError } from '../host/errors.js';
import { evaluateCondition } from './setting-conditions.js';
import { checkValueText, formatCppNumber, valueKindOf, type ValueKind } from './setting-value.js';
import { loadSettingsDefinitions } from './definitions-cache.js';
import { emptyDefinitions, type SettingDefinition, type SettingsDefinitions } from './settings-definitions.js';
import type { SettingsSession, SettingsSessionOptions } from './settings-session.js';
import {
  parseUserValues,
  resolveUserValues,
  serializeUserValues,
  type SettingValueState,
  type UserValuesFile,
} from './settings-values.js';
import { XmlSyntaxError } from '../host/xml-lite.js';

// The user's values include the tokens the add-on mirrors for the Python add-on: owner-only, like the token file.
const USER_FILE_MODE = 0o600;

/** The name of the user values file inside the add-on's data folder. */
export const USER_SETTINGS_FILE = 'settings.xml';

/** Opens one add-on's settings as one `Addon` object sees them; nothing is read until first use. */
export function openSettingsSession(options: SettingsSessionOptions): SettingsSession {
  return new SettingsStore(options);
}

type ReadResult = { kind: 'missing' } | { kind: 'ok'; file: UserValuesFile } | { kind: 'corrupt'; reason: string };

class SettingsStore implements SettingsSession {
  readonly #options: SettingsSessionOptions;
  readonly #file: string;
  #definitions: SettingsDefinitions | undefined;
  #byId = new Map<string, SettingDefinition>();
  #state: SettingValueState | undefined;
  /** Ids this copy changed since it last loaded or saved, with their new text. */
  readonly #changed = new Map<string, string>();
  #saving: Promise<void> = Promise.resolve();

  constructor(options: SettingsSessionOptions) {
    this.#options = options;
    this.#file = join(options.dataFolder, USER_SETTINGS_FILE);
  }

  definitions(): SettingsDefinitions {
    if (!this.#definitions) {
      const cacheFile = this.#options.definitionsCacheFile ?? undefined;
      let definitions: SettingsDefinitions;
      try {
        ({ definitions } = loadSettingsDefinitions({
          fs: this.#options.fs,
          file: join(this.#options.addonPath, 'resources', 'settings.xml'),
          cacheFile,
        }));
      } catch (error) {
        if (!(error instanceof ShimError)) throw error;
        // Kodi loads no definitions from a broken file; the stored values still read as text and are kept.
        this.#options.log.error(`${error.message}; the add-on's settings have no definitions`);
        definitions = emptyDefinitions();
      }
      for (const warning of definitions.warnings) this.#options.log.warning(warning);
      this.#definitions = definitions;
      this.#byId = new Map(definitions.settings.map((d) => [d.id, d]));
    }
    return this.#definitions;
  }

  definition(id: string): SettingDefinition | undefined {
    this.definitions();
    return this.#byId.get(id);
  }

  #load(): SettingValueState {
    if (this.#state) return this.#state;
    const definitions = this.definitions();
    const read = this.#readUserFile();
    this.#state = resolveUserValues(definitions, read.kind === 'ok' ? read.file : undefined, (id, reason) =>
      this.#options.log.warning(
        `Setting "${id}" in ${this.#file}: the stored value is ${reason}; using the default (the stored text is kept)`,
      ),
    );
    return this.#state;
  }

  #readUserFile(): ReadResult {
    let text: string;
    try {
      text = this.#options.fs.readFileSync(this.#file, 'utf8') as string;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      this.#options.log.error(`Cannot read ${this.#file} (${reason}); using the defaults`);
      return { kind: 'corrupt', reason };
    }
    try {
      return { kind: 'ok', file: parseUserValues(text) };
    } catch (error) {
      const reason = error instanceof XmlSyntaxError || error instanceof ShimError ? error.message : String(error);
      this.#options.log.error(`${this.#file} is not a valid settings file (${reason}); using the defaults`);
      return { kind: 'corrupt', reason };
    }
  }

  getText(id: string): string {
    const state = this.#load();
    return state.values.get(id) ?? state.unknown.get(id)?.text ?? '';
  }

  #typed(id: string, wanted: ValueKind, name: string): string {
    const state = this.#load();
    const definition = this.#byId.get(id);
    if (!definition) {
      const unknown = state.unknown.get(id);
      // A value without a definition is an on-the-fly hidden string setting, as in Kodi.
      if (unknown !== undefined && wanted === 'string') return unknown.text;
      throw new ShimError(ErrorCodes.SETTING_UNKNOWN, `The add-on has no setting "${id}"`);
    }
    const kind = valueKindOf(definition.type);
    if (kind !== wanted) {
      throw new ShimError(ErrorCodes.SETTING_TYPE, `Setting "${id}" is of type ${definition.type}, not ${name}`);
    }
    return state.values.get(id) ?? definition.default;
  }

  getBool(id: string): boolean {
    return this.#typed(id, 'boolean', 'boolean') === 'true';
  }

  getInt(id: string): number {
    return Number(this.#typed(id, 'integer', 'integer'));
  }

  getNumber(id: string): number {
    return Number(this.#typed(id, 'number', 'number'));
  }

  getString(id: string): string {
    return this.#typed(id, 'string', 'string');
  }

  getSettings(): Map<string, string> {
    const state = this.#load();
    const all = new Map(state.values);
    for (const [id, { text }] of state.unknown) if (!all.has(id)) all.set(id, text);
    return all;
  }

  isEnabled(id: string): boolean {
    const condition = this.definition(id)?.enable;
    return condition ? evaluateCondition(condition, (other) => this.#lookup(other)) : true;
  }

  isVisible(id: string): boolean {
    const definition = this.definition(id);
    if (!definition || definition.hidden) return false;
    return definition.visibleWhen ? evaluateCondition(definition.visibleWhen, (other) => this.#lookup(other)) : true;
  }

  #lookup(id: string): { text: string; type: string } | undefined {
    const definition = this.#byId.get(id);
    return definition ? { text: this.getText(id), type: definition.type } : undefined;
  }

  async setText(id: string, text: string): Promise<void> {
    const state = this.#load();
    const definition = this.#byId.get(id);
    if (definition) {
      const checked = checkValueText(definition, text);
      if (!checked.ok) {
        // Kodi's setSetting ignores such a value without telling the caller; we at least log it.
        this.#options.log.warning(`setSetting("${id}") ignored: the value is ${checked.reason}`);
        return;
      }
      this.#apply(state, id, checked.text);
    } else {
      // Kodi creates an unknown id on the fly as a hidden string setting.
      this.#apply(state, id, text);
    }
    await this.#save();
  }

  async #setTyped(id: string, wanted: ValueKind, text: string): Promise<void> {
    const state = this.#load();
    const definition = this.#byId.get(id);
    if (!definition) throw new ShimError(ErrorCodes.SETTING_UNKNOWN, `The add-on has no setting "${id}"`);
    if (valueKindOf(definition.type) !== wanted) {
      throw new ShimError(ErrorCodes.SETTING_TYPE, `Setting "${id}" is of type ${definition.type}, not ${wanted}`);
    }
    const checked = checkValueText(definition, text);
    if (!checked.ok) throw new ShimError(ErrorCodes.SETTING_VALUE, `Setting "${id}": the value is ${checked.reason}`);
    this.#apply(state, id, checked.text);
    await this.#save();
  }

  setBool(id: string, value: boolean): Promise<void> {
    if (typeof value !== 'boolean') return Promise.reject(typeError(id, 'a boolean'));
    return this.#setTyped(id, 'boolean', String(value));
  }

  setInt(id: string, value: number): Promise<void> {
    if (!Number.isInteger(value)) return Promise.reject(typeError(id, 'a whole number'));
    return this.#setTyped(id, 'integer', String(value));
  }

  setNumber(id: string, value: number): Promise<void> {
    if (typeof value !== 'number') return Promise.reject(typeError(id, 'a number'));
    return this.#setTyped(id, 'number', formatCppNumber(value));
  }

  setString(id: string, value: string): Promise<void> {
    if (typeof value !== 'string') return Promise.reject(typeError(id, 'a string'));
    return this.#setTyped(id, 'string', value);
  }

  #apply(state: SettingValueState, id: string, text: string): void {
    this.#changed.set(id, text);
    applyChange(state, this.#byId.has(id), id, text);
  }

  /** Saves one at a time per copy; every save, successful or not, is followed by the next. */
  #save(): Promise<void> {
    const run = this.#saving.then(() => this.#saveNow());
    this.#saving = run.catch(() => undefined);
    return run;
  }

  async #saveNow(): Promise<void> {
    // An earlier save in the chain already wrote every change made before it ran.
    if (this.#changed.size === 0 && (this.#options.writeMode ?? 'merge') === 'merge') return;
    const { fs, dataFolder } = this.#options;
    // Loaded on the first save only: proper-lockfile alone costs ~18 ms of a plugin's cold start, and
    // most invocations only read their settings.
    const [{ writeFileAtomic }, { withFileLock }] = await Promise.all([import('../host/atomic-write.js'), import('../host/file-lock.js')]);
    const definitions = this.definitions();
    // Changes made while this save runs belong to the next save.
    const saving = new Map(this.#changed);
    await fs.promises.mkdir(dataFolder, { recursive: true });
    if ((this.#options.writeMode ?? 'merge') === 'kodi') {
      if (this.#readUserFile().kind === 'corrupt') await this.#moveAside();
      await writeFileAtomic(fs, this.#file, serializeUserValues(definitions, this.#load()), { mode: USER_FILE_MODE });
    } else {
      const lockOptions = { fs, ...(this.#options.lockWaitMs === undefined ? {} : { waitMs: this.#options.lockWaitMs }) };
      await withFileLock(this.#file, lockOptions, async (lock) => {
        const read = this.#readUserFile();
        // Judged now, under the lock: another process may have replaced a file that was corrupt at load.
        if (read.kind === 'corrupt') await this.#moveAside();
        // Another process may have saved since we loaded: start from the file, apply only our changes.
        const fresh = resolveUserValues(definitions, read.kind === 'ok' ? read.file : undefined, () => undefined);
        for (const [id, text] of saving) applyChange(fresh, this.#byId.has(id), id, text);
        await writeFileAtomic(fs, this.#file, serializeUserValues(definitions, fresh), { signal: lock.signal, mode: USER_FILE_MODE });
        for (const [id, text] of this.#changed) if (saving.get(id) !== text) applyChange(fresh, this.#byId.has(id), id, text);
        this.#state = fresh;
      });
    }
    for (const [id, text] of saving) if (this.#changed.get(id) === text) this.#changed.delete(id);
    this.#options.onSaved();
  }

  /** A user file we could not read is kept as `settings.xml.corrupt-<UTC timestamp>`, never overwritten. */
  async #moveAside(): Promise<void> {
    const { fs } = this.#options;
    if (!fs.existsSync(this.#file)) return;
    const stamp = new Date((this.#options.now ?? Date.now)()).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
    let target = `${this.#file}.corrupt-${stamp}`;
    for (let n = 1; fs.existsSync(target); n++) target = `${this.#file}.corrupt-${stamp}-${n}`;
    await fs.promises.rename(this.#file, target);
    this.#options.log.error(`Moved the unreadable ${this.#file} aside to ${target}`);
  }
}

function applyChange(state: SettingValueState, defined: boolean, id: string, text: string): void {
  state.openCloseEmpty.delete(id);
  if (defined) {
    state.values.set(id, text);
    state.keptInvalid.delete(id);
    return;
  }
  const existing = state.unknown.get(id);
  // Kodi's on-the-fly setting takes its first value as its default.
  state.unknown.set(id, { text, isDefault: existing ? existing.text === text && existing.isDefault : true });
}

function typeError(id: string, what: string): ShimError {
  return new ShimError(ErrorCodes.SETTING_TYPE, `Setting "${id}" needs ${what}`);
}
