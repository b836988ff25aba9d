import type { SettingDefinition } from './settings-definitions.js';

/** How a setting's value is held: Kodi's value types, with path/date/time/addon/urlencoded as strings. */
export type ValueKind = 'boolean' | 'integer' | 'number' | 'string' | 'list' | 'action';

/** The value kind of a Kodi setting type (`list[addon]` → list, `path` → string). */
export function valueKindOf(type: string): ValueKind {
  if (type === 'boolean' || type === 'integer' || type === 'number' || type === 'action') return type;
  if (type.startsWith('list[')) return 'list';
  return 'string';
}

/** A value checked against its definition: the canonical text Kodi would write, or why it does not fit. */
export type CheckedValue = { ok: true; text: string } | { ok: false; reason: string };

const INTEGER_TEXT = /^[ \t\n\r\f\v]*[+-]?\d+$/;
const NUMBER_TEXT = /^[ \t\n\r\f\v]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|inf(?:inity)?|nan)$/i;

/** Parses a boolean as Kodi does: `true`/`false` in any case, nothing else (`"1"` fails). */
export function parseBooleanText(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

/** Parses an integer as C's `strtol` with nothing left over; `undefined` when it does not parse. */
export function parseIntegerText(text: string): number | undefined {
  if (!INTEGER_TEXT.test(text)) return undefined;
  const value = Number.parseInt(text.trim(), 10);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Parses a number as C's `strtod` with nothing left over; `undefined` when it does not parse. */
export function parseNumberText(text: string): number | undefined {
  if (!NUMBER_TEXT.test(text)) return undefined;
  const t = text.trim().toLowerCase().replace(/^\+/, '');
  if (t.endsWith('nan')) return Number.NaN;
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/**
 * Formats a number as a C++ output stream does by default (`%g`, 6 significant digits): `0.1`,
 * `2500000` → `2.5e+06`, `1e-05`, `inf`.
 */
export function formatCppNumber(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value < 0 ? '-inf' : 'inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential(5).split('e') as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const digits = String(Math.abs(exponent)).padStart(2, '0');
    return `${stripZeros(mantissa)}e${exponent < 0 ? '-' : '+'}${digits}`;
  }
  return stripZeros(value.toFixed(5 - exponent));
}

function stripZeros(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Checks `text` against the definition's type and constraints (options, minimum/maximum, allow-empty)
 * as Kodi's `FromString` + `CheckValidity` do, and returns the text Kodi would store.
 */
export function checkValueText(definition: SettingDefinition, text: string): CheckedValue {
  const { constraints } = definition;
  switch (valueKindOf(definition.type)) {
    case 'action':
      return { ok: false, reason: 'an action setting holds no value' };
    case 'boolean': {
      const value = parseBooleanText(text);
      return value === undefined ? { ok: false, reason: 'not "true" or "false"' } : { ok: true, text: String(value) };
    }
    case 'integer': {
      const value = parseIntegerText(text);
      if (value === undefined) return { ok: false, reason: 'not a whole number' };
      return checkNumeric(definition, value, String(value));
    }
    case 'number': {
      const value = parseNumberText(text);
      if (value === undefined) return { ok: false, reason: 'not a number' };
      return checkNumeric(definition, value, formatCppNumber(value));
    }
    case 'list':
    case 'string': {
      if (text === '' && !constraints.allowEmpty) return { ok: false, reason: 'may not be empty' };
      if (constraints.options?.length && text !== '' && !constraints.options.some((o) => o.value === text)) {
        return { ok: false, reason: 'not one of the allowed options' };
      }
      return { ok: true, text };
    }
  }
}

function checkNumeric(definition: SettingDefinition, value: number, text: string): CheckedValue {
  const { options, minimum, maximum } = definition.constraints;
  if (options?.length) {
    return options.some((o) => Number(o.value) === value)
      ? { ok: true, text }
      : { ok: false, reason: 'not one of the allowed options' };
  }
  // Kodi checks a range only when one is set (minimum ≠ maximum).
  if (minimum !== undefined && maximum !== undefined && minimum !== maximum && (value < minimum || value > maximum)) {
    return { ok: false, reason: `outside ${minimum}…${maximum}` };
  }
  return { ok: true, text };
}
