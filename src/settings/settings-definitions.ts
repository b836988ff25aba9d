import { createRequire } from 'node:module';
import type * as Xml2js from 'xml2js';
import { ErrorCodes, ShimError } from '../host/errors.js';
import { parseLegacyCondition, type ConditionTarget, type SettingCondition } from './setting-conditions.js';
import { formatCppNumber, parseBooleanText, parseIntegerText, parseNumberText, valueKindOf } from './setting-value.js';
import { assertNoEntityDeclarations, escapeBareAmpersands } from '../host/xml-lite.js';

/** A label: a numeric string id (looked up in strings.po) or literal text; `""` for none. */
export type SettingLabel = number | string;

export interface SettingOption {
  label: SettingLabel;
  /** The stored value: the option's index or value for integers, its text for strings. */
  value: string;
}

export interface SettingConstraints {
  options?: SettingOption[];
  /** Name of a Kodi options filler (`languages`, `fileenums`…) that supplies options at run time. */
  optionsFiller?: string;
  minimum?: number;
  step?: number;
  maximum?: number;
  allowEmpty?: boolean;
}

/** One setting, after Kodi's conversion of the legacy format. */
export interface SettingDefinition {
  id: string;
  /** Kodi's type: boolean, integer, number, string, path, date, time, addon, urlencodedstring, action, list[…]. */
  type: string;
  /** The legacy `type` attribute it came from, when it came from the legacy format. */
  legacyType?: string;
  /** The default as the canonical text Kodi writes (`true`, `25`, `0.5`). */
  default: string;
  label: SettingLabel;
  /** Kodi's level: 0 basic … 3 expert, 4 internal. */
  level: number;
  /** Not shown in the settings dialog (`visible="false"`, level 4, or a legacy setting without a type). */
  hidden: boolean;
  /** Input is masked (`option="hidden"`): a password or token. */
  masked: boolean;
  constraints: SettingConstraints;
  /** Built-in to run, as written: `$ID` / `$CWD` still in place (see `resolveAction`). */
  action?: string;
  /** The action closes the settings dialog first (`option="close"`). */
  closeDialog: boolean;
  categoryId: string;
  categoryLabel: SettingLabel;
  groupId: string;
  /** A legacy `subsetting` hangs under this setting. */
  parent?: string;
  enable?: SettingCondition;
  visibleWhen?: SettingCondition;
}

/** A second appearance of an id already defined: Kodi shows it again but it shares the first's value. */
export interface SettingReference {
  id: string;
  categoryId: string;
  groupId: string;
}

export interface SettingsCategory {
  id: string;
  label: SettingLabel;
}

/** Everything one `resources/settings.xml` defines. */
export interface SettingsDefinitions {
  /** 0 = legacy format, 1 or more = the new format. */
  formatVersion: number;
  /** Settings in document order (legacy: those directly under `<settings>` first), one per id. */
  settings: SettingDefinition[];
  references: SettingReference[];
  categories: SettingsCategory[];
  /** What was skipped or could not be read, each naming the file and the setting. */
  warnings: string[];
}

/** Definitions for an add-on that has no settings.xml: every value is an on-the-fly hidden string. */
export function emptyDefinitions(): SettingsDefinitions {
  return { formatVersion: 0, settings: [], references: [], categories: [], warnings: [] };
}

/** A definition's action with `$ID` and `$CWD` replaced, as Kodi does before running it. */
export function resolveAction(definition: SettingDefinition, addon: { id: string; path: string }): string | undefined {
  return definition.action?.split('$CWD').join(addon.path).split('$ID').join(addon.id);
}

interface XmlNode {
  $?: Record<string, string>;
  _?: string;
  [child: string]: unknown;
}

/**
 * Parses the text of a `resources/settings.xml` (legacy or `version="1"`) into definitions. `file`
 * names the source in warnings and errors. Throws `SETTINGS_XML` when the text is not usable XML.
 */
export function parseSettingsDefinitions(text: string, file: string): SettingsDefinitions {
  assertNoEntityDeclarations(text, file);
  const root = parseXml(escapeBareAmpersands(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text), file);
  const version = parseIntegerText(attr(root, 'version') ?? '') ?? 0;
  const builder = new DefinitionsBuilder(file, version);
  if (version === 0) builder.readLegacy(root);
  else builder.readNew(root);
  return builder.result();
}

