/**
 * The sweep machinery end to end (worker pool, journal, resume, shards,
 * merge, exports) on the analytic test model, which is fast and has known
 * answers. test/cli/sweep.test.ts repeats the key checks on the real
 * simulation through the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { runSweep } from '../../src/experiment/runner.ts';
import { parseShard } from '../../src/experiment/shard.ts';
import { sha256Hex } from '../../src/common/hash.ts';
import { mergeShards } from '../../src/experiment/merge.ts';
import { loadSweep, resolveSweep } from '../../src/experiment/load.ts';
import { deriveSeed } from '../../src/experiment/seeding.ts';
import { SweepError } from '../../src/experiment/errors.ts';
import { createProgress } from '../../src/common/progress.ts';
import { scanJournal } from '../../src/experiment/journal.ts';
import { sweepCommand } from '../../src/cli/commands/sweep.ts';

const MODEL = 'analytic';
let root: string;

function sha(file: string): string {
  return sha256Hex(readFileSync(file));
}

function csvRows(file: string): number {
  return (
    readFileSync(file, 'utf8')
      .split('\r\n')
      .filter((l) => l.length > 0).length - 1
  );
}

function writeSweep(name: string, body: Record<string, unknown>): string {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify({ name, ...body }, null, 2));
  return file;
}

const PI = Math.PI;
const sobolSweep = (extra: Record<string, unknown> = {}) => ({
  base: { fn: 'ishigami', x: { x1: 0, x2: 0, x3: 0 }, noise: 0.2, seriesLength: 3, ...extra },
  factors: [
    { path: 'x.x1', name: 'x1', range: { min: -PI, max: PI } },
    { path: 'x.x2', name: 'x2', range: { min: -PI, max: PI } },
    { path: 'x.x3', name: 'x3', range: { min: -PI, max: PI } },
  ],
  design: { type: 'sobol', baseSamples: 8, bootstrap: 50 },
  replications: 2,
  seed: 99,
  keep: 'both',
});

const TABLES = ['runs.csv', 'aggregated.csv', 'sensitivity.csv', 'timeseries.csv'];

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-sweep-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('determinism across workers and shards', () => {
  it('gives byte-identical tables with 1 worker, 2 workers and 3 merged shards', async () => {
    const file = writeSweep('det', sobolSweep());
    const sweep = await loadSweep(file, { model: MODEL });
    expect(sweep.totalRuns).toBe(8 * 5 * 2);
    const one = await runSweep(sweep, { workers: 1, out: join(root, 'det-w1') });
    const two = await runSweep(sweep, { workers: 2, out: join(root, 'det-w2') });
    expect(one.status).toBe('complete');
    expect(two.ok).toBe(80);
    const shardDirs: string[] = [];
    for (let k = 0; k < 3; k++) {
      const dir = join(root, `det-s${k}`);
      const r = await runSweep(sweep, { workers: 2, shard: `${k}/3`, out: dir });
      expect(r.total).toBe(k < 2 ? 27 : 26);
      shardDirs.push(dir);
    }
    // Shards are given in any order.
    const merged = await mergeShards([shardDirs[2], shardDirs[0], shardDirs[1]], { out: join(root, 'det-merged') });
    expect(merged.runs).toBe(80);
    for (const t of TABLES) {
      const h1 = sha(join(one.dir, t));
      expect(sha(join(two.dir, t)), t).toBe(h1);
      expect(sha(join(merged.dir, t)), t).toBe(h1);
    }
    // Rows in canonical order with the seed rule written on every row.
    const lines = readFileSync(join(one.dir, 'runs.csv'), 'utf8').trim().split('\r\n');
    const head = lines[0].split(',');
    expect(head.slice(0, 8)).toEqual(['run', 'point', 'label', 'rep', 'x1', 'x2', 'x3', 'seed']);
    lines.slice(1).forEach((line, i) => {
      const cells = line.split(',');
      expect(Number(cells[0])).toBe(i);
      const point = sweep.design.points[Number(cells[1])];
      expect(Number(cells[7])).toBe(deriveSeed(99, point.id, Number(cells[3])));
    });
    // Replications of a point got different seeds and so different noise.
    const agg = readFileSync(join(one.dir, 'aggregated.csv'), 'utf8').trim().split('\r\n');
    expect(agg[0]).toBe('point,label,x1,x2,x3,metric,n,mean,sd,ci95_low,ci95_high');
    expect(agg.length - 1).toBe(40 * 2);
    const manifest = JSON.parse(readFileSync(join(merged.dir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('complete');
    expect(manifest.merged_from).toHaveLength(3);
  });

  it('refuses shards from another sweep, missing or repeated shards, and tampered journals', async () => {
    const fileA = writeSweep('refA', { ...sobolSweep(), replications: 1 });
    const fileB = writeSweep('refB', { ...sobolSweep(), replications: 1, seed: 100 });
    const a = await loadSweep(fileA, { model: MODEL });
    const b = await loadSweep(fileB, { model: MODEL });
    const dirs: string[] = [];
    for (let k = 0; k < 2; k++) {
      const dir = join(root, `refA-s${k}`);
      await runSweep(a, { workers: 1, shard: { index: k, count: 2 }, out: dir });
      dirs.push(dir);
    }
    const other = join(root, 'refB-s1');
    await runSweep(b, { workers: 1, shard: '1/2', out: other });
    await expect(mergeShards([dirs[0], other], { out: join(root, 'm1') })).rejects.toThrow(/different sweeps/);
    await expect(mergeShards([dirs[0]], { out: join(root, 'm2') })).rejects.toThrow(/missing shard\(s\) 1\/2/);
    await expect(mergeShards([dirs[0], dirs[0]], { out: join(root, 'm3') })).rejects.toThrow(/given twice/);
    // A run duplicated into the other shard's journal.
    const j0 = join(dirs[0], 'state', 'journal.ndjson');
    const j1 = join(dirs[1], 'state', 'journal.ndjson');
    const saved = readFileSync(j1);
    appendFileSync(j1, readFileSync(j0, 'utf8').split('\n')[0] + '\n');
    await expect(mergeShards(dirs, { out: join(root, 'm4') })).rejects.toThrow(SweepError);
    writeFileSync(j1, saved);
    // A run missing from a shard.
    const lines = saved.toString('utf8').split('\n').filter(Boolean);
    writeFileSync(j1, lines.slice(1).join('\n') + '\n');
    await expect(mergeShards(dirs, { out: join(root, 'm5') })).rejects.toThrow(/missing runs/);
    writeFileSync(j1, saved);
    const ok = await mergeShards(dirs, { out: join(root, 'm6') });
    expect(ok.runs).toBe(40);
    for (const m of ['m1', 'm2', 'm3', 'm4', 'm5']) expect(existsSync(join(root, m))).toBe(false);
  });

  it('parses shard specifications (0-based)', () => {
    expect(parseShard('0/3')).toEqual({ index: 0, count: 3 });
    expect(parseShard(' 2 / 3 ')).toEqual({ index: 2, count: 3 });
    expect(() => parseShard('3/3')).toThrow(/0-based/);
    expect(() => parseShard('1-3')).toThrow(/k\/N/);
    expect(() => parseShard('0/0')).toThrow(/at least 1/);
  });
});

describe('Sobol indices through the whole sweep', () => {
  it('recovers the Ishigami indices from sensitivity.csv (N = 1024, tolerance 0.05)', async () => {
    const r = await runSweep(
      { name: 'ishigami', ...sobolSweep({ noise: 0 }), design: { type: 'sobol', baseSamples: 1024, bootstrap: 100 }, replications: 1, keep: 'final' },
      { model: MODEL, workers: 2, out: join(root, 'ishigami'), extras: false },
    );
    expect(r.ok).toBe(1024 * 5);
    const rows = readFileSync(join(r.dir, 'sensitivity.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const get = (f: string, st: string) => Number(rows.find((c) => c[1] === 'y' && c[2] === f && c[3] === st)![4]);
    const exact = { S1: [0.3139, 0.4424, 0], ST: [0.5576, 0.4424, 0.2437] };
    ['x1', 'x2', 'x3'].forEach((f, i) => {
      expect(Math.abs(get(f, 'S1') - exact.S1[i])).toBeLessThan(0.05);
      expect(Math.abs(get(f, 'ST') - exact.ST[i])).toBeLessThan(0.05);
    });
  });
});

describe('robustness', () => {
  it('records a throwing run as failed, keeps going, and reports it', async () => {
    const file = writeSweep('fail', {
      base: { fn: 'linear', x: { x1: 0, x2: 0 }, failWhen: { input: 'x1', above: 0.6 }, exitWhen: { input: 'x2', above: 0.95 } },
      factors: [
        { path: 'x.x1', name: 'x1', levels: [0, 0.5, 1] },
        { path: 'x.x2', name: 'x2', levels: [0, 1] },
      ],
      design: { type: 'factorial' },
      replications: 2,
      seed: 3,
    });
    const out = join(root, 'fail-out');
    const err: string[] = [];
    const code = await sweepCommand(
      file,
      { workers: 2, out, quiet: true, model: MODEL },
      { out: { write: () => true } as never, err: { write: (s: string) => err.push(s) } as never },
    );
    expect(code).toBe(1);
    expect(err.join('')).toMatch(/runs failed/);
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(12);
    // point order: (x1, x2) = (0,0) (0,1) (0.5,0) (0.5,1) (1,0) (1,1)
    const status = rows.map((r) => r[6]);
    expect(status).toEqual(['ok', 'ok', 'failed', 'failed', 'ok', 'ok', 'failed', 'failed', 'failed', 'failed', 'failed', 'failed']);
    // x2 = 1 ends the worker thread: recorded as failed, a fresh worker takes over.
    expect(rows[2][7]).toMatch(/worker thread exited/);
    expect(rows[4][7]).toBe('');
    expect(rows[8][7]).toMatch(/above 0.6/);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.runs.failed).toBe(8);
    expect(manifest.status).toBe('complete');
    // Aggregates skip the failed runs.
    const agg = readFileSync(join(out, 'aggregated.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(agg.find((r) => r[0] === '0' && r[3] === 'y')?.[4]).toBe('2');
    expect(agg.find((r) => r[0] === '1' && r[3] === 'y')?.[4]).toBe('0');
  });

  it('--resume --retry-failed runs the failed runs of a finished sweep again, once each; a plain --resume does nothing', async () => {
    const file = writeSweep('retry', {
      base: { fn: 'linear', x: { x1: 0, x2: 0 }, failWhen: { input: 'x1', above: 0.6 } },
      factors: [{ path: 'x.x1', name: 'x1', levels: [0, 1] }],
      design: { type: 'factorial' },
      replications: 3,
      seed: 5,
    });
    const out = join(root, 'retry-out');
    const first = await runSweep(file, { workers: 2, out, model: MODEL });
    expect([first.executed, first.failed]).toEqual([6, 3]);
    // A plain resume of a finished sweep runs nothing.
    const again = await runSweep(file, { workers: 2, out, model: MODEL, resume: true });
    expect(again.executed).toBe(0);
    // Retrying runs the three failed runs again, and only those (they fail again: the failure is in the input).
    const retried = await runSweep(file, { workers: 2, out, model: MODEL, resume: true, retryFailed: true });
    expect([retried.executed, retried.failed, retried.ok]).toEqual([3, 3, 3]);
    const runs = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\r\n').slice(1);
    expect(runs).toHaveLength(6);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).status).toBe('complete');
  });

  it('--resume removes the temporaries a killed finalisation left behind', async () => {
    const file = writeSweep('stale', {
      base: { fn: 'linear', x: { x1: 0, x2: 0 } },
      factors: [{ path: 'x.x1', name: 'x1', levels: [0, 1] }],
      design: { type: 'factorial' },
      replications: 2,
      seed: 5,
    });
    const out = join(root, 'stale-out');
    const quiet = { out: { write: () => true } as never, err: { write: () => true } as never };
    expect(await sweepCommand(file, { workers: 1, out, quiet: true, model: MODEL }, quiet)).toBe(0);
    const stale = [
      join(out, '.aggregated.csv.tmp-99999-0a1b2c3d'),
      join(out, '.sweep.duckdb.tmp-99999-ffee0011.wal'),
      join(out, 'parquet', '.runs.parquet.tmp-99999-12345678'),
    ];
    for (const f of stale) writeFileSync(f, 'half-written');
    const keep = join(out, 'notes.tmp.txt');
    writeFileSync(keep, 'mine');
    expect(await sweepCommand(file, { workers: 1, out, quiet: true, model: MODEL, resume: true }, quiet)).toBe(0);
    for (const f of stale) expect(existsSync(f), f).toBe(false);
    expect(existsSync(keep)).toBe(true);
  });

  it('stops a run past its timeout, replaces the worker, and runs the tasks queued behind it', async () => {
    // Workers hold two tasks each, so every run that hangs has another queued behind it
    // on the same worker: those must run on the replacement, not fail with the hung one.
    const file = writeSweep('hang', {
      base: { fn: 'linear', x: { x1: 0, x2: 0 }, hangWhen: { input: 'x1', above: 0.6 } },
      factors: [
        { path: 'x.x1', name: 'x1', levels: [0, 1, 0, 0] },
        { path: 'x.x2', name: 'x2', levels: [0, 1] },
      ],
      design: { type: 'factorial' },
      replications: 2,
      seed: 4,
      runTimeoutSeconds: 0.5,
    });
    const out = join(root, 'hang-out');
    const t0 = performance.now();
    const code = await sweepCommand(
      file,
      { workers: 2, out, quiet: true, model: MODEL },
      { out: { write: () => true } as never, err: { write: () => true } as never },
    );
    expect(code).toBe(1);
    // Four hung runs stopped at 0.5 s each, not at the 5 s they would sleep.
    expect(performance.now() - t0).toBeLessThan(20_000);
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    expect(rows).toHaveLength(16);
    // Points 2 and 3 (x1 = 1) hang; every other run completes.
    expect(rows.map((r) => r[6])).toEqual(['ok', 'ok', 'ok', 'ok', 'failed', 'failed', 'failed', 'failed', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    for (const r of rows.slice(4, 8)) expect(r[7]).toMatch(/timed out after 0.5 s/);
  }, 60_000);

  it('stops cleanly on abort and resumes without losing or duplicating a run, even after a torn journal line', async () => {
    const body = {
      base: { fn: 'linear', x: { x1: 0, x2: 0 }, coefficients: [1, 2], noise: 1, delayMs: 15, seriesLength: 2 },
      factors: [
        { path: 'x.x1', name: 'x1', range: { min: 0, max: 1, steps: 5 } },
        { path: 'x.x2', name: 'x2', levels: [0, 1, 2, 3] },
      ],
      design: { type: 'factorial' },
      replications: 3,
      seed: 5,
      keep: 'both',
    };
    const sweep = await resolveSweep({ name: 'resume', ...body }, { model: MODEL });
    const clean = await runSweep(sweep, { workers: 2, out: join(root, 'resume-clean') });
    const dir = join(root, 'resume-cut');
    const controller = new AbortController();
    const r1 = await runSweep(sweep, {
      workers: 2,
      out: dir,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.done >= 12) controller.abort();
      },
    });
    expect(r1.status).toBe('interrupted');
    expect(r1.done).toBeGreaterThanOrEqual(12);
    expect(r1.done).toBeLessThan(60);
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')).status).toBe('interrupted');
    expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
    // Without --resume the folder is refused.
    await expect(runSweep(sweep, { out: dir })).rejects.toThrow(/--resume/);
    // Simulate a crash in the middle of a write: a torn last line.
    const journal = join(dir, 'state', 'journal.ndjson');
    const firstLine = readFileSync(journal, 'utf8').split('\n')[0];
    appendFileSync(journal, firstLine.slice(0, 40));
    const seen: number[] = [];
    const r2 = await runSweep(sweep, { workers: 2, out: dir, resume: true, onProgress: (e) => e.last && seen.push(e.last.run) });
    expect(r2.status).toBe('complete');
    expect(r2.resumedRuns).toBe(r1.done);
    expect(r2.executed).toBe(60 - r1.done);
    // No run executed twice across the two sessions.
    const runs: number[] = [];
    scanJournal(journal, ({ rec }) => runs.push(rec.run));
    expect(runs.length).toBe(60);
    expect(new Set(runs).size).toBe(60);
    for (const t of ['runs.csv', 'aggregated.csv', 'timeseries.csv']) expect(sha(join(dir, t)), t).toBe(sha(join(clean.dir, t)));
    // Resuming a complete folder does nothing.
    const r3 = await runSweep(sweep, { out: dir, resume: true });
    expect(r3.executed).toBe(0);
    expect(r3.status).toBe('complete');
  });

  it('rejects invalid sweeps with located messages and creates no output folder', async () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(
      file,
      [
        'name: bad',
        'base: { fn: linear, x: { x1: 0 } }',
        'factors:',
        '  - { path: x.x1, levels: [0, 1] }',
        '  - { path: noise, levels: [-1] }',
        'design: { type: factorial }',
        'replicates: 2',
        'seed: 1',
        '',
      ].join('\n'),
    );
    const err: string[] = [];
    const results = join(root, 'bad-results');
    const code = await sweepCommand(
      file,
      { results, model: MODEL },
      { out: { write: () => true } as never, err: { write: (s: string) => err.push(s) } as never },
    );
    expect(code).toBe(2);
    expect(err.join('')).toMatch(/bad\.yaml:7:1: error at replicates: unknown key 'replicates'.*did you mean 'replications'/);
    expect(existsSync(results)).toBe(false);
    writeFileSync(file, readFileSync(file, 'utf8').replace('replicates', 'replications'));
    err.length = 0;
    expect(
      await sweepCommand(file, { results, model: MODEL }, { out: { write: () => true } as never, err: { write: (s: string) => err.push(s) } as never }),
    ).toBe(2);
    expect(err.join('')).toMatch(/bad\.yaml:5:\d+: error at factors\[1\]\.levels: .*noise/);
    expect(existsSync(results)).toBe(false);
  });
});

describe('other designs and options', () => {
  it('runs Latin hypercube and explicit designs, keeping only time series when asked', async () => {
    const lhs = await runSweep(
      {
        name: 'lhs',
        base: { fn: 'linear', x: { x1: 0, x2: 0 }, coefficients: [2, -1], seriesLength: 2 },
        factors: [
          { path: 'x.x1', name: 'x1', range: { min: 0, max: 10 } },
          { path: 'x.x2', name: 'x2', range: { min: 1, max: 5 }, integer: true },
        ],
        design: { type: 'lhs', samples: 10 },
        replications: 1,
        seed: 4,
        keep: 'timeseries',
      },
      { model: MODEL, workers: 2, out: join(root, 'lhs') },
    );
    expect(lhs.ok).toBe(10);
    const runs = readFileSync(join(lhs.dir, 'runs.csv'), 'utf8').trim().split('\r\n');
    expect(runs[0]).toBe('run,point,rep,x1,x2,seed,status,error');
    expect(runs.slice(1).every((l) => Number.isInteger(Number(l.split(',')[4])))).toBe(true);
    expect(existsSync(join(lhs.dir, 'aggregated.csv'))).toBe(false);
    const ts = readFileSync(join(lhs.dir, 'timeseries.csv'), 'utf8').trim().split('\r\n');
    expect(ts[0]).toBe('run,point,rep,seed,tick,year,metric,level,value');
    expect(ts.length - 1).toBe(10 * (3 + 2)); // y at ticks 0..2, noise at ticks 1..2

    const explicit = await runSweep(
      {
        name: 'explicit',
        base: { fn: 'linear', x: { x1: 0, x2: 0 }, coefficients: [1, 10] },
        factors: [
          { path: 'x.x1', name: 'x1' },
          { path: 'x.x2', name: 'x2' },
        ],
        design: {
          type: 'explicit',
          points: [
            { x1: 1, x2: 0 },
            { x1: 0, x2: 1 },
            { x1: 1, x2: 1 },
          ],
        },
        replications: 2,
        seed: 4,
      },
      { model: MODEL, workers: 1, out: join(root, 'explicit') },
    );
    const agg = readFileSync(join(explicit.dir, 'aggregated.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .filter((l) => l.includes(',y,'));
    expect(agg.map((l) => l.split(',').slice(0, 6))).toEqual([
      ['0', '1', '0', 'y', '2', '1'],
      ['1', '0', '1', 'y', '2', '10'],
      ['2', '1', '1', 'y', '2', '11'],
    ]);
  });

  it('aggregates each point with n, mean, sample sd and a t interval', async () => {
    const r = await runSweep(
      {
        name: 'agg',
        base: { fn: 'linear', x: { x1: 0 }, noise: 1 },
        factors: [{ path: 'x.x1', name: 'x1', levels: [0, 5] }],
        design: { type: 'factorial' },
        replications: 6,
        seed: 8,
      },
      { model: MODEL, workers: 2, out: join(root, 'agg') },
    );
    const rows = readFileSync(join(r.dir, 'runs.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const ys = rows.filter((c) => c[1] === '1').map((c) => Number(c[7]));
    expect(ys).toHaveLength(6);
    const mean = ys.reduce((a, b) => a + b, 0) / 6;
    const sd = Math.sqrt(ys.reduce((a, b) => a + (b - mean) ** 2, 0) / 5);
    const half = (2.570582 * sd) / Math.sqrt(6);
    const agg = readFileSync(join(r.dir, 'aggregated.csv'), 'utf8')
      .trim()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    const row = agg.find((c) => c[0] === '1' && c[2] === 'y')!;
    expect(Number(row[3])).toBe(6);
    expect(Number(row[4])).toBeCloseTo(mean, 4);
    expect(Number(row[5])).toBeCloseTo(sd, 4);
    expect(Number(row[6])).toBeCloseTo(mean - half, 4);
    expect(Number(row[7])).toBeCloseTo(mean + half, 4);
  });

  it('finds the latest unfinished folder of a sweep when resuming without --out', async () => {
    const results = join(root, 'results-auto');
    const spec = {
      name: 'auto',
      base: { fn: 'linear', x: { x1: 0 }, delayMs: 10 },
      factors: [{ path: 'x.x1', name: 'x1', levels: [0, 1, 2, 3] }],
      design: { type: 'factorial' },
      replications: 5,
      seed: 1,
    };
    const controller = new AbortController();
    const first = await runSweep(spec, {
      model: MODEL,
      workers: 1,
      resultsDir: results,
      signal: controller.signal,
      onProgress: (e) => e.done >= 3 && controller.abort(),
    });
    expect(first.status).toBe('interrupted');
    expect(first.dir.startsWith(join(results, 'auto'))).toBe(true);
    const second = await runSweep(spec, { model: MODEL, workers: 2, resultsDir: results, resume: true });
    expect(second.dir).toBe(first.dir);
    expect(second.status).toBe('complete');
    expect(second.resumedRuns).toBe(first.done);
  });
});

describe('exports', () => {
  it('writes DuckDB and Parquet files that another process can query, with the CSV row counts', async () => {
    const file = writeSweep('exp', { ...sobolSweep(), replications: 1 });
    const r = await runSweep(file, { model: MODEL, workers: 2, out: join(root, 'exp-out') });
    const script = `
      import { DuckDBInstance } from '@duckdb/node-api';
      const dir = process.argv[1];
      const db = await DuckDBInstance.create(dir + '/sweep.duckdb', { access_mode: 'READ_ONLY' });
      const con = await db.connect();
      const out = {};
      for (const t of ['runs', 'aggregated', 'sensitivity', 'timeseries']) {
        const a = await con.runAndReadAll('SELECT count(*) FROM ' + t);
        const b = await con.runAndReadAll("SELECT count(*) FROM read_parquet('" + dir + "/parquet/" + t + ".parquet')");
        out[t] = [Number(a.getRowsJS()[0][0]), Number(b.getRowsJS()[0][0])];
      }
      const s = await con.runAndReadAll("SELECT factor, value FROM sensitivity WHERE metric = 'y' AND statistic = 'ST' ORDER BY factor");
      out.st = s.getRowsJS();
      const f = await con.runAndReadAll("SELECT count(*) FROM runs WHERE status = 'ok' AND seed > 0 AND x1 BETWEEN -4 AND 4");
      out.typed = Number(f.getRowsJS()[0][0]);
      con.closeSync(); db.closeSync();
      console.log(JSON.stringify(out));
    `;
    const text = execFileSync(process.execPath, ['--input-type=module', '-e', script, r.dir], { cwd: process.cwd(), encoding: 'utf8' });
    const got = JSON.parse(text) as Record<string, [number, number]> & { st: [string, number][]; typed: number };
    for (const [t, csv] of [
      ['runs', 'runs.csv'],
      ['aggregated', 'aggregated.csv'],
      ['sensitivity', 'sensitivity.csv'],
      ['timeseries', 'timeseries.csv'],
    ] as const) {
      const n = csvRows(join(r.dir, csv));
      expect(n).toBeGreaterThan(0);
      expect(got[t]).toEqual([n, n]);
    }
    expect(got.st.map((x) => x[0])).toEqual(['x1', 'x2', 'x3']);
    expect(got.typed).toBe(40);
    const html = readFileSync(join(r.dir, 'report.html'), 'utf8');
    expect(html).toMatch(/<svg/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(readdirSync(join(r.dir, 'charts')).sort()).toEqual(
      ['heatmap.svg', 'heatmap.vl.json', 'main-effects.svg', 'main-effects.vl.json', 'tornado.svg', 'tornado.vl.json'].sort(),
    );
  });
});

describe('progress', () => {
  it('draws a bar on a terminal and plain lines elsewhere', () => {
    let t = 0;
    const tty: string[] = [];
    const p = createProgress({ total: 10, label: 'runs', stream: { write: (s: string) => tty.push(s), isTTY: true, columns: 100 }, now: () => t, redrawMs: 0 });
    for (let i = 0; i < 10; i++) {
      t += 500;
      p.tick();
    }
    p.done();
    expect(tty.join('')).toMatch(/\r\[#+\] 10\/10 runs {2}100% {2}2\.00 runs\/s {2}ETA 00:00/);
    const plain: string[] = [];
    t = 0;
    const q = createProgress({ total: 100, label: 'runs', stream: { write: (s: string) => plain.push(s), isTTY: false }, now: () => t, intervalMs: 1e9 });
    for (let i = 0; i < 100; i++) {
      t += 100;
      q.tick();
    }
    q.done();
    expect(plain.every((l) => l.endsWith('\n') && !l.includes('\r'))).toBe(true);
    expect(plain.length).toBe(10); // 10%, 20%, ... 90%, then the final line
    expect(plain[0]).toMatch(/^10\/100 runs {2}10% {2}10\.0 runs\/s {2}ETA 00:09/);
  });
});
