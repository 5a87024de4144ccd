import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  InputError,
  formatInputError,
  parseFile,
  parseText,
  readDocument,
  validateValue,
  type InputIssue,
} from '../src/scenario/load.ts';
import { toJsonSchema } from '../src/scenario/jsonschema.ts';
import { stableJson as stableJsonFile } from '../src/common/json.ts';
const stableJson = (v: unknown) => stableJsonFile(v, { sortKeys: true });
import { schemaToMarkdown } from '../src/scenario/docs.ts';

// A small stand-in for the scenario schema: nested strict objects, bounded numbers,
// enums, defaults and a list of events discriminated by `event`.
const Event = z.discriminatedUnion('event', [
  z.strictObject({
    event: z.literal('join'),
    school: z.string().describe('School joining the partnership'),
    tick: z.number().int().min(0),
  }),
  z.strictObject({
    event: z.literal('leave'),
    school: z.string(),
  }),
  z.strictObject({
    event: z.literal('shock'),
    magnitude: z.number().min(-1).max(1),
  }),
]);

const Sample = z.strictObject({
  name: z.string().min(1).describe('Scenario name'),
  seed: z.number().int().default(42),
  structure: z.enum(['partnership', 'mat', 'hub']).default('partnership'),
  trust: z
    .strictObject({
      initial: z.number().min(0).max(1).default(0.5).describe('Starting relational trust'),
      decay: z.number().min(0).default(0.01),
    })
    .prefault({}),
  schools: z.strictObject({
    count: z.number().int().min(2).max(500),
    challenge: z.number().min(0).max(1).optional(),
  }),
  events: z.array(Event).default([]),
});

const VALID = `name: baseline
seed: 7
structure: mat
trust:
  initial: 0.4
schools:
  count: 12
events:
  - event: join
    school: s13
    tick: 10
  - event: shock
    magnitude: -0.5
`;

