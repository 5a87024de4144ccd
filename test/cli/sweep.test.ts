/**
 * Sweeps of the real simulation through the command line:
 * - the same sweep with --workers 1, --workers 2, and as three shards merged
 *   gives byte-identical runs.csv and aggregated.csv;
 * - a sweep killed with SIGKILL part-way resumes with every run exactly once,
 *   and its runs.csv equals that of an uninterrupted run;
 * - SIGTERM stops cleanly with exit code 130;
 * - the example sweeps load, and `sweep plan` reaches its subcommand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadSweep } from '../../src/experiment/load.ts';
import { scanJournal } from '../../src/experiment/journal.ts';
import { sha256Hex } from '../../src/common/hash.ts';

const CLI = resolve('bin/collabsim.mjs');
let root: string;

function sha(file: string): string {
  return sha256Hex(readFileSync(file));
}

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function journalRuns(dir: string): number[] {
  const runs: number[] = [];
  scanJournal(join(dir, 'state', 'journal.ndjson'), ({ rec }) => runs.push(rec.run));
  return runs;
}

function journalLines(dir: string): number {
  const f = join(dir, 'state', 'journal.ndjson');
  if (!existsSync(f)) return 0;
  return readFileSync(f, 'utf8').split('\n').length - 1;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-sweepcli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('example sweeps', () => {
  it('load and validate every design point', async () => {
    const grid = await loadSweep('scenarios/sweeps/trust-turnover-grid.yaml');
    expect(grid.design.type).toBe('factorial');
    expect(grid.factors.map((f) => f.path)).toEqual(['leaders.propensityToTrust.mean', 'turnover.leaderRate']);
    expect(grid.replications).toBe(5);
    const sobol = await loadSweep('scenarios/sweeps/sobol-core.yaml');
    expect(sobol.design.type).toBe('sobol');
    expect(sobol.factors.length).toBeGreaterThanOrEqual(5);
    expect(sobol.design.points.length).toBe(32 * (sobol.factors.length + 2));
  });
});

describe('collabsim sweep (CLI)', () => {
  it('gives byte-identical runs.csv and aggregated.csv with 1 worker, 2 workers and 3 merged shards', () => {
    const file = join(root, 'det.yaml');
    writeFileSync(
      file,
      [
        'name: det',
        `base: ${resolve('scenarios/workshop-team.yaml')}`,
        'years: 2',
        'factors:',
        '  - { path: leaders.propensityToTrust.mean, name: trust, levels: [0.3, 0.7] }',
        '  - { path: turnover.leaderRate, name: turnover, levels: [0.05, 0.2] }',
        'design: { type: factorial }',
        'replications: 3',
        'seed: 11',
        '',
      ].join('\n'),
    );
    const w1 = join(root, 'det-w1');
    const w2 = join(root, 'det-w2');
    expect(cli(['sweep', file, '--workers', '1', '--out', w1, '--quiet']).code).toBe(0);
    expect(cli(['sweep', file, '--workers', '2', '--oversubscribe', '--out', w2, '--quiet']).code).toBe(0);
    const shards = [0, 1, 2].map((k) => join(root, `det-s${k}`));
    shards.forEach((dir, k) => expect(cli(['sweep', file, '--workers', '2', '--oversubscribe', '--shard', `${k}/3`, '--out', dir, '--quiet']).code).toBe(0));
    const merged = join(root, 'det-merged');
    const m = cli(['merge', ...shards, '--out', merged, '--quiet']);
    expect(m.code, m.stderr).toBe(0);
    for (const t of ['runs.csv', 'aggregated.csv']) {
      const h = sha(join(w1, t));
      expect(sha(join(w2, t)), t).toBe(h);
      expect(sha(join(merged, t)), t).toBe(h);
    }
    const rows = readFileSync(join(w1, 'runs.csv'), 'utf8').trim().split('\r\n');
    expect(rows.length).toBe(1 + 12);
    expect(rows[0].startsWith('run,point,rep,trust,turnover,seed,status,error,trust_mean,')).toBe(true);
    // A merge of shards from another sweep is refused with exit code 2.
    const other = join(root, 'other.yaml');
    writeFileSync(other, readFileSync(file, 'utf8').replace('seed: 11', 'seed: 12'));
    const os0 = join(root, 'other-s0');
    expect(cli(['sweep', other, '--shard', '0/3', '--out', os0, '--quiet']).code).toBe(0);
    const bad = cli(['merge', os0, shards[1], shards[2], '--out', join(root, 'bad-merge')]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/different sweeps/);
    expect(existsSync(join(root, 'bad-merge'))).toBe(false);
  });

  it('resumes a sweep killed with SIGKILL: every run exactly once, runs.csv as in a clean run', async () => {
    const file = join(root, 'kill.yaml');
    writeFileSync(
      file,
      [
        'name: kill',
        `base: ${resolve('scenarios/locality-baseline.yaml')}`,
        'years: 10',
        'factors:',
        '  - { path: schools.count, name: schools, levels: [100, 150] }',
        '  - { path: partnerships.meetingsPerYear, name: meetings, levels: [4, 6, 8, 10, 12] }',
        'design: { type: factorial }',
        'replications: 15',
        'seed: 5',
        '',
      ].join('\n'),
    );
    const total = 150;
    const dir = join(root, 'kill-out');
    const child = spawn(process.execPath, [CLI, 'sweep', file, '--workers', '2', '--oversubscribe', '--out', dir, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let killedAt = 0;
    for (let i = 0; i < 6000; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const n = journalLines(dir);
      if (n >= 10) {
        child.kill('SIGKILL');
        killedAt = n;
        break;
      }
    }
    await exited;
    expect(killedAt).toBeGreaterThan(0);
    const before = journalRuns(dir);
    expect(before.length).toBeGreaterThan(0);
    expect(before.length).toBeLessThan(total);
    expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
    const r = cli(['sweep', file, '--workers', '2', '--oversubscribe', '--out', dir, '--resume', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const after = journalRuns(dir);
    expect(after.length).toBe(total);
    expect(new Set(after).size).toBe(total);
    // Runs finished before the kill were kept, not run again.
    expect(after.slice(0, before.length)).toEqual(before);
    const clean = join(root, 'kill-clean');
    expect(cli(['sweep', file, '--workers', '2', '--oversubscribe', '--out', clean, '--quiet']).code).toBe(0);
    expect(sha(join(dir, 'runs.csv'))).toBe(sha(join(clean, 'runs.csv')));
    expect(sha(join(dir, 'aggregated.csv'))).toBe(sha(join(clean, 'aggregated.csv')));
    const runsCsv = readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\r\n');
    expect(runsCsv.length).toBe(total + 1);
  });

  it('stops cleanly on SIGTERM with exit code 130 and a resumable folder', async () => {
    const file = join(root, 'term.yaml');
    writeFileSync(
      file,
      [
        'name: term',
        `base: ${resolve('scenarios/locality-baseline.yaml')}`,
        'years: 10',
        'factors:',
        '  - { path: schools.count, name: schools, levels: [100, 150] }',
        'design: { type: factorial }',
        'replications: 50',
        'seed: 6',
        '',
      ].join('\n'),
    );
    const dir = join(root, 'term-out');
    const child = spawn(process.execPath, [CLI, 'sweep', file, '--workers', '2', '--oversubscribe', '--out', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    for (let i = 0; i < 6000 && journalLines(dir) < 5; i++) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(130);
    expect(stderr).toMatch(/resume with: .*--resume/);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.status).toBe('interrupted');
    const r = cli(['sweep', file, '--out', dir, '--resume', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(new Set(journalRuns(dir)).size).toBe(100);
  });

  it('rejects an invalid sweep with exit code 2 and writes nothing', () => {
    const file = join(root, 'bad.yaml');
    writeFileSync(
      file,
      [
        'name: bad',
        `base: ${resolve('scenarios/workshop-team.yaml')}`,
        'factors:',
        '  - { path: leaders.propensityToTrus.mean, levels: [0.3] }',
        'design: { type: factorial }',
        'seed: 1',
        '',
      ].join('\n'),
    );
    const results = join(root, 'bad-results');
    const r = cli(['sweep', file, '--results', results]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml:4:\d+: error at factors\[0\]\.path: .*did you mean 'propensityToTrust'/);
    expect(existsSync(results)).toBe(false);
  });

  it('prints the problems of the sweep file and of its base scenario in one run, paths as typed', () => {
    const dir = join(root, 'two-files');
    mkdirSync(dir);
    writeFileSync(join(dir, 'base.yaml'), 'name: b\nyears: 2\nlocality:\n  preset: custom\n  schools: 30\nturnover:\n  leaderRat: 0.1\n');
    writeFileSync(
      join(dir, 'sweep.yaml'),
      [
        'name: s',
        'base: base.yaml',
        'factors:',
        '  - { path: turnover.leaderRate, levels: [0.1] }',
        'design: { type: factorial }',
        'replicatons: 2',
        'seed: 1',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, 'sweep', 'sweep.yaml', '--out', 'never'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^sweep\.yaml:6:1: error at replicatons: unknown key/);
    expect(lines[1]).toMatch(/^base\.yaml:7:3: error at turnover\.leaderRat: unknown key .*did you mean 'leaderRate'/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('routes `sweep plan` to the plan subcommand', () => {
    const out = join(root, 'plan');
    const r = cli(['sweep', 'plan', 'scenarios/sweeps/sobol-core.yaml', '--shards', '2', '--emit', 'slurm', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(existsSync(join(out, 'sweep.sbatch'))).toBe(true);
  });
});

describe('sweep --workers', () => {
  it('more workers than cores is refused with exit 2 unless --oversubscribe, before anything is written', async () => {
    const { availableParallelism } = await import('node:os');
    const { mkdtempSync, existsSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'collabsim-workers-'));
    const out = join(dir, 'never');
    const r = cli(['sweep', 'scenarios/sweeps/trust-turnover-grid.yaml', '--workers', String(availableParallelism() + 1), '--out', out, '--quiet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--oversubscribe');
    expect(existsSync(out)).toBe(false);
    rmSync(dir, { recursive: true, force: true });
  });
});
