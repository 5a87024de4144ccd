// Sweep files: the reading and schema checks shared with scenario files (positions, wording).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSweep, resolveSweep } from '../../src/experiment/load.ts';
import { InputError, formatInputError } from '../../src/scenario/load.ts';

async function errorOf(load: Promise<unknown>): Promise<InputError> {
  try {
    await load;
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('loadSweep: problems of the file itself', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-sweep-load-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing file and a folder without a position', async () => {
    const missing = join(dir, 'nope.yaml');
    expect((await errorOf(loadSweep(missing))).issues).toEqual([{ file: missing, line: 0, column: 0, path: '', message: 'file not found' }]);
    const e = await errorOf(loadSweep(dir));
    expect(formatInputError(e)).toBe(`${dir}: error: is a directory, expected a YAML or JSON file`);
  });

  it('reports syntax errors with line and column', async () => {
    const file = join(dir, 'syntax.yaml');
    writeFileSync(file, 'name: [\n');
    const e = await errorOf(loadSweep(file));
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0]).toMatchObject({ file, line: 2, column: 1, path: '' });
  });

  it('points unknown keys and unknown design types at the file, with suggestions', async () => {
    const file = join(dir, 'keys.yaml');
    writeFileSync(file, 'name: probe\nbase: base.yaml\nseed: 1\nfactors: []\ndesign:\n  type: factorail\nreplicatoins: 2\n');
    const lines = formatInputError(await errorOf(loadSweep(file))).split('\n');
    expect(lines).toEqual([
      // The base scenario is read although the sweep file is invalid: its problem comes in the same listing.
      `${file}:2:7: error at base: base scenario ${join(dir, 'base.yaml')}: file not found`,
      `${file}:6:9: error at design.type: unknown type 'factorail' (expected one of 'factorial', 'lhs', 'sobol', 'morris', 'explicit', found string 'factorail') did you mean 'factorial'?`,
      `${file}:7:1: error at replicatoins: unknown key 'replicatoins' (expected one of the known keys: $schema, name, description, base, years, factors, design, replications, seed, keep, metrics, report, runTimeoutSeconds) did you mean 'replications'?`,
    ]);
  });
});

describe('resolveSweep', () => {
  it('reports schema problems of an in-memory sweep without positions', async () => {
    const e = await errorOf(resolveSweep({ name: 'x', base: 'base.yaml', seed: -1, factors: [], design: { type: 'factorial' } }));
    expect(formatInputError(e)).toBe('<sweep>: error at seed: value out of range (expected integer >= 0, found -1)');
  });
});

describe('loadSweep: metrics the model does not report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-sweep-metrics-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = join(import.meta.dirname, '..', '..', 'scenarios', 'workshop-team.yaml');

  it('an unknown metric in metrics or report.metrics is an error at its position, with a suggestion', async () => {
    const file = join(dir, 'metrics.yaml');
    const text = [
      'name: m',
      `base: ${JSON.stringify(base)}`,
      'factors:',
      '  - { name: rate, path: turnover.leaderRate, levels: [0.05, 0.1] }',
      'design: { type: factorial }',
      'replications: 1',
      'seed: 1',
      'metrics: [trust_mean, trust_meen]',
      'report: { metrics: [effectivness_mean] }',
    ].join('\n');
    writeFileSync(file, text);
    const e = await errorOf(loadSweep(file));
    expect(e.issues.map((i) => [i.path, i.line, i.column])).toEqual([
      ['metrics[1]', 8, 23],
      ['report.metrics[0]', 9, 21],
    ]);
    expect(e.issues[0].message).toContain("unknown metric 'trust_meen'");
    expect(e.issues[0].hint).toBe("did you mean 'trust_mean'?");
  });

  it('every name the collabsim model lists is in a real run summary, and nothing else is', async () => {
    const { simulate, summaryMetricNames } = await import('../../src/model/simulate.ts');
    const { resolveScenario } = await import('../../src/api.ts');
    const out = simulate(resolveScenario({ schools: { count: 6 }, years: 1 }), { seed: 1 });
    expect(Object.keys(out.summary).sort()).toEqual([...summaryMetricNames()].sort());
  });
});

describe('loadSweep: every problem of the sweep file and its base scenario at once', () => {
  const dir = mkdtempSync(join(tmpdir(), 'collabsim-sweep-all-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = join(dir, 'base.yaml');
  writeFileSync(base, 'name: b\nyears: 2\nlocality:\n  preset: custom\n  schools: 30\nturnover:\n  leaderRat: 0.1\n');
  const sweep = (extra: string[]) =>
    ['name: s', 'base: base.yaml', 'factors:', '  - { path: turnover.leaderRate, name: t, levels: [0.1, 0.2] }', 'design: { type: factorial }', ...extra].join(
      '\n',
    );

  it('a bad key in the sweep file and a bad key in its base are reported together', async () => {
    const file = join(dir, 'both.yaml');
    writeFileSync(file, sweep(['replicatons: 2', 'seed: 1', 'report: { metrics: [trust_man] }']));
    const e = await errorOf(loadSweep(file));
    expect(e.issues.map((i) => [i.file, i.line, i.path])).toEqual([
      [file, 6, 'replicatons'],
      [file, 8, 'report.metrics[0]'],
      [base, 7, 'turnover.leaderRat'],
    ]);
  });

  it('with a valid sweep file, the base and the metric names are reported together', async () => {
    const file = join(dir, 'valid.yaml');
    writeFileSync(file, sweep(['replications: 2', 'seed: 1', 'report: { metrics: [trust_man] }']));
    const e = await errorOf(loadSweep(file));
    expect(e.issues.map((i) => [i.line, i.path])).toEqual([
      [8, 'report.metrics[0]'],
      [7, 'turnover.leaderRat'],
    ]);
  });
});
