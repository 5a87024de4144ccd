/** Timeline events that name a school the scenario does not have, or fall after the run, are refused when the file is read, with their position. */
import { describe, expect, it } from 'vitest';
import { InputError, parseText } from '../../src/scenario/load.ts';
import { ScenarioSchema } from '../../src/model/schema.ts';

function issues(text: string) {
  try {
    parseText(ScenarioSchema, text, 'scenario.yaml');
  } catch (e) {
    if (e instanceof InputError) return e.issues;
    throw e;
  }
  return [];
}

describe('timeline school references', () => {
  it('names and indices beyond the generated schools are errors at the key', () => {
    const found = issues(
      [
        'schools: { count: 6 }',
        'timeline:',
        '  - { year: 1, event: leaderLeaves, school: "School 9" }',
        '  - { year: 2, event: hiddenAgenda, school: 6 }',
        '  - { year: 2, event: inspectionDowngrade, school: 5 }',
        '  - { year: 3, event: leaderLeaves, school: "School 6" }',
      ].join('\n'),
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({ path: 'timeline[0].school', line: 3, column: 45 });
    expect(found[0].message).toContain("no school named 'School 9'");
    expect(found[1]).toMatchObject({ path: 'timeline[1].school', line: 4 });
    expect(found[1].message).toContain('out of range: the scenario has 6 schools (0..5)');
  });

  it('named schools are checked by their names', () => {
    const named =
      'schools:\n  named:\n    - { name: Ash }\n    - { name: Birch }\ntimeline:\n  - { year: 1, event: hiddenAgenda, school: Oak }\n  - { year: 1, event: hiddenAgenda, school: Birch }\n';
    const found = issues(named);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain("no school named 'Oak': the scenario's schools are the names listed in schools.named");
  });

  it('a locality counts its preset schools', () => {
    expect(issues('locality: { preset: shire }\ntimeline:\n  - { year: 1, event: leaderLeaves, school: 63 }\n')).toHaveLength(0);
    expect(issues('locality: { preset: shire }\ntimeline:\n  - { year: 1, event: leaderLeaves, school: 64 }\n')).toHaveLength(1);
  });
});

describe('timeline horizon', () => {
  it('an event after the last tick is an error; one on the last tick is not', () => {
    const found = issues('years: 2\ntimeline:\n  - { year: 2, event: turnoverShock, share: 0.2 }\n  - { year: 2.5, event: turnoverShock, share: 0.2 }\n');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: 'timeline[1].year', line: 4 });
    expect(found[0].message).toBe("event 'turnoverShock' in year 2.5 is after the end of the run (years: 2): it would never happen");
  });

  it('uses the same rounding to ticks as the run', () => {
    // 6 ticks a year: year 2.05 rounds to tick 12, the last tick of a two-year run.
    expect(issues('years: 2\ntimeline:\n  - { year: 2.05, event: turnoverShock, share: 0.2 }\n')).toHaveLength(0);
    expect(issues('years: 2\ntimeline:\n  - { year: 2.1, event: turnoverShock, share: 0.2 }\n')).toHaveLength(1);
  });
});