/** Parses and returns the InputError, failing the test if parsing succeeds. */
function errorOf(text: string, file = 'scenario.yaml', schema: z.ZodType = Sample): InputError {
  try {
    parseText(schema, text, file);
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

function only(e: InputError): InputIssue {
  expect(e.issues).toHaveLength(1);
  return e.issues[0];
}

describe('parseText: valid input', () => {
  it('returns the validated value with defaults applied', () => {
    const value = parseText(Sample, VALID, 'ok.yaml');
    expect(value.name).toBe('baseline');
    expect(value.trust).toEqual({ initial: 0.4, decay: 0.01 });
    expect(value.events).toEqual([
      { event: 'join', school: 's13', tick: 10 },
      { event: 'shock', magnitude: -0.5 },
    ]);
  });

  it('applies nested defaults when a whole section is left out', () => {
    const value = parseText(Sample, 'name: x\nschools: {count: 3}\n', 'ok.yaml');
    expect(value).toEqual({
      name: 'x',
      seed: 42,
      structure: 'partnership',
      trust: { initial: 0.5, decay: 0.01 },
      schools: { count: 3 },
      events: [],
    });
  });

  it('accepts JSON, including tab indentation', () => {
    const json = '{\n\t"name": "j",\n\t"schools": {\n\t\t"count": 4\n\t}\n}\n';
    expect(parseText(Sample, json, 'ok.json').schools.count).toBe(4);
  });

  it('reads YAML 1.2 core values only (yes/no stay strings, no custom tags)', () => {
    const schema = z.strictObject({ a: z.string(), b: z.number() });
    expect(parseText(schema, 'a: yes\nb: 0x10\n', 'f.yaml')).toEqual({ a: 'yes', b: 16 });
  });
});

describe('parseText: syntax errors', () => {
  it('reports the line and column given by the parser', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: [1, 2\nseed: 3\n'));
    expect(issue.file).toBe('scenario.yaml');
    expect(issue.line).toBe(4);
    expect(issue.column).toBe(1);
    expect(issue.message).toMatch(/flow sequence/i);
  });

  it('rejects tabs used as YAML indentation at the tab', () => {
    const issue = only(errorOf('name: x\nschools:\n\tcount: 3\n'));
    expect([issue.line, issue.column]).toEqual([3, 1]);
    expect(issue.message).toMatch(/tab/i);
  });

  it('reports a duplicate key at its second occurrence, with its path', () => {
    const issue = only(errorOf('name: x\nschools:\n  count: 3\n  count: 4\n'));
    expect([issue.line, issue.column]).toEqual([4, 3]);
    expect(issue.path).toBe('schools.count');
    expect(issue.message).toContain("duplicate key 'count'");
  });

  it('rejects custom and unknown tags', () => {
    const issue = only(errorOf('name: !!js/function "x"\nschools: {count: 3}\n'));
    expect([issue.line, issue.column]).toEqual([1, 7]);
    expect(issue.path).toBe('name');
    expect(issue.message).toContain('unsupported tag');
  });

  it('does not treat << as a merge key', () => {
    const e = errorOf('base: &b {count: 3}\nname: x\nschools:\n  <<: *b\n');
    const paths = e.issues.map((i) => i.path);
    expect(paths).toContain('schools["<<"]');
    expect(paths).toContain('base');
  });

  it('rejects several documents in one file', () => {
    const issue = only(errorOf('name: a\n---\nname: b\n'));
    expect([issue.line, issue.column]).toEqual([2, 1]);
  });
});

describe('parseText: empty files', () => {
  for (const [label, text] of [
    ['empty', ''],
    ['blank lines', '\n\n  \n'],
    ['comments only', '# nothing here\n  # still nothing\n'],
  ] as const) {
    it(`reports a ${label} file at 1:1`, () => {
      const issue = only(errorOf(text));
      expect(issue).toMatchObject({ line: 1, column: 1, path: '' });
      expect(issue.message).toBe('file is empty: expected a mapping of scenario keys');
    });
  }
});

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

describe('parseText: JSON input', () => {
  it('reports JSON errors with positions', () => {
    const json = '{\n  "name": "j",\n  "schools": {\n    "count": 1,\n    "chalenge": 0.5\n  }\n}\n';
    const e = errorOf(json, 'scenario.json');
    expect(e.issues).toHaveLength(2);
    expect(e.issues[0]).toMatchObject({
      file: 'scenario.json',
      line: 4,
      column: 14,
      path: 'schools.count',
      expected: 'integer >= 2',
      found: '1',
    });
    expect(e.issues[1]).toMatchObject({
      line: 5,
      column: 5,
      path: 'schools.chalenge',
      hint: "did you mean 'challenge'?",
    });
  });

  it('reports a duplicate JSON key', () => {
    const issue = only(errorOf('{"name": "a", "name": "b", "schools": {"count": 3}}', 'scenario.json'));
    expect([issue.line, issue.column]).toEqual([1, 15]);
    expect(issue.path).toBe('name');
  });

  it('reports a JSON syntax error', () => {
    const issue = only(errorOf('{\n  "name": "j",\n  "schools": {"count": 3}\n', 'scenario.json'));
    expect(issue.line).toBeGreaterThanOrEqual(3);
    expect(issue.path).toBe('');
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
    expect(lines[3]).toBe(
      'scenario.yaml:5:12: error at trust.initial: value out of range (expected number <= 1, found 1.2)',
    );
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
    expect(formatInputError(error!).split('\n')[1]).toBe(
      "sweep point 3: error at events[0].school: missing required key 'school' (expected string)",
    );
  });
});

describe('parseFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-input-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and validates a file', () => {
    const file = join(dir, 'ok.yaml');
    writeFileSync(file, VALID);
    expect(parseFile(Sample, file).structure).toBe('mat');
  });

  it('names the file in issues', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, '\uFEFFname: x\nschools: {count: 1}\n');
    const e = (() => {
      try {
        parseFile(Sample, file);
      } catch (err) {
        return err as InputError;
      }
      throw new Error('expected an error');
    })();
    expect(e.issues[0]).toMatchObject({ file, line: 2, column: 18, path: 'schools.count' });
    expect(formatInputError(e)).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:18: error at schools\\.count: `));
  });

  it('reports a missing file as an InputError', () => {
    const file = join(dir, 'nope.yaml');
    expect(() => parseFile(Sample, file)).toThrow(InputError);
    try {
      parseFile(Sample, file);
    } catch (e) {
      expect((e as InputError).issues).toEqual([{ file, line: 0, column: 0, path: '', message: 'file not found' }]);
    }
  });
});

describe('readDocument', () => {
  it('locates values, sequence items, and falls back to the nearest ancestor', () => {
    const doc = readDocument('a:\n  b: [1, {c: 2}]\n  d: &x {e: 5}\n  f: *x\n', 'x.yaml');
    expect(doc.value).toEqual({ a: { b: [1, { c: 2 }], d: { e: 5 }, f: { e: 5 } } });
    expect(doc.locate([])).toEqual({ line: 1, column: 1 });
    expect(doc.locate(['a'])).toEqual({ line: 2, column: 3 });
    expect(doc.locate(['a', 'b', 0])).toEqual({ line: 2, column: 7 });
    expect(doc.locate(['a', 'b', 1, 'c'])).toEqual({ line: 2, column: 14 });
    expect(doc.locate(['a', 'b', 1, 'missing'])).toEqual({ line: 2, column: 10 });
    // through an alias: the anchored node
    expect(doc.locate(['a', 'f', 'e'])).toEqual({ line: 3, column: 13 });
  });

  it('throws InputError on syntax errors', () => {
    expect(() => readDocument('a: [\n', 'x.yaml')).toThrow(InputError);
  });
});

describe('schema helpers', () => {
  it('exports an input-mode JSON Schema with $id and title', () => {
    const js = toJsonSchema(Sample, { title: 'Scenario', id: 'https://example.org/scenario.json' }) as Record<string, unknown>;
    expect(js.$id).toBe('https://example.org/scenario.json');
    expect(js.title).toBe('Scenario');
    expect(js.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // keys with defaults are optional in a file
    expect(js.required).toEqual(['name', 'schools']);
    expect(js.additionalProperties).toBe(false);
  });

  it('writes stable JSON', () => {
    expect(stableJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{\n  "a": {\n    "c": null,\n    "d": [\n      2,\n      {\n        "y": 2,\n        "z": 1\n      }\n    ]\n  },\n  "b": 1\n}\n',
    );
    expect(stableJson({ x: 1, y: 2 })).toBe(stableJson({ y: 2, x: 1 }));
  });

  it('renders Markdown reference docs deterministically', () => {
    const md = schemaToMarkdown(Sample, 'Scenario reference');
    expect(md).toBe(schemaToMarkdown(Sample, 'Scenario reference'));
    expect(md.startsWith('# Scenario reference\n')).toBe(true);
    expect(md).toContain('| `name` | string | **required** | at least 1 character | Scenario name |');
    expect(md).toContain('| `initial` | number | `0.5` | >= 0, <= 1 | Starting relational trust |');
    expect(md).toContain("| `structure` | string | `\"partnership\"` | one of 'partnership', 'mat', 'hub' |  |");
    expect(md).toContain('## `trust`');
    expect(md).toContain("## `events[] (event: 'shock')`");
    expect(md).toContain('| `magnitude` | number | **required** | >= -1, <= 1 |  |');
  });
});
