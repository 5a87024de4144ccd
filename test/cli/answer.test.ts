/**
 * `run` answers its scenario's question: the effect against the
 * counterfactual over paired replications, with an interval in pupil SD,
 * before the one run shown in detail; and the national scenario's report
 * stays small enough to forward.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin', 'collabsim.mjs');

function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('run answers the question', () => {
  it('peer-review-cluster: the effect of peer review against its counterfactual, with an interval in pupil SD, leads the report', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'answer-')), 'prc');
    const r = cli(['run', 'scenarios/peer-review-cluster.yaml', '--out', dir, '--quiet']);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(
      /Compared with the same cluster without peer review or the year-1 practices, peer-review-cluster (raises|lowers|does not clearly change) mean school effectiveness at year 6 .*95% CI [+\u2212-]?\d\.\d{3} to [+\u2212-]?\d\.\d{3} pupil SD, over 16 paired replications\./,
    );
    const csv = readFileSync(join(dir, 'answer.csv'), 'utf8').split(/\r?\n/);
    const row = csv.find((l) => l.startsWith('effectiveness_mean,'))!.split(',');
    const head = csv[0].split(',');
    const low = Number(row[head.indexOf('effect_ci95_low')]);
    const high = Number(row[head.indexOf('effect_ci95_high')]);
    expect(low).toBeLessThan(high);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    const answer = html.indexOf('id="answer"');
    const detail = html.indexOf('One run in detail');
    expect(answer).toBeGreaterThan(0);
    expect(detail).toBeGreaterThan(answer);
    // No headline from the first year: schools improving are counted from year 1.
    expect(html).not.toMatch(/at year 0\.\d\)/);
  });

  it('--reps 1 is one run that says it is an illustration', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'answer-')), 'one');
    const r = cli(['run', 'scenarios/peer-review-cluster.yaml', '--reps', '1', '--out', dir, '--quiet']);
    expect(r.code, r.err).toBe(0);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('This is an illustration');
    expect(html).not.toContain('id="answer"');
  });

  it('England: the national report aggregates by locality and stays under 300 KB', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'answer-')), 'england');
    const r = cli(['run', 'scenarios/england.yaml', '--out', dir, '--quiet']);
    expect(r.code, r.err).toBe(0);
    expect(statSync(join(dir, 'report.html')).size).toBeLessThan(300 * 1024);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('id="localities"');
    expect(html).toContain('groups with the highest and the 10 with the lowest');
  }, 300_000);
});
