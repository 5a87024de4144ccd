/** The --where condition language: parsing, precedence, evaluation and its positioned errors. */
import { describe, expect, it } from 'vitest';
import { conditionMetrics, conditionText, evaluate, parseCondition } from '../../../src/experiment/discover/condition.ts';
import { InputError, formatInputError } from '../../../src/scenario/input-error.ts';

const names = { metrics: ['trust_mean', 'effectiveness_mean', 'trust_change'], factors: ['leader_turnover'] };

function errorOf(text: string): string {
  try {
    parseCondition(text, names);
  } catch (e) {
    if (e instanceof InputError) return formatInputError(e);
    throw e;
  }
  throw new Error(`'${text}' parsed`);
}

const row = (v: Record<string, number>) => (m: string) => v[m] ?? NaN;

describe('parseCondition', () => {
  it('reads comparisons, and/or with and binding tighter, parentheses and numbers first', () => {
    const c = parseCondition('trust_mean > 0.5 or effectiveness_mean >= 0 AND trust_change < -1e-2', names);
    expect(conditionText(c)).toBe('trust_mean > 0.5 or effectiveness_mean >= 0 and trust_change < -0.01');
    expect(c.kind).toBe('or');
    const p = parseCondition('(trust_mean>0.5 or effectiveness_mean>=0) and 0.1 < trust_change', names);
    expect(conditionText(p)).toBe('(trust_mean > 0.5 or effectiveness_mean >= 0) and trust_change > 0.1');
    expect(conditionMetrics(p)).toEqual(['trust_mean', 'effectiveness_mean', 'trust_change']);
  });

  it('evaluates every operator, and a missing value fails its comparison', () => {
    const v = row({ trust_mean: 0.5 });
    for (const [op, want] of [
      ['<', false],
      ['<=', true],
      ['>', false],
      ['>=', true],
      ['==', true],
      ['!=', false],
    ] as const)
      expect(evaluate(parseCondition(`trust_mean ${op} 0.5`, names), v), op).toBe(want);
    expect(evaluate(parseCondition('effectiveness_mean < 1', names), v)).toBe(false);
    expect(evaluate(parseCondition('effectiveness_mean != 1', names), v)).toBe(false);
    const either = parseCondition('trust_mean > 0.6 or (effectiveness_mean > 0 and trust_change > 0)', names);
    expect(evaluate(either, row({ trust_mean: 0.2, effectiveness_mean: 0.1, trust_change: 0.1 }))).toBe(true);
    expect(evaluate(either, row({ trust_mean: 0.2, effectiveness_mean: 0.1, trust_change: -0.1 }))).toBe(false);
    expect(evaluate(either, row({ trust_mean: 0.7 }))).toBe(true);
  });

  it('refuses an unknown metric with its column and a did-you-mean', () => {
    expect(errorOf('trust_mean > 0.5 and efectiveness_mean >= 0')).toBe(
      "--where:1:22: error: unknown metric 'efectiveness_mean': not a column of runs.csv did you mean 'effectiveness_mean'?",
    );
    expect(errorOf('zzz > 1')).toBe("--where:1:1: error: unknown metric 'zzz': not a column of runs.csv");
  });

  it('says when a factor is used as a metric', () => {
    expect(errorOf('leader_turnover < 0.1')).toMatch(/^--where:1:1: error: 'leader_turnover' is a factor of the sweep, not a metric/);
  });

  it('positions syntax errors', () => {
    expect(errorOf('trust_mean = 0.5')).toBe("--where:1:12: error: '=' is not a comparison did you mean '=='?");
    expect(errorOf('trust_mean > 0.5 &&  trust_change > 0')).toMatch(/^--where:1:18: error: '&&' is not part of the condition language write 'and'/);
    expect(errorOf('trust_mean > ')).toBe("--where:1:14: error: expected a number after '>', found the end of the condition");
    expect(errorOf('trust_mean 0.5')).toMatch(/^--where:1:12: error: expected a comparison/);
    expect(errorOf('(trust_mean > 0.5')).toBe("--where:1:18: error: expected ')' to close the '(' at column 1, found the end of the condition");
    expect(errorOf('trust_mean > 0.5 trust_change > 0')).toMatch(/^--where:1:18: error: expected 'and', 'or' or the end/);
    expect(errorOf('trust_mean > 0.5 and')).toMatch(/^--where:1:21: error: expected a metric, a number or '\('/);
    expect(errorOf('trust_mean > 0.5 # x')).toBe("--where:1:18: error: unexpected character '#'");
    expect(errorOf('  ')).toMatch(/error: the condition is empty/);
  });
});
