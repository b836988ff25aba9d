/** How a condition compares a setting's value: Kodi's `eq`/`gt`/`lt` (legacy) and `is`/`gt`/`lt`/`substring` (new). */
export type ConditionOperator = 'eq' | 'gt' | 'lt' | 'substring';

/** An `enable` or `visible` condition, parsed once from either definitions format. */
export type SettingCondition =
  | { kind: 'compare'; setting: string; operator: ConditionOperator; value: string; negated: boolean }
  | { kind: 'all'; conditions: SettingCondition[] }
  | { kind: 'any'; conditions: SettingCondition[] }
  /** An info-label expression or another condition only a real Kodi GUI can answer: counted as true. */
  | { kind: 'external'; expression: string };

/** What a legacy condition term may point at, by relative index within its category. */
export interface ConditionTarget {
  id: string;
  type: string;
  /** String settings compare a natural-number value against this option list by index (Kodi's quirk). */
  optionValues?: string[];
}

/** The parsed condition, or the reasons a term was refused. */
export interface ParsedLegacyCondition {
  condition: SettingCondition | undefined;
  problems: string[];
}

/**
 * Parses a legacy `enable`/`visible` expression such as `eq(-1,2)+!eq(-2,true)`. Terms are joined by
 * `+` (all) or, when there is no `+`, by `|` (any) — Kodi never mixes them. The first argument counts
 * `<setting>` elements (separators included) relative to `ownIndex` within the same category, where
 * `siblings[k]` is `null` for a separator.
 */
export function parseLegacyCondition(
  expression: string,
  ownIndex: number,
  siblings: ReadonlyArray<ConditionTarget | null>,
): ParsedLegacyCondition {
  const problems: string[] = [];
  const joinedByAll = expression.includes('+');
  const terms = expression.split(joinedByAll ? '+' : '|').filter((t) => t.length > 0);
  const conditions: SettingCondition[] = [];
  for (const rawTerm of terms) {
    const term = rawTerm.trim();
    const match = /^(!?)([A-Za-z]+)\(([^,]*),([^)]*)\)/.exec(term);
    const operator = match?.[2]?.toLowerCase();
    // Kodi skips a term it cannot read (and then treats a condition with no terms as an info label).
    if (!match || (operator !== 'eq' && operator !== 'gt' && operator !== 'lt')) continue;
    const target = siblings[ownIndex + Number.parseInt(match[3]!.trim(), 10)];
    if (target === undefined) {
      problems.push(`"${term}" points outside its category`);
      continue;
    }
    if (target === null) {
      problems.push(`"${term}" points at a separator`);
      continue;
    }
    let value = match[4]!;
    if (target.optionValues && /^\d+$/.test(value)) value = target.optionValues[Number(value)] ?? value;
    conditions.push({ kind: 'compare', setting: target.id, operator, value, negated: match[1] === '!' });
  }
  if (problems.length) return { condition: undefined, problems };
  if (conditions.length === 0) return { condition: { kind: 'external', expression }, problems };
  if (conditions.length === 1) return { condition: conditions[0], problems };
  return { condition: { kind: joinedByAll ? 'all' : 'any', conditions }, problems };
}

/** Reads a setting's current value (canonical text) and its type; `undefined` for an unknown id. */
export type ConditionValueLookup = (id: string) => { text: string; type: string } | undefined;

/** Evaluates `condition` against current values; an unknown setting never matches. */
export function evaluateCondition(condition: SettingCondition, lookup: ConditionValueLookup): boolean {
  switch (condition.kind) {
    case 'all':
      return condition.conditions.every((c) => evaluateCondition(c, lookup));
    case 'any':
      return condition.conditions.some((c) => evaluateCondition(c, lookup));
    case 'external':
      return true;
    case 'compare': {
      const current = lookup(condition.setting);
      const result = current !== undefined && compare(current.text, current.type, condition.operator, condition.value);
      return condition.negated ? !result : result;
    }
  }
}

function compare(actual: string, type: string, operator: ConditionOperator, expected: string): boolean {
  if (operator === 'substring') return actual.toLowerCase().includes(expected.toLowerCase());
  if (type === 'boolean') {
    if (operator !== 'eq') return false;
    return actual.toLowerCase() === expected.trim().toLowerCase();
  }
  if (type === 'integer' || type === 'number') {
    const a = Number(actual);
    const b = Number(expected.trim());
    if (Number.isNaN(a) || Number.isNaN(b)) return false;
    return operator === 'eq' ? a === b : operator === 'gt' ? a > b : a < b;
  }
  if (operator === 'eq') return actual === expected;
  return operator === 'gt' ? actual > expected : actual < expected;
}
