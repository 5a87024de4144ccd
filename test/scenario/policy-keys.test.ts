/**
 * The policy layer: localities, trusts, hubs, spanners and competition (model brief sections 4 and 5).
 */
import { describe, expect, it } from 'vitest';
import { InputError, parseText } from '../../src/scenario/load.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';

describe('scenario errors in the policy keys', () => {
  const errorOf = (text: string) => {
    try {
      parseText(ScenarioSchema, text, 'policy.yaml');
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
    throw new Error('expected an InputError');
  };

  it('a stable share at or above the persistence is pointed at the stable share, saying why', () => {
    const e = errorOf('model:\n  improvement:\n    persistence: 0.5\n    stableShare: 0.6\n');
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ line: 4, column: 18, path: 'model.improvement.stableShare' });
    expect(e.issues[0].message).toContain('must be below persistence (0.5)');
  });

  it('an unknown event kind lists the kinds and suggests the nearest', () => {
    const e = errorOf('timeline:\n  - { event: matConsolidaton, year: 1, rate: 0.1 }\n');
    expect(e.issues[0]).toMatchObject({ line: 2, path: 'timeline[0].event' });
    expect(e.message).toMatch(/matConsolidation/);
  });

  it('a rate out of range names the file position, the key and the bound', () => {
    const e = errorOf('timeline:\n  - event: matConsolidation\n    year: 1\n    rate: 2\n');
    expect(e.issues[0]).toMatchObject({ line: 4, path: 'timeline[0].rate', expected: 'number <= 1', found: '2' });
  });

  it('a misspelt locality key gets a did-you-mean hint', () => {
    const e = errorOf('locality:\n  presett: city\n');
    expect(e.issues[0].path).toBe('locality.presett');
    expect(e.issues[0].hint).toMatch(/preset/);
  });

  it('an unknown preset lists the presets', () => {
    const e = errorOf('locality:\n  preset: village\n');
    expect(e.message).toMatch(/city/);
    expect(e.message).toMatch(/shire/);
  });
});
