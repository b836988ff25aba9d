import { ErrorCodes, ShimError } from '../host/errors.js';
import type { SettingsDefinitions } from './settings-definitions.js';
import { checkValueText, valueKindOf } from './setting-value.js';
import { parseLiteXml } from '../host/xml-lite.js';

/** One `<setting>` of a user settings.xml, as written. */
export interface StoredEntry {
  id: string;
  text: string;
  /** Version 2's `default="true"`: Kodi then uses the definition's current default. */
  isDefault: boolean;
  /** An empty value written as `<setting … />` (Kodi) rather than `<setting …></setting>`. */
  selfClosing: boolean;
}

/** A user settings.xml: `version` 0 is the legacy `value=` format Kodi ≤ 17 wrote, 2 what Kodi 19+ writes. */
export interface UserValuesFile {
  version: number;
  entries: StoredEntry[];
}

/**
 * Parses the text of a user settings.xml (either version). Throws `XmlSyntaxError` (code
 * `SETTINGS_XML`, with line and column) when it is not well-formed, `SETTINGS_XML` when its root is not
 * `<settings>`.
 */
export function parseUserValues(text: string): UserValuesFile {
  const root = parseLiteXml(text);
  if (root.name !== 'settings') throw new ShimError(ErrorCodes.SETTINGS_XML, `the root element is <${root.name}>, not <settings>`);
  const versionText = root.attributes.version;
  const version = versionText !== undefined && /^\s*\d+\s*$/.test(versionText) ? Number(versionText) : 0;
  const entries: StoredEntry[] = [];
  if (version === 0) {
    // Legacy values: `<setting id value/>`, directly under the root or inside `<category>` elements.
    const categories = root.children.filter((c) => c.name === 'category');
    for (const holder of categories.length ? categories : [root]) {
      for (const element of holder.children) {
        const { id, value } = element.attributes;
        if (element.name !== 'setting' || id === undefined || value === undefined) continue;
        entries.push({ id, text: value, isDefault: false, selfClosing: element.selfClosing });
      }
    }
    return { version, entries };
  }
  const push = (element: (typeof root.children)[number], prefix: string) => {
    const id = element.attributes.id;
    if (id === undefined || id === '') return;
    entries.push({
      id: prefix + id,
      text: element.text,
      isDefault: (element.attributes.default ?? '').toLowerCase() === 'true',
      selfClosing: element.selfClosing,
    });
  };
  for (const element of root.children) {
    // Kodi also reads `<category-id><setting id=…/></category-id>`, naming the value `category-id.id`.
    if (element.children.length) for (const inner of element.children) push(inner, `${element.name}.`);
    else push(element, '');
  }
  return { version, entries };
}

/** The values of one settings copy: what `Addon` objects read and what a save writes. */
export interface SettingValueState {
  /** Current value (canonical text) of every defined setting that holds one. */
  values: Map<string, string>;
  /** Stored text that failed validation: the default is used, but this text is written back unchanged. */
  keptInvalid: Map<string, string>;
  /** Ids without a definition, in the order first seen; kept and written back after the defined ones. */
  unknown: Map<string, { text: string; isDefault: boolean }>;
  /** Ids whose empty value was read as `<setting …></setting>`, so an unchanged file is rewritten identically. */
  openCloseEmpty: Set<string>;
}

/** Called once per stored value that does not fit its definition; `reason` never contains the value. */
export type InvalidValueReport = (id: string, reason: string) => void;

