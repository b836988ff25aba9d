import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseLegacyCondition, type ConditionTarget } from '../../src/settings/index.js';

const siblings: Array<ConditionTarget | null> = [
  { id: 'quality', type: 'integer' },
  { id: 'live', type: 'boolean' },
  null,
  { id: 'colour', type: 'string', optionValues: ['red', 'green'] },
  { id: 'me', type: 'string' },
];
const values: Record<string, { text: string; type: string }> = {
  quality: { text: '2', type: 'integer' },
  live: { text: 'true', type: 'boolean' },
  colour: { text: 'green', type: 'string' },
};
const lookup = (id: string) => values[id];
const holds = (expression: string) => {
  const parsed = parseLegacyCondition(expression, 4, siblings);
  expect(parsed.problems).toEqual([]);
  return evaluateCondition(parsed.condition!, lookup);
};

describe('legacy conditions', () => {
  it('resolve relative indices, separators counted, to the setting they point at', () => {
    expect(parseLegacyCondition('eq(-4,2)', 4, siblings).condition).toEqual({
      kind: 'compare', setting: 'quality', operator: 'eq', value: '2', negated: false,
    });
  });

  it('evaluate eq, gt, lt and negation against current values', () => {
    expect(holds('eq(-4,2)')).toBe(true);
    expect(holds('!eq(-4,2)')).toBe(false);
    expect(holds('gt(-4,1)')).toBe(true);
    expect(holds('lt(-4,2)')).toBe(false);
    expect(holds('eq(-3,true)')).toBe(true);
    expect(holds('eq(-3,TRUE)')).toBe(true);
  });

  it('join terms with + (all) and | (any)', () => {
    expect(holds('eq(-4,2)+eq(-3,false)')).toBe(false);
    expect(holds('eq(-4,1)|eq(-3,true)')).toBe(true);
    expect(holds('eq(-4,1)|eq(-3,false)')).toBe(false);
  });

  it('compare a string setting to an option by index, Kodi’s quirk', () => {
    expect(holds('eq(-1,1)')).toBe(true);
    expect(holds('eq(-1,0)')).toBe(false);
  });

  it('refuse a term that points at a separator or outside the category', () => {
    expect(parseLegacyCondition('eq(-2,1)', 4, siblings).problems).toEqual(['"eq(-2,1)" points at a separator']);
    expect(parseLegacyCondition('eq(3,1)', 4, siblings).problems).toEqual(['"eq(3,1)" points outside its category']);
  });

  it('treat a condition without setting terms as an info label, which only a real GUI answers', () => {
    const parsed = parseLegacyCondition('System.HasAddon(inputstream.adaptive)', 4, siblings);
    expect(parsed.condition).toEqual({ kind: 'external', expression: 'System.HasAddon(inputstream.adaptive)' });
    expect(evaluateCondition(parsed.condition!, lookup)).toBe(true);
  });
});
