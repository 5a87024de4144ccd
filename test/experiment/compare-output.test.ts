/**
 * `collabsim compare`, the output (src/experiment/compare-output.ts and the
 * command): the output folder and its determinism, invalid input, and the
 * command line on the scenario library.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { Command } from 'commander';
import { compareSeeds, COMPARE_METRICS } from '../../src/experiment/compare.ts';
import { compareCommand, registerCompare } from '../../src/cli/commands/compare.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'collabsim-compare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every file under a folder, relative path -> content. */
function readTree(dir: string, base = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${e.name}` : e.name;
    if (e.isDirectory()) Object.assign(out, readTree(dir, rel));
    else out[rel] = readFileSync(join(dir, rel), 'utf8');
  }
  return out;
}

const sink = () => {
  let text = '';
  return { stream: { write: (c: string) => ((text += c), true) } as unknown as NodeJS.WritableStream, text: () => text };
};

describe('writeComparison and the command', () => {
  const yaml = (name: string, extra: string) =>
    `name: ${name}\nquestion: What does ${name} do?\nyears: 2\nlocality:\n  preset: custom\n  schools: 30\n${extra}`;
  const fa = join(tmp, 'a.yaml');
  const fb = join(tmp, 'b.yaml');
  writeFileSync(fa, yaml('base', ''));
  writeFileSync(fb, yaml('with-hub', 'hubs:\n  mathsHubKm: 0\n'));

  it('writes tables, charts and a self-contained report; the same command twice gives identical files (manifest aside)', async () => {
    const o1 = sink();
    const e1 = sink();
    const code = await compareCommand(fa, fb, { reps: 4, out: join(tmp, 'c1'), quiet: true }, { out: o1.stream, err: e1.stream });
    expect(code, e1.text()).toBe(0);
    await compareCommand(fa, fb, { reps: 4, out: join(tmp, 'c2'), quiet: true }, { out: sink().stream, err: sink().stream });
    const t1 = readTree(join(tmp, 'c1'));
    const t2 = readTree(join(tmp, 'c2'));
    expect(Object.keys(t1).sort()).toEqual(
      [
        'charts/differences.svg',
        'charts/differences.vl.json',
        'charts/series.svg',
        'charts/series.vl.json',
        'comparison.csv',
        'comparison.json',
        'manifest.json',
        'report.html',
        'runs.csv',
        'series.csv',
      ].sort(),
    );
    for (const f of Object.keys(t1)) if (f !== 'manifest.json') expect(t2[f], f).toBe(t1[f]);
    const csv = t1['comparison.csv'].split('\r\n');
    expect(csv[0]).toBe('metric,label,unit,better,n,mean_a,mean_b,difference,ci_low,ci_high,sd_difference,cohen_dz,hedges_g,p_value');
    const hub = csv.find((l) => l.startsWith('hub_engagement,'))!;
    expect(hub).toBeDefined();
    const html = t1['report.html'];
    expect(html).toContain('What does base do?');
    expect(html).toContain('What does with-hub do?');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    expect(o1.text()).toMatch(/95% interval excludes 0/);
    expect(JSON.parse(t1['manifest.json']).seeds).toEqual(compareSeeds(4));
  });

  it('an invalid scenario file gives exit code 2, the problem with its position, and writes nothing', async () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'name: bad\nlocality:\n  preset: village\n');
    const err = sink();
    const code = await compareCommand(fa, bad, { reps: 2, out: join(tmp, 'never'), quiet: true }, { out: sink().stream, err: err.stream });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/bad\.yaml:3:11: error at locality\.preset/);
    expect(existsSync(join(tmp, 'never'))).toBe(false);
  });

  it('refuses runs of part of a year when a side records its series once a year, naming the file; nothing written', async () => {
    const yearly = join(tmp, 'yearly.yaml');
    writeFileSync(yearly, 'name: yearly\nyears: 2\nschools: { count: 12 }\noutput: { every: year }\n');
    const other = join(tmp, 'other.yaml');
    writeFileSync(other, 'name: other\nyears: 2.5\nschools: { count: 12 }\n');
    const err = sink();
    const code = await compareCommand(other, yearly, { reps: 2, out: join(tmp, 'never-yearly'), quiet: true }, { out: sink().stream, err: err.stream });
    expect(code).toBe(2);
    expect(err.text()).toMatch(/yearly\.yaml records its series once a year \(output\.every: year\), so the run must last whole years, not 2\.5/);
    expect(existsSync(join(tmp, 'never-yearly'))).toBe(false);
  });

  it('registerCompare adds the command with --reps required', () => {
    const p = new Command().exitOverride();
    registerCompare(p);
    const cmd = p.commands.find((c) => c.name() === 'compare')!;
    expect(cmd).toBeDefined();
    expect(cmd.options.map((o) => o.long)).toEqual(expect.arrayContaining(['--reps', '--out', '--years', '--seed', '--quiet']));
    expect(() => p.parse(['node', 'x', 'compare', 'a.yaml', 'b.yaml'], { from: 'node' })).toThrow(/--reps/);
  });

  it('covers the key metrics of the issue: trust, equity, cross-MAT ties, hub engagement by distance, fragmentation, adoption', () => {
    const names = COMPARE_METRICS.map((m) => m.metric);
    for (const m of [
      'trust_mean',
      'effectiveness_gap',
      'pl_access_gini',
      'cross_mat_tie_share',
      'hub_engagement_30km_plus',
      'knowledge_components',
      'knowledge_mean_reach',
      'practice_adoption',
    ])
      expect(names).toContain(m);
  });
});

describe('the command line on the scenario library', () => {
  it('`collabsim compare city-baseline mat-consolidation-2030 --reps 3` prints differences with intervals, twice the same', () => {
    const run = (out: string) =>
      spawnSync(
        process.execPath,
        [
          join(ROOT, 'bin', 'collabsim.mjs'),
          'compare',
          'scenarios/city-baseline.yaml',
          'scenarios/mat-consolidation-2030.yaml',
          '--reps',
          '3',
          '--out',
          out,
          '--quiet',
        ],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
    const r1 = run(join(tmp, 'lib1'));
    expect(r1.status, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/Share of schools in a MAT\s+0\.\d+\s+1\.000/);
    expect(r1.stdout).toMatch(/95% CI/);
    const r2 = run(join(tmp, 'lib2'));
    expect(r2.stdout.replace(/wrote .*/, '')).toBe(r1.stdout.replace(/wrote .*/, ''));
  }, 120_000);
});