function parseXml(text: string, file: string): XmlNode {
  // Loaded only here: xml2js costs ~25 ms at start-up, and the definitions cache usually spares it.
  const require = createRequire(import.meta.url);
  const { parseString } = require('xml2js') as typeof Xml2js;
  let doc: Record<string, XmlNode> | undefined;
  let failure: unknown;
  // xml2js calls back synchronously unless its `async` option is set.
  parseString(text, { explicitArray: true, strict: true }, (error, result: Record<string, XmlNode>) => {
    failure ??= error;
    doc ??= result;
  });
  if (failure) {
    const reason = failure instanceof Error ? failure.message.replace(/\s+/g, ' ').trim() : String(failure);
    throw new ShimError(ErrorCodes.SETTINGS_XML, `${file} is not well-formed XML: ${reason}`, { cause: failure });
  }
  const root = doc?.settings;
  if (!root || typeof root !== 'object') {
    throw new ShimError(ErrorCodes.SETTINGS_XML, `${file} has no <settings> root element`);
  }
  return root;
}

function attr(node: XmlNode, name: string): string | undefined {
  return node.$?.[name];
}

function children(node: XmlNode, name: string): XmlNode[] {
  const list = node[name];
  if (!Array.isArray(list)) return [];
  return list.map((c: unknown) => (typeof c === 'string' ? { _: c } : (c as XmlNode)));
}

function textOf(node: XmlNode | undefined): string | undefined {
  if (!node) return undefined;
  return node._ ?? '';
}

function childText(node: XmlNode, name: string): string | undefined {
  return textOf(children(node, name)[0]);
}

