/**
 * `collabsim discover` through the command line, on the synthetic sweep
 * folder of test/experiment/discover/synthetic-sweep.ts:
 * - exit 0, every output written into <sweep>/discover, a summary on stdout
 *   with paths as the user would type them (cli/display-path.ts); a rerun replaces the folder;
 * - an unknown metric in --where: exit 2, a did-you-mean, nothing written;
 * - a folder that is not a sweep, and an --out that is not a discover
 *   folder: exit 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { displayPath } from '../../src/cli/display-path.ts';
import { writeSyntheticSweep } from '../experiment/discover/synthetic-sweep.ts';

const CLI = resolve('bin/collabsim.mjs');
const OUTPUTS = ['report.html', 'boxes.csv', 'box-summary.csv', 'trajectory.csv', 'charts/tradeoff.vl.json', 'charts/tradeoff.svg', 'manifest.json'];
let root: string;
let sweep: string;

function cli(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'collabsim-discovercli-'));
  sweep = join(root, 'sweep');
  writeSyntheticSweep(sweep);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('collabsim discover', () => {
  it('writes the report and tables and prints the finding', () => {
    const r = cli(['discover', sweep, '--where', 'trust_mean > 0.5']);
    expect(r.code, r.stderr).toBe(0);
    const out = join(sweep, 'discover');
    for (const f of OUTPUTS) expect(existsSync(join(out, f)), f).toBe(true);
    expect(r.stdout).toMatch(/^trust_mean > 0\.5: \d+ of 2000 runs \(\d+%\)$/m);
    expect(r.stdout).toMatch(/^prim-1: x1 between 0\.\d+ and 0\.\d+, x2 above 0\.\d+ \(density \d+%/m);
    expect(r.stdout).toMatch(/^Runs with x1 between .* give the outcome in \d+% of cases/m);
    expect(r.stdout).toContain(`report: ${displayPath(join(out, 'report.html'))}`);
    expect(r.stdout).toMatch(/note: 2 of 2002 runs dropped/);
    const boxes = readFileSync(join(out, 'boxes.csv'), 'utf8').split('\r\n');
    expect(boxes[0]).toBe('box,method,factor,restricted,low,high,levels,p_value');
    expect(boxes.filter((l) => l.startsWith('prim-1,prim,x3,false,0,1,,'))).toHaveLength(1);
    const report = readFileSync(join(out, 'report.html'), 'utf8');
    expect(report).toMatch(/<p class="finding">Runs with x1 between/);
    expect(report).toContain('<svg');
    expect(report).toContain('How to read coverage and density');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'discover', condition: 'trust_mean > 0.5', cases: { n: 2000 } });
    // The same input gives the same bytes; a rerun replaces the folder.
    const again = cli(['discover', sweep, '--where', 'trust_mean > 0.5', '--quiet']);
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toBe(report);
  });

  it('refuses an unknown metric with exit 2, a did-you-mean and no output', () => {
    const out = join(root, 'typo');
    const r = cli(['discover', sweep, '--where', 'trust_maen > 0.5', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--where:1:1: error: unknown metric 'trust_maen': not a column of runs.csv did you mean 'trust_mean'?");
    expect(r.stderr).not.toMatch(/ at .*\.ts:\d+/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a folder that is not a sweep, and an --out it may not replace', () => {
    const notSweep = join(root, 'plain');
    mkdirSync(notSweep);
    const r = cli(['discover', notSweep, '--where', 'trust_mean > 0.5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: .*plain is not a sweep output folder \(no manifest\.json\)/);
    writeFileSync(join(notSweep, 'notes.txt'), 'keep me');
    const o = cli(['discover', sweep, '--where', 'trust_mean > 0.5', '--out', notSweep]);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/exists and is not an earlier discover folder/);
    expect(readFileSync(join(notSweep, 'notes.txt'), 'utf8')).toBe('keep me');
  });
});
