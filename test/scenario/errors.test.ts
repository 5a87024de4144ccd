// Validation problems as positioned messages: expected/found, known keys, did-you-mean, unions, formatting.
import { describe, expect, it, vi } from 'vitest';
import { InputError, formatInputError, validateValue } from '../../src/scenario/load.ts';
import { Sample, errorOf, only } from './sample.ts';

describe('parseText: validation errors', () => {
  it('points a wrong type at the value, with expected and found', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: many\n'));
    expect(issue).toMatchObject({
      line: 3,
      column: 10,
      path: 'schools.count',
      expected: 'number',
      found: "string 'many'",
    });
  });

  it('suggests removing quotes around a number', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: "12"\n'));
    expect([issue.line, issue.column]).toEqual([3, 10]);
    expect(issue.hint).toBe('remove the quotes to write a number');
  });

  it('reports a non-integer where an integer is required', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: 2.5\n'));
    expect(issue).toMatchObject({ line: 3, column: 10, path: 'schools.count', expected: 'integer', found: 'number 2.5' });
  });

  it('points an unknown key at the key, listing known keys and a suggestion', () => {
    const issue = only(errorOf('name: x\ntrust:\n  inital: 0.3\nschools: {count: 3}\n'));
    expect(issue).toMatchObject({
      line: 3,
      column: 3,
      path: 'trust.inital',
      message: "unknown key 'inital'",
      expected: 'one of the known keys: initial, decay',
      hint: "did you mean 'initial'?",
    });
  });

  it('suggests keys regardless of case and for swapped letters', () => {
    const e = errorOf('Name: x\nschools: {count: 3}\nsede: 1\n');
    const byPath = Object.fromEntries(e.issues.map((i) => [i.path, i]));
    expect(byPath.Name.hint).toBe("did you mean 'name'?");
    expect(byPath.sede.hint).toBe("did you mean 'seed'?");
    expect([byPath.sede.line, byPath.sede.column]).toEqual([3, 1]);
  });

  it('gives no suggestion when nothing is close', () => {
    const e = errorOf('name: x\nschools: {count: 3}\nwibblewobble: 1\n');
    const issue = e.issues.find((i) => i.path === 'wibblewobble')!;
    expect(issue.hint).toBeUndefined();
    expect([issue.line, issue.column]).toEqual([3, 1]);
  });

  it('reports an out-of-range number at the value', () => {
    const issue = only(errorOf('name: x\ntrust:\n  decay: -0.3\nschools:\n  count: 3\n'));
    expect(issue).toMatchObject({
      line: 3,
      column: 10,
      path: 'trust.decay',
      message: 'value out of range',
      expected: 'number >= 0',
      found: '-0.3',
    });
  });

  it('reports the upper bound too', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: 3\n  challenge: 1.5\n'));
    expect(issue).toMatchObject({ line: 4, column: 14, path: 'schools.challenge', expected: 'number <= 1', found: '1.5' });
  });

  it('reports an invalid enum value with the allowed values and closest option', () => {
    const issue = only(errorOf('name: x\nstructure: hubb\nschools: {count: 3}\n'));
    expect(issue).toMatchObject({
      line: 2,
      column: 12,
      path: 'structure',
      expected: "one of 'partnership', 'mat', 'hub'",
      found: "string 'hubb'",
      hint: "did you mean 'hub'?",
    });
  });

  it('points a missing required key at the parent mapping', () => {
    const issue = only(errorOf('name: x\nseed: 1\nschools:\n  challenge: 0.2\n'));
    expect(issue).toMatchObject({
      line: 4,
      column: 3,
      path: 'schools.count',
      message: "missing required key 'count'",
      expected: 'number',
    });
    expect(issue.found).toBeUndefined();
  });

  it('points a missing top-level key at the document mapping', () => {
    const issue = only(errorOf('# scenario\n\nname: x\n'));
    expect(issue).toMatchObject({ line: 3, column: 1, path: 'schools', message: "missing required key 'schools'" });
  });

  it('points an empty value at its key', () => {
    const issue = only(errorOf('name: x\nschools:\n'));
    expect(issue).toMatchObject({ line: 2, column: 1, path: 'schools', expected: 'mapping', found: 'null (empty value)' });
  });

  it('reports a list where a mapping is expected, for the whole document', () => {
    const issue = only(errorOf('- a\n- b\n'));
    expect(issue).toMatchObject({ line: 1, column: 1, path: '', expected: 'mapping', found: 'list of 2 items' });
  });
});