/** `"30001"` → 30001; other text stays text; missing → `""`. */
function parseLabel(text: string | undefined): SettingLabel {
  if (text === undefined || text === '') return '';
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

function canonicalDefault(type: string, text: string): string {
  switch (valueKindOf(type)) {
    case 'boolean':
      // Kodi keeps its built-in `false` when the default does not parse (`"1"` stays false).
      return String(parseBooleanText(text) ?? false);
    case 'integer':
      return String(parseIntegerText(text) ?? 0);
    case 'number': {
      const value = parseNumberText(text);
      return formatCppNumber(value ?? 0);
    }
    default:
      return text;
  }
}

const SIMPLE_NEW_TYPES = new Set(['boolean', 'integer', 'number', 'string', 'action', 'addon', 'date', 'path', 'time', 'urlencodedstring']);

class DefinitionsBuilder {
  readonly #file: string;
  readonly #version: number;
  readonly #settings: SettingDefinition[] = [];
  readonly #references: SettingReference[] = [];
  readonly #categories: SettingsCategory[] = [];
  readonly #warnings: string[] = [];
  readonly #ids = new Set<string>();

  constructor(file: string, version: number) {
    this.#file = file;
    this.#version = version;
  }

  result(): SettingsDefinitions {
    return {
      formatVersion: this.#version,
      settings: this.#settings,
      references: this.#references,
      categories: this.#categories,
      warnings: this.#warnings,
    };
  }

  #warn(id: string, reason: string): void {
    this.#warnings.push(`${this.#file}: setting "${id}" ${reason}`);
  }

  #add(definition: SettingDefinition): void {
    if (this.#ids.has(definition.id)) {
      this.#references.push({ id: definition.id, categoryId: definition.categoryId, groupId: definition.groupId });
      return;
    }
    this.#ids.add(definition.id);
    this.#settings.push(definition);
  }

  readLegacy(root: XmlNode): void {
    // Settings directly under <settings> form an implicit first category, as in Kodi.
    this.#readLegacyCategory(root, 0);
    children(root, 'category').forEach((category, index) => this.#readLegacyCategory(category, index + 1));
  }

  #readLegacyCategory(node: XmlNode, index: number): void {
    const categoryId = `category${index}`;
    const categoryLabel = parseLabel(attr(node, 'label'));
    const elements = children(node, 'setting');
    if (index > 0 || elements.length > 0) this.#categories.push({ id: categoryId, label: categoryLabel });
    let groupIndex = 0;
    let groupHasSettings = false;
    const siblings: Array<ConditionTarget | null> = [];
    const pending: Array<{ definition: SettingDefinition; position: number; enable?: string; visible?: string }> = [];
    let lastParent: string | undefined;
    for (const element of elements) {
      const legacyType = attr(element, 'type') ?? '';
      const id = attr(element, 'id') ?? '';
      if (legacyType === 'sep' || legacyType === 'lsep') {
        if (groupHasSettings) {
          groupIndex++;
          groupHasSettings = false;
        }
        lastParent = undefined;
        siblings.push(null);
        continue;
      }
      groupHasSettings = true;
      const converted = id === '' && legacyType !== 'action' ? undefined : this.#convertLegacy(element, id, legacyType);
      if (!converted) {
        // A label without an id, or a setting Kodi drops: it still counts for relative indices.
        siblings.push(id === '' ? { id: '', type: 'label' } : null);
        continue;
      }
      const definition: SettingDefinition = {
        ...converted,
        categoryId,
        categoryLabel,
        groupId: String(groupIndex),
      };
      if (attr(element, 'subsetting')?.toLowerCase() === 'true') {
        if (lastParent) definition.parent = lastParent;
      } else {
        lastParent = definition.id;
      }
      const visible = attr(element, 'visible') ?? '';
      if (visible.toLowerCase() === 'false') definition.hidden = true;
      const enable = attr(element, 'enable') ?? '';
      siblings.push({
        id: definition.id,
        type: definition.type,
        optionValues: valueKindOf(definition.type) === 'string' ? definition.constraints.options?.map((o) => o.value) : undefined,
      });
      pending.push({
        definition,
        position: siblings.length - 1,
        enable: /^(true|false|)$/i.test(enable) ? undefined : enable,
        visible: /^(true|false|)$/i.test(visible) ? undefined : visible,
      });
      if (id !== '') this.#add(definition);
    }
    for (const { definition, position, enable, visible } of pending) {
      for (const [which, expression] of [['enable', enable], ['visible', visible]] as const) {
        if (expression === undefined) continue;
        const parsed = parseLegacyCondition(expression, position, siblings);
        if (parsed.problems.length) this.#warn(definition.id, `has an unusable ${which} condition: ${parsed.problems.join('; ')}`);
        else if (which === 'enable') definition.enable = parsed.condition;
        else definition.visibleWhen = parsed.condition;
      }
    }
  }

  #convertLegacy(
    element: XmlNode,
    id: string,
    legacyType: string,
  ): Omit<SettingDefinition, 'categoryId' | 'categoryLabel' | 'groupId'> | undefined {
    const defaultText = attr(element, 'default') ?? '';
    const option = attr(element, 'option') ?? '';
    const values = attr(element, 'values') ?? '';
    const lvalues = (attr(element, 'lvalues') ?? '').split('|').filter((v) => v !== '');
    const base = {
      id,
      legacyType,
      label: parseLabel(attr(element, 'label')),
      level: 0,
      hidden: false,
      masked: false,
      closeDialog: false,
      constraints: {} as SettingConstraints,
    };
    const make = (type: string, extra: Partial<SettingDefinition> = {}) => ({
      ...base,
      ...extra,
      type,
      default: canonicalDefault(type, defaultText),
    });
    switch (legacyType) {
      case 'action':
        if (id === '') return undefined;
        // With an id, Kodi turns an action into a string setting that keeps a value (and is saved).
        return make('string', {
          action: attr(element, 'action') ?? '',
          closeDialog: option.toLowerCase() === 'close',
          constraints: { allowEmpty: true },
        });
      case 'bool':
        return make('boolean');
      case 'text':
      case 'ipaddress':
        return make(legacyType === 'text' && option.toLowerCase() === 'urlencoded' ? 'urlencodedstring' : 'string', {
          masked: legacyType === 'text' && option.toLowerCase() === 'hidden',
          constraints: { allowEmpty: true },
        });
      case '':
        return make('string', { level: 4, hidden: true, constraints: { allowEmpty: true } });
      case 'number':
        return make('integer');
      case 'folder':
      case 'file':
      case 'video':
      case 'audio':
      case 'image':
      case 'executable':
        return make('path');
      case 'fileenum':
        return make('path', { constraints: { optionsFiller: 'fileenums' } });
      case 'date':
        return make('date');
      case 'time':
        return make('time');
      case 'rangeofnum': {
        const minimum = parseNumberText(attr(element, 'rangestart') ?? '') ?? 0;
        const maximum = parseNumberText(attr(element, 'rangeend') ?? '') ?? 1;
        const elements = parseIntegerText(attr(element, 'elements') ?? '') ?? 2;
        const step = elements > 1 ? (maximum - minimum) / (elements - 1) : undefined;
        return make('number', { constraints: { minimum, maximum, step } });
      }
      case 'select': {
        if (lvalues.length) {
          return make('integer', { constraints: { options: lvalues.map((l, i) => ({ label: parseLabel(l), value: String(i) })) } });
        }
        const list = values.split('|').filter((v) => v !== '');
        if (list.length) return make('string', { constraints: { options: list.map((v) => ({ label: v, value: v })) } });
        if (attr(element, 'source')) return make('path', { constraints: { optionsFiller: 'fileenums' } });
        this.#warn(id, 'is a select with nothing to choose from; skipped');
        return undefined;
      }
      case 'enum':
      case 'labelenum': {
        const entries = (attr(element, 'entries') ?? '').split('|').filter((v) => v !== '');
        const labels = lvalues.length ? lvalues.map(parseLabel) : values.split('|').filter((v) => v !== '');
        if (legacyType === 'enum') {
          const options = labels.map((label, i) => ({ label, value: String(parseIntegerText(entries[i] ?? '') ?? i) }));
          return make('integer', { constraints: { options } });
        }
        const options = labels.map((label, i) => ({ label, value: entries[i] ?? String(label) }));
        return make('string', { constraints: { options } });
      }
      case 'slider': {
        const range = (attr(element, 'range') ?? '').split(',');
        let minimum = 0;
        let step = 1;
        let maximum = 100;
        if (range.length > 1) {
          minimum = Number.parseFloat(range[0]!) || 0;
          if (range.length > 2) {
            step = Number.parseFloat(range[1]!) || 0;
            maximum = Number.parseFloat(range[2]!) || 0;
          } else maximum = Number.parseFloat(range[1]!) || 0;
        }
        const lower = option.toLowerCase();
        if (lower === '' || lower === 'float') return make('number', { constraints: { minimum, step, maximum } });
        if (lower === 'int' || lower === 'percent') {
          return make('integer', { constraints: { minimum: Math.trunc(minimum), step: Math.trunc(step), maximum: Math.trunc(maximum) } });
        }
        this.#warn(id, `is a slider with the unknown option "${option}"; skipped`);
        return undefined;
      }
      case 'addon': {
        const types = (attr(element, 'addontype') ?? '').split(',').map((t) => t.trim()).filter((t) => t !== '');
        if (types.length !== 1) {
          this.#warn(id, `is an add-on setting with ${types.length === 0 ? 'no' : 'several'} addontype; skipped (Kodi needs exactly one)`);
          return undefined;
        }
        const multiselect = attr(element, 'multiselect')?.toLowerCase() === 'true';
        return make(multiselect ? 'list[addon]' : 'addon', { constraints: { allowEmpty: true } });
      }
      default:
        this.#warn(id, `has the unknown type "${legacyType}"; skipped`);
        return undefined;
    }
  }

  readNew(root: XmlNode): void {
    for (const section of children(root, 'section')) {
      for (const category of children(section, 'category')) {
        const categoryId = attr(category, 'id') ?? `category${this.#categories.length}`;
        const categoryLabel = parseLabel(attr(category, 'label'));
        this.#categories.push({ id: categoryId, label: categoryLabel });
        children(category, 'group').forEach((group, groupIndex) => {
          const groupId = attr(group, 'id') ?? String(groupIndex);
          for (const setting of children(group, 'setting')) {
            const definition = this.#convertNew(setting, categoryId, categoryLabel, groupId);
            if (definition) this.#add(definition);
          }
        });
      }
    }
  }

  #convertNew(node: XmlNode, categoryId: string, categoryLabel: SettingLabel, groupId: string): SettingDefinition | undefined {
    const id = attr(node, 'id') ?? '';
    const type = attr(node, 'type') ?? '';
    if (id === '') {
      this.#warnings.push(`${this.#file}: a setting without an id was skipped`);
      return undefined;
    }
    const listOf = /^list\[(.+)\]$/.exec(type)?.[1];
    if (!SIMPLE_NEW_TYPES.has(type) && !(listOf && SIMPLE_NEW_TYPES.has(listOf) && listOf !== 'action')) {
      this.#warn(id, `has the unknown type "${type}"; skipped`);
      return undefined;
    }
    const level = parseIntegerText(childText(node, 'level') ?? '') ?? 0;
    const constraintsNode = children(node, 'constraints')[0];
    const constraints: SettingConstraints = {};
    if (constraintsNode) {
      const optionsNode = children(constraintsNode, 'options')[0];
      if (optionsNode) {
        const options = children(optionsNode, 'option').map((o) => ({
          label: parseLabel(attr(o, 'label') ?? childText(o, 'label')),
          value: children(o, 'value').length ? (childText(o, 'value') ?? '') : (textOf(o) ?? ''),
        }));
        if (options.length) constraints.options = options;
        else if (textOf(optionsNode)) constraints.optionsFiller = textOf(optionsNode);
      }
      const number = (name: string) => {
        const t = childText(constraintsNode, name);
        return t === undefined ? undefined : parseNumberText(t);
      };
      constraints.minimum = number('minimum');
      constraints.step = number('step');
      constraints.maximum = number('maximum');
      const allowEmpty = childText(constraintsNode, 'allowempty');
      if (allowEmpty !== undefined) constraints.allowEmpty = parseBooleanText(allowEmpty.trim()) ?? false;
      for (const key of ['minimum', 'step', 'maximum'] as const) if (constraints[key] === undefined) delete constraints[key];
    }
    const control = children(node, 'control')[0];
    const definition: SettingDefinition = {
      id,
      type,
      default: canonicalDefault(type, childText(node, 'default') ?? ''),
      label: parseLabel(attr(node, 'label')),
      level,
      hidden: level >= 4 || (childText(node, 'visible') ?? '').trim().toLowerCase() === 'false',
      masked: (control && (childText(control, 'hidden') ?? '').trim().toLowerCase() === 'true') ?? false,
      constraints,
      closeDialog: (control && (childText(control, 'close') ?? '').trim().toLowerCase() === 'true') ?? false,
      categoryId,
      categoryLabel,
      groupId,
    };
    const action = childText(node, 'data') ?? (control ? childText(control, 'data') : undefined);
    if (action !== undefined) definition.action = action;
    const parent = attr(node, 'parent');
    if (parent) definition.parent = parent;
    const dependencies = children(node, 'dependencies')[0];
    if (dependencies) {
      const enable: SettingCondition[] = [];
      const visible: SettingCondition[] = [];
      for (const dependency of children(dependencies, 'dependency')) {
        const condition = parseNewCondition(dependency);
        const kind = attr(dependency, 'type');
        if (!condition) continue;
        if (kind === 'enable') enable.push(condition);
        else if (kind === 'visible') visible.push(condition);
      }
      if (enable.length) definition.enable = enable.length === 1 ? enable[0] : { kind: 'all', conditions: enable };
      if (visible.length) definition.visibleWhen = visible.length === 1 ? visible[0] : { kind: 'all', conditions: visible };
    }
    return definition;
  }
}

