/**
 * `collabsim calibrate` through the command line:
 * - the shipped example finishes and writes every output named in
 *   docs/calibration.md;
 * - a calibration killed with SIGKILL resumes to the same bytes as a clean
 *   run, without re-running the runs its journal holds;
 * - a bad targets file is refused with file:line:column, exit code 2 and
 *   no output folder; `validate` reads targets files too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const CLI = resolve('bin/collabsim.mjs');
const EXAMPLE = resolve('calibration/example.targets.yaml');
const OUTPUTS = ['posterior.csv', 'posterior-summary.csv', 'calibrated.yaml', 'diagnostics.json', 'checks.csv'];
let root: string;

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function journalLines(dir: string): number {
  const f = join(dir, 'journal.jsonl');
  return existsSync(f) ? readFileSync(f, 'utf8').split('\n').length - 1 : 0;
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-calcli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('collabsim calibrate', () => {
  it('runs the shipped example and writes every output', () => {
    const dir = join(root, 'clean');
    const r = cli(['calibrate', EXAMPLE, '--workers', '2', '--oversubscribe', '--out', dir]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(dir);
    for (const f of [...OUTPUTS, 'report.html', 'charts/marginals.vl.json', 'charts/pairs.vl.json', 'charts/checks.vl.json'])
      expect(existsSync(join(dir, f)), f).toBe(true);
    expect(r.stderr).toMatch(/generation 0: tolerance/);
    expect(r.stderr).toMatch(/targets are met|All \d+ targets are met/);
    const profile = readFileSync(join(dir, 'calibrated.yaml'), 'utf8');
    expect(profile).toMatch(/^ {2}turnover\.leaderRate: [0-9.]+ {2}# 90% interval/m);
  }, 240_000);

  it('resumes after SIGKILL to the bytes of a clean run', async () => {
    const dir = join(root, 'killed');
    const child = spawn(process.execPath, [CLI, 'calibrate', EXAMPLE, '--workers', '2', '--oversubscribe', '--out', dir, '--no-report', '--quiet'], {
      stdio: 'ignore',
    });
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    let killedAt = 0;
    for (let i = 0; i < 12000 && !killedAt; i++) {
      await new Promise((r) => setTimeout(r, 5));
      const n = journalLines(dir);
      if (n >= 300) {
        child.kill('SIGKILL');
        killedAt = n;
      }
    }
    await exited;
    expect(killedAt).toBeGreaterThan(0);
    expect(existsSync(join(dir, 'posterior.csv'))).toBe(false);
    // A kill leaves the lock behind: the resumed run takes it over from the dead process.
    const r = cli(['calibrate', EXAMPLE, '--workers', '2', '--oversubscribe', '--out', dir, '--resume', '--no-report']);
    expect(r.code, r.stderr).toBe(0);
    const replayed = Number(/\((\d+) from the journal\)/.exec(r.stderr)?.[1]);
    expect(replayed).toBeGreaterThanOrEqual(killedAt - 1);
    for (const f of OUTPUTS) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(join(root, 'clean', f), 'utf8'));
  }, 240_000);

  it('carries the posterior into compare: a sign probability and an interval wider than the seed-only one', () => {
    const out = join(root, 'cmp');
    const r = cli([
      'compare',
      'scenarios/locality-baseline.yaml',
      'scenarios/peer-review-cluster.yaml',
      '--reps',
      '2',
      '--posterior',
      join(root, 'clean'),
      '--draws',
      '8',
      '--out',
      out,
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/With parameter uncertainty: 8 posterior draws x 2 paired seeds/);
    expect(r.stdout).toMatch(/P\(B > A\)/);
    expect(r.stdout).toMatch(/Mean school effectiveness: (robust|likely|not robust)/);
    const rows = readFileSync(join(out, 'posterior-effects.csv'), 'utf8').trim().split('\r\n');
    const head = rows[0].split(',');
    const dep = rows.find((l) => l.startsWith('leader_departures_total,'))!.split(',');
    const v = (c: string) => Number(dep[head.indexOf(c)]);
    // Head departures depend directly on the calibrated leaving rate: its posterior spread must widen the interval.
    expect(v('high95') - v('low95')).toBeGreaterThan(v('seed_ci_high') - v('seed_ci_low'));
    expect(v('prob_positive')).toBeGreaterThanOrEqual(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/With parameter uncertainty/);
    const bad = cli([
      'compare',
      'scenarios/locality-baseline.yaml',
      'scenarios/peer-review-cluster.yaml',
      '--reps',
      '2',
      '--posterior',
      root,
      '--out',
      join(root, 'cmp-bad'),
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/not a calibration folder/);
  }, 120_000);

  it('carries the posterior into sweeps: replication r runs under draw r mod K, and the draws vary the calibrated rate', () => {
    const file = join(root, 'post.sweep.yaml');
    writeFileSync(
      file,
      [
        'name: post',
        `base: ${resolve('scenarios/locality-baseline.yaml')}`,
        'years: 2',
        'factors:',
        '  - { path: partnerships.meetingsPerYear, name: meetings, levels: [4, 8] }',
        'design: { type: factorial }',
        'replications: 2',
        'seed: 3',
        'keep: final',
        '',
      ].join('\n'),
    );
    const out = join(root, 'sweep-post');
    const r = cli(['sweep', file, '--posterior', join(root, 'clean'), '--draws', '3', '--workers', '2', '--oversubscribe', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const rows = readFileSync(join(out, 'runs.csv'), 'utf8').trim().split('\r\n');
    expect(rows.length).toBe(1 + 2 * 2 * 3);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toMatch(/seeds x 3 parameter sets drawn from the posterior/);
    const plain = join(root, 'sweep-plain');
    expect(cli(['sweep', file, '--workers', '2', '--oversubscribe', '--out', plain, '--quiet']).code).toBe(0);
    // The same first seed under a drawn head-leaving rate gives other departures than under the scenario's own.
    const col = rows[0].split(',').indexOf('leader_departures_total');
    const plainRows = readFileSync(join(plain, 'runs.csv'), 'utf8').trim().split('\r\n');
    const differs = [1, 2, 3, 4].some((i) => rows[i].split(',')[col] !== plainRows[i]?.split(',')[col]);
    expect(differs).toBe(true);
  }, 120_000);

  it('refuses a bad targets file with its position, exit code 2 and nothing written', () => {
    const file = join(root, 'bad.targets.yaml');
    const text = readFileSync(EXAMPLE, 'utf8')
      .replace('metric: teacher_retention', 'metric: teacher_retension')
      .replace('../scenarios/locality-baseline.yaml', resolve('scenarios/locality-baseline.yaml'));
    writeFileSync(file, text);
    const dir = join(root, 'bad-out');
    const r = cli(['calibrate', file, '--out', dir]);
    expect(r.code).toBe(2);
    const line = text.split('\n').findIndex((l) => l.includes('teacher_retension')) + 1;
    expect(r.stderr).toContain(`${file}:${line}:`);
    expect(r.stderr).toMatch(/unknown metric 'teacher_retension'/);
    expect(r.stderr).toMatch(/did you mean 'teacher_retention'/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(dir)).toBe(false);
    const v = cli(['validate', file]);
    expect(v.code).toBe(2);
    expect(v.stderr).toMatch(/unknown metric 'teacher_retension'/);
    expect(cli(['validate', EXAMPLE]).code).toBe(0);
  });

  it('refuses a prior that makes a scenario invalid, at the prior', () => {
    const file = join(root, 'prior.targets.yaml');
    const text = readFileSync(EXAMPLE, 'utf8')
      .replace('    max: 0.9', '    max: 1.4')
      .replace('../scenarios/locality-baseline.yaml', resolve('scenarios/locality-baseline.yaml'));
    writeFileSync(file, text);
    const r = cli(['calibrate', file, '--out', join(root, 'prior-out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/priors\[1\]\.dist|priors\.1\.dist/);
    expect(r.stderr).toMatch(/the prior reaches 1\.4, which makes scenario 'locality' invalid/);
  });
});
