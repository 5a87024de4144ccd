// Reading scenario files: valid input, YAML/JSON syntax errors, empty and missing files, positions.
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InputError, formatInputError, parseFile, parseText, readDocument } from '../../src/scenario/load.ts';
import { Sample, VALID, errorOf, only } from './sample.ts';

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