/** A `<dependency>` or `<condition>`: `setting`+`operator` with the value as text, or nested `<and>`/`<or>`. */
function parseNewCondition(node: XmlNode): SettingCondition | undefined {
  const nested = [...children(node, 'and').map((n) => ['all', n] as const), ...children(node, 'or').map((n) => ['any', n] as const)];
  if (nested.length) {
    const parts = nested.map(([kind, n]) => {
      const inner = [
        ...children(n, 'condition').map(parseNewCondition),
        ...children(n, 'and').map((a) => parseNewCondition({ and: [a] })),
        ...children(n, 'or').map((o) => parseNewCondition({ or: [o] })),
      ].filter((c): c is SettingCondition => c !== undefined);
      return { kind, conditions: inner } as SettingCondition;
    });
    return parts.length === 1 ? parts[0] : { kind: 'all', conditions: parts };
  }
  const conditions = children(node, 'condition');
  if (conditions.length && attr(node, 'setting') === undefined) {
    const inner = conditions.map(parseNewCondition).filter((c): c is SettingCondition => c !== undefined);
    return inner.length === 1 ? inner[0] : { kind: 'all', conditions: inner };
  }
  const setting = attr(node, 'setting');
  const value = textOf(node) ?? '';
  if (!setting || (attr(node, 'on') ?? 'setting') !== 'setting') return { kind: 'external', expression: value };
  const rawOperator = attr(node, 'operator') ?? 'is';
  const negated = rawOperator.startsWith('!');
  const name = (negated ? rawOperator.slice(1) : rawOperator).toLowerCase();
  const operator = name === 'is' ? 'eq' : name === 'gt' || name === 'lt' || name === 'substring' ? name : undefined;
  if (!operator) return { kind: 'external', expression: value };
  return { kind: 'compare', setting, operator, value, negated };
}