/** Applies a user file (or none) to the definitions' defaults. */
export function resolveUserValues(
  definitions: SettingsDefinitions,
  file: UserValuesFile | undefined,
  report: InvalidValueReport,
): SettingValueState {
  const state: SettingValueState = { values: new Map(), keptInvalid: new Map(), unknown: new Map(), openCloseEmpty: new Set() };
  const byId = new Map(definitions.settings.map((d) => [d.id, d]));
  for (const d of definitions.settings) if (valueKindOf(d.type) !== 'action') state.values.set(d.id, d.default);
  const seen = new Set<string>();
  for (const entry of file?.entries ?? []) {
    // Version 2 keeps the first value of a repeated id (Kodi fills a map with emplace); legacy, the last.
    if (seen.has(entry.id) && file!.version !== 0) continue;
    seen.add(entry.id);
    if (entry.text === '' && !entry.selfClosing) state.openCloseEmpty.add(entry.id);
    else state.openCloseEmpty.delete(entry.id);
    const definition = byId.get(entry.id);
    if (!definition) {
      state.unknown.set(entry.id, { text: entry.text, isDefault: entry.isDefault });
      continue;
    }
    if (valueKindOf(definition.type) === 'action') continue;
    const checked = checkValueText(definition, entry.text);
    if (!checked.ok) {
      report(entry.id, checked.reason);
      state.keptInvalid.set(entry.id, entry.text);
      state.values.set(entry.id, definition.default);
      continue;
    }
    state.keptInvalid.delete(entry.id);
    // `default="true"` means "whatever the default is now", which may have changed since the save.
    state.values.set(entry.id, entry.isDefault ? definition.default : checked.text);
  }
  return state;
}

/**
 * Writes the values as Kodi 19+ does: `<settings version="2">`, 4-space indent, one line per setting
 * in definition order (action settings have no value), `default="true"` exactly when the value equals
 * the default, then the unknown ids; no XML declaration; TinyXML's escaping.
 */
export function serializeUserValues(definitions: SettingsDefinitions, state: SettingValueState): string {
  const lines = ['<settings version="2">'];
  const line = (id: string, text: string, isDefault: boolean) => {
    const attributes = ` ${tinyXmlAttribute('id', id)}${isDefault ? ' default="true"' : ''}`;
    if (text === '' && !state.openCloseEmpty.has(id)) lines.push(`    <setting${attributes} />`);
    else lines.push(`    <setting${attributes}>${tinyXmlEscape(text)}</setting>`);
  };
  const defined = new Set<string>();
  for (const definition of definitions.settings) {
    if (valueKindOf(definition.type) === 'action') continue;
    defined.add(definition.id);
    const invalid = state.keptInvalid.get(definition.id);
    if (invalid !== undefined) {
      line(definition.id, invalid, false);
      continue;
    }
    const text = state.values.get(definition.id) ?? definition.default;
    line(definition.id, text, text === definition.default);
  }
  for (const [id, { text, isDefault }] of state.unknown) if (!defined.has(id)) line(id, text, isDefault);
  lines.push('</settings>');
  return `${lines.join('\n')}\n`;
}

/**
 * TinyXML's `EncodeString`: `& < > " '` as entities, control characters as `&#xNN;`, and an `&#x`
 * already in the text passed through unchanged (a TinyXML quirk that real files carry).
 */
export function tinyXmlEscape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = text.charCodeAt(i);
    if (c === '&' && i < text.length - 2 && text[i + 1] === '#' && text[i + 2] === 'x') {
      const end = text.indexOf(';', i);
      const stop = end < 0 ? text.length - 1 : end;
      out += text.slice(i, stop + 1);
      i = stop;
    } else if (c === '&') out += '&amp;';
    else if (c === '<') out += '&lt;';
    else if (c === '>') out += '&gt;';
    else if (c === '"') out += '&quot;';
    else if (c === "'") out += '&apos;';
    else if (code < 32) out += `&#x${code.toString(16).toUpperCase().padStart(2, '0')};`;
    else out += c;
  }
  return out;
}

/** TinyXML prints an attribute in single quotes when its raw value holds a double quote. */
function tinyXmlAttribute(name: string, value: string): string {
  const quote = value.includes('"') ? "'" : '"';
  return `${name}=${quote}${tinyXmlEscape(value)}${quote}`;
}