describe('parseText: events (discriminated union)', () => {
  it('lists the allowed event kinds for an unknown kind, with a suggestion', () => {
    const text = 'name: x\nschools: {count: 3}\nevents:\n  - event: jion\n    school: a\n    tick: 1\n';
    const issue = only(errorOf(text));
    expect(issue).toMatchObject({
      line: 4,
      column: 12,
      path: 'events[0].event',
      expected: "one of 'join', 'leave', 'shock'",
      found: "string 'jion'",
      hint: "did you mean 'join'?",
    });
    expect(issue.message).toContain('jion');
  });

  it('reports a missing kind at the event mapping', () => {
    const text = 'name: x\nschools: {count: 3}\nevents:\n  - school: a\n';
    const issue = only(errorOf(text));
    expect(issue).toMatchObject({
      line: 4,
      column: 5,
      path: 'events[0].event',
      message: "missing required key 'event'",
      expected: "one of 'join', 'leave', 'shock'",
    });
  });

  it('checks the fields of the selected event kind', () => {
    const text = [
      'name: x',
      'schools: {count: 3}',
      'events:',
      '  - event: shock',
      '    magnitude: 3',
      '  - event: leave',
      '    school: b',
      '    tick: 4',
      '',
    ].join('\n');
    const e = errorOf(text);
    expect(e.issues).toHaveLength(2);
    expect(e.issues[0]).toMatchObject({ line: 5, column: 16, path: 'events[0].magnitude', expected: 'number <= 1', found: '3' });
    // `tick` belongs to `join`, not `leave`: the known keys are those of the chosen kind
    expect(e.issues[1]).toMatchObject({
      line: 8,
      column: 5,
      path: 'events[1].tick',
      message: "unknown key 'tick'",
      expected: 'one of the known keys: event, school',
    });
  });
});

describe('parseText: several issues', () => {
  const text = [
    'name: ""', //                          1: too short
    'sed: 3', //                            2: unknown key
    'structure: star', //                   3: invalid enum
    'trust:', //                            4
    '  initial: 1.2', //                    5: out of range
    'schools:', //                          6
    '  count: lots', //                     7: wrong type
    'events:', //                           8
    '  - {event: join, school: a, tick: -1}', // 9: out of range
    '',
  ].join('\n');

  it('reports every issue, sorted by line then column', () => {
    const e = errorOf(text);
    expect(e.issues.map((i) => [i.line, i.column, i.path])).toEqual([
      [1, 7, 'name'],
      [2, 1, 'sed'],
      [3, 12, 'structure'],
      [5, 12, 'trust.initial'],
      [7, 10, 'schools.count'],
      [9, 36, 'events[0].tick'],
    ]);
  });

  it('formats one line per issue', () => {
    const e = errorOf(text);
    const lines = formatInputError(e).split('\n');
    expect(lines).toHaveLength(6);
    expect(lines[1]).toBe(
      "scenario.yaml:2:1: error at sed: unknown key 'sed' (expected one of the known keys: name, seed, structure, trust, schools, events) did you mean 'seed'?",
    );
    expect(lines[3]).toBe('scenario.yaml:5:12: error at trust.initial: value out of range (expected number <= 1, found 1.2)');
    expect(e.message).toBe(formatInputError(e));
    expect(e.file).toBe('scenario.yaml');
    expect(e.name).toBe('InputError');
  });
});

describe('validateValue', () => {
  it('returns the parsed value', () => {
    expect(validateValue(Sample, { name: 'm', schools: { count: 2 } }, 'memory').seed).toBe(42);
  });

  it('reports issues with paths and line/column 0', () => {
    let error: InputError | undefined;
    try {
      validateValue(Sample, { name: 'm', schools: { count: 2, challange: 2 }, events: [{ event: 'leave' }] }, 'sweep point 3');
    } catch (e) {
      error = e as InputError;
    }
    expect(error).toBeInstanceOf(InputError);
    expect(error!.file).toBe('sweep point 3');
    expect(error!.issues).toEqual([
      {
        file: 'sweep point 3',
        line: 0,
        column: 0,
        path: 'schools.challange',
        message: "unknown key 'challange'",
        expected: 'one of the known keys: count, challenge',
        hint: "did you mean 'challenge'?",
      },
      {
        file: 'sweep point 3',
        line: 0,
        column: 0,
        path: 'events[0].school',
        message: "missing required key 'school'",
        expected: 'string',
      },
    ]);
    expect(formatInputError(error!).split('\n')[1]).toBe("sweep point 3: error at events[0].school: missing required key 'school' (expected string)");
  });
});

describe('InputError across copies of its module', () => {
  it('is recognised by its mark, so an InputError from another copy (a model loaded by URL, the bundled command) is still bad input', async () => {
    // A second copy of the module, as a model module imported by URL would load it.
    vi.resetModules();
    const copy = await import('../../src/scenario/input-error.ts');
    expect(copy.InputError).not.toBe(InputError);
    const theirs = new copy.InputError('f.yaml', [{ file: 'f.yaml', line: 1, column: 1, path: 'x', message: 'bad' }]);
    expect(theirs instanceof InputError).toBe(true);
    expect(new InputError('f.yaml', []) instanceof copy.InputError).toBe(true);
    expect(new Error('not input') instanceof InputError).toBe(false);
    expect((null as unknown) instanceof InputError).toBe(false);
  });
});
