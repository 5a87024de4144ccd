/**
 * Reading a sweep folder: CSV records with quoted fields, rows that did not
 * finish, factor kinds from the manifest, per-run and per-point cases, and
 * the errors for folders that are not finished sweeps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellNumber, parseCsv } from '../../../src/experiment/discover/csv-read.ts';
import { readSweepTable } from '../../../src/experiment/discover/sweep-table.ts';
import { buildCases } from '../../../src/experiment/discover/build-cases.ts';
import { parseCondition } from '../../../src/experiment/discover/condition.ts';
import { toCsv } from '../../../src/output/csv.ts';
import { SweepError } from '../../../src/experiment/errors.ts';

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-discover-read-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small factorial sweep: a numeric grid factor, a text factor, two replications per point. */
function writeGrid(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const columns = ['run', 'point', 'rep', 'rate', 'mode', 'seed', 'status', 'error', 'trust_mean', 'practice_t50_years'];
  const rows: (string | number)[][] = [];
  let run = 0;
  [0.1, 0.2, 0.3].forEach((rate, a) =>
    ['hub', 'mat'].forEach((mode, b) => {
      for (let rep = 0; rep < 2; rep++) {
        const point = a * 2 + b;
        rows.push([run++, point, rep, rate, mode, 7, 'ok', '', 0.4 + rate + (mode === 'mat' ? 0.1 : 0) + (rep ? 0.02 : -0.02), rep ? '' : 3]);
      }
    }),
  );
  rows.push([run, 6, 0, 0.3, 'hub', 8, 'failed', 'boom, "quoted"\nover two lines', '', '']);
  writeFileSync(join(dir, 'runs.csv'), toCsv(columns, rows));
  const factors = [
    { name: 'rate', path: 'turnover.leaderRate', levels: [0.1, 0.2, 0.3] },
    { name: 'mode', path: 'policy.mode', levels: ['hub', 'mat', 'none'] },
  ];
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ kind: 'sweep', name: 'grid', status: 'complete', design: { type: 'factorial' }, factors }));
}

describe('parseCsv', () => {
  it('reads what output/csv.ts writes, quotes, commas and line breaks included', () => {
    const text = toCsv(
      ['a', 'b', 'c'],
      [
        [1, 'x, "y"', 'two\r\nlines'],
        [1.5, '', null],
      ],
    );
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'x, "y"', 'two\r\nlines'],
      ['1.5', '', ''],
    ]);
    expect(parseCsv('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect([cellNumber(''), cellNumber('Inf'), cellNumber('-Inf'), cellNumber('0.25'), cellNumber('x')]).toEqual([NaN, Infinity, -Infinity, 0.25, NaN]);
  });
});

describe('readSweepTable and buildCases', () => {
  it('drops rows that are not ok, and takes the metric columns after error', () => {
    const dir = join(root, 'grid');
    writeGrid(dir);
    const t = readSweepTable(dir);
    expect(t.rows).toHaveLength(12);
    expect(t.metrics).toEqual(['trust_mean', 'practice_t50_years']);
    expect(t.notes).toEqual(['1 of 13 runs dropped because their status is not ok (1 failed)']);
  });

  it('builds numeric and categorical factors, per run and per point', () => {
    const dir = join(root, 'grid');
    const t = readSweepTable(dir);
    const runs = buildCases(t, parseCondition('trust_mean > 0.6', { metrics: t.metrics, factors: [] }), 'run');
    const [rate, mode] = runs.cases.factors;
    expect(rate).toMatchObject({ kind: 'numeric', min: 0.1, max: 0.3, levels: [0.1, 0.2, 0.3] });
    expect(mode).toMatchObject({ kind: 'categorical', levels: ['hub', 'mat', 'none'] });
    // Each point's runs are its mean -0.02 and +0.02: means 0.5, 0.6, 0.6, 0.7, 0.7, 0.8.
    expect(Array.from(runs.cases.y)).toEqual([0, 0, 0, 1, 0, 1, 1, 1, 1, 1, 1, 1]);
    const points = buildCases(t, parseCondition('trust_mean > 0.65', { metrics: t.metrics, factors: [] }), 'point');
    expect(points.unit).toBe('points');
    expect(Array.from(points.cases.y)).toEqual([0, 0, 0, 1, 1, 1]);
    expect(points.notes.join()).toMatch(/mean over the replications of each of the 6 design points/);
  });

  it('notes runs without a value of a metric the condition reads', () => {
    const t = readSweepTable(join(root, 'grid'));
    const c = buildCases(t, parseCondition('practice_t50_years < 5', { metrics: t.metrics, factors: [] }), 'run');
    expect(Array.from(c.cases.y)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect(c.notes).toEqual(['6 of 12 runs have no value of practice_t50_years; a comparison with a missing value is false']);
  });

  it('refuses folders that are not finished sweeps', () => {
    const error = (dir: string) => {
      try {
        readSweepTable(dir);
      } catch (e) {
        expect(e).toBeInstanceOf(SweepError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error(join(root, 'absent'))).toMatch(/no such folder/);
    const empty = join(root, 'empty');
    mkdirSync(empty);
    expect(error(empty)).toMatch(/is not a sweep output folder \(no manifest\.json\)/);
    writeFileSync(join(empty, 'manifest.json'), JSON.stringify({ kind: 'discover', factors: [] }));
    expect(error(empty)).toMatch(/holds a discover folder, not a sweep/);
    writeFileSync(join(empty, 'manifest.json'), JSON.stringify({ kind: 'sweep', factors: [{ name: 'x' }] }));
    expect(error(empty)).toMatch(/has no runs\.csv/);
    writeFileSync(join(empty, 'runs.csv'), 'run,status,error,m\r\n0,failed,x,\r\n');
    expect(error(empty)).toMatch(/no column for factor\(s\) x/);
    writeFileSync(join(empty, 'runs.csv'), 'run,x,status,error,m\r\n0,1,failed,x,\r\n');
    expect(error(empty)).toMatch(/has no run with status ok/);
  });
});
