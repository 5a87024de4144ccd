/**
 * The sweep report leads with findings in words (src/experiment/sweep-findings.ts),
 * draws main effects with intervals on one scale per metric that wraps to fit
 * a page (sweep-charts.ts), warns when a Sobol design is too small for its
 * indices (sensitivity-table.ts), and shows a query that works with what
 * collabsim installs (sweep-report.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { saltelliDesign, type FactorDef, type FactorValue } from '../../src/experiment/designs.ts';
import { sobolIndices, splitSaltelli } from '../../src/experiment/sensitivity.ts';
import { sobolAdequacy } from '../../src/experiment/sensitivity-table.ts';
import { sweepCharts, type SensitivityRow } from '../../src/experiment/sweep-charts.ts';
import { sweepFindings } from '../../src/experiment/sweep-findings.ts';
import { levelStats } from '../../src/experiment/sweep-levels.ts';
import { buildSweepReport } from '../../src/experiment/sweep-report.ts';
import { loadSweep } from '../../src/experiment/load.ts';
import { runSweep } from '../../src/experiment/runner.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const PI = Math.PI;
const ishigami = (x: number[]) => Math.sin(x[0]) + 7 * Math.sin(x[1]) ** 2 + 0.1 * x[2] ** 4 * Math.sin(x[0]);

/** Sobol rows of the Ishigami function from a Saltelli design of n base samples. */
function ishigamiRows(n: number): { rows: SensitivityRow[]; points: FactorValue[][]; y: Float64Array; factors: FactorDef[] } {
  const factors: FactorDef[] = ['x1', 'x2', 'x3'].map((name) => ({ name, path: name, min: -PI, max: PI }));
  const design = saltelliDesign(factors, n);
  const y = Float64Array.from(design.points.map((p) => ishigami(p.values as number[])));
  const s = splitSaltelli(y, design.saltelli!);
  const idx = sobolIndices(s.yA, s.yB, s.yAB, { bootstrap: 200, seed: 1 });
  const rows = factors.flatMap((f, i) => [
    { method: 'sobol' as const, metric: 'y', factor: f.name, index: 'S1', value: idx[i].S1, ciLow: idx[i].S1Low, ciHigh: idx[i].S1High, n },
    { method: 'sobol' as const, metric: 'y', factor: f.name, index: 'ST', value: idx[i].ST, ciLow: idx[i].STLow, ciHigh: idx[i].STHigh, n },
  ]);
  return { rows, points: design.points.map((p) => p.values), y, factors };
}

describe('Sobol designs too small for their indices', () => {
  it('are warned about from the intervals, with the base samples that would do, and large ones are not', () => {
    const small = sobolAdequacy(ishigamiRows(32).rows, 5);
    expect(small.enough).toBe(false);
    expect(small.widest!.width).toBeGreaterThan(0.2);
    expect(small.suggested).toBeGreaterThanOrEqual(64);
    expect(Math.log2(small.suggested!) % 1).toBe(0);
    expect(small.text).toMatch(new RegExp(`N = 32 base samples.*set design\\.baseSamples to ${small.suggested} \\(about [\\d,]+ runs\\)`));
    const large = sobolAdequacy(ishigamiRows(4096).rows, 5);
    expect(large.enough).toBe(true);
    expect(large.text).toBeUndefined();
    // What was suggested for the small design is enough, or close: the widest interval shrinks about as 1/sqrt(N).
    const again = sobolAdequacy(ishigamiRows(small.suggested!).rows, 5);
    expect(again.widest!.width).toBeLessThan(0.3);
  });

  it('the report says so at the top, shows the estimates unclipped with how to read them, and does not for a large design', () => {
    const report = (n: number) => {
      const { rows, points, y, factors } = ishigamiRows(n);
      const input = { factors, designType: 'sobol' as const, points, metrics: [{ name: 'y', pointMeans: y }], sensitivity: rows };
      return buildSweepReport({
        name: 'ishigami',
        description: '',
        facts: [],
        failures: [],
        failedCount: 0,
        charts: [],
        sensitivity: rows,
        files: [],
        warnings: [],
        findings: { ...input, replications: 1 },
      });
    };
    const small = report(16);
    const found = small.slice(small.indexOf('What we found'), small.indexOf('</section>', small.indexOf('What we found')));
    expect(found).toMatch(/Read with care.*too uncertain to read at N = 16 base samples.*set design\.baseSamples to \d+/s);
    expect(small).toMatch(/<th>reading<\/th>/);
    expect(report(4096)).not.toMatch(/Read with care/);
  });
});

/** A 3 x 3 factorial with 4 replications a point: y = 2 x1 (+ interaction x1 x2 when asked), x2 alone does nothing. */
function grid(interaction: number) {
  const factors: FactorDef[] = [
    { name: 'x1', path: 'x1', levels: [0, 0.5, 1] },
    { name: 'x2', path: 'x2', levels: [0, 0.5, 1] },
  ];
  const points: FactorValue[][] = [];
  for (const a of [0, 0.5, 1]) for (const b of [0, 0.5, 1]) points.push([a, b]);
  const pointMeans = Float64Array.from(points.map(([a, b]) => 2 * (a as number) + interaction * (a as number) * ((b as number) - 0.5)));
  const metric = { name: 'y', pointMeans, pointSds: new Float64Array(points.length).fill(0.05), pointNs: new Float64Array(points.length).fill(4) };
  return { factors, designType: 'factorial' as const, points, metrics: [metric], sensitivity: [] as SensitivityRow[], replications: 4 };
}

describe('sweep findings and charts', () => {
  it('level means carry 95% intervals from the replications', () => {
    const g = grid(0);
    const st = levelStats(g, 0, g.metrics[0]);
    expect(st.map((s) => s.mean)).toEqual([0, 1, 2]);
    // se = sqrt(3 * 0.05^2 / 4) / 3, df = 3 * 3
    const se = Math.sqrt((3 * 0.0025) / 4) / 3;
    expect(st[0].se).toBeCloseTo(se, 12);
    expect(st[0].hi - st[0].mean).toBeCloseTo(2.262157 * se, 5);
  });

  it('name the factor that moves a metric most, by how much across its range with an interval, and a clear interaction', () => {
    const plain = sweepFindings(grid(0)).metrics[0].sentences.join(' ');
    expect(plain).toMatch(
      /^Moved most by x1: it rises from 0 at x1 0 to 2 at 1 \(between its first and last level\), a change of 2 \(95% CI 1\.9\d* to 2\.0\d*\)/,
    );
    expect(plain).toMatch(/x2 0 \(95% CI -0\.\d+ to 0\.\d+, within noise\)/);
    expect(plain).toMatch(/No interaction between two factors stands out from seed noise/);
    const inter = sweepFindings(grid(1.5)).metrics[0].sentences.join(' ');
    expect(inter).toMatch(/The effect of x1 depends on x2: going from x1 0 to 1 changes y by 1\.25 at x2 0 but by 2\.75 at 1 \(difference 1\.5, 95% CI/);
  });

  it('main effects: error bars, one y scale per metric shared by its panels, at most 4 panels a row', () => {
    const g = grid(0);
    const six = {
      ...g,
      factors: Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, path: `f${i}`, levels: [0, 1] })),
      points: Array.from({ length: 64 }, (_, p) => Array.from({ length: 6 }, (_, i) => (p >> i) & 1)),
      metrics: ['a', 'b'].map((name) => ({
        name,
        pointMeans: Float64Array.from({ length: 64 }, (_, p) => p % 7),
        pointSds: new Float64Array(64).fill(1),
        pointNs: new Float64Array(64).fill(3),
      })),
    };
    const chart = sweepCharts(six).find((c) => c.name === 'main-effects')!;
    const spec = chart.spec as {
      vconcat: { facet: unknown; columns: number; resolve: { scale: Record<string, string> }; spec: { layer: { mark: { type: string } }[] } }[];
    };
    expect(spec.vconcat).toHaveLength(2);
    for (const panel of spec.vconcat) {
      expect(panel.columns).toBe(4);
      expect(panel.resolve.scale.y).toBeUndefined(); // shared within the metric
      expect(panel.spec.layer.map((l) => l.mark.type)).toEqual(['rule', 'line', 'point']);
    }
    const values = (chart.spec as { data: { values: { lo: number | null; hi: number | null }[] } }).data.values;
    expect(values.every((v) => typeof v.lo === 'number' && typeof v.hi === 'number')).toBe(true);
    expect(chart.explanation).toMatch(/share one vertical scale/);
  });
});

describe('the query the report shows', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'collabsim-sweep-report-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs with what collabsim installs (no DuckDB program), from the collabsim folder', async () => {
    const file = join(root, 'q.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'q',
        base: { fn: 'linear', x: { x1: 0, x2: 0 }, coefficients: [1, 2], noise: 0.1 },
        factors: [
          { path: 'x.x1', name: 'x1', levels: [0, 1] },
          { path: 'x.x2', name: 'x2', levels: [0, 1, 2] },
        ],
        design: { type: 'factorial' },
        replications: 3,
        seed: 5,
      }),
    );
    const out = join(root, 'out');
    const r = await runSweep(await loadSweep(file, { model: 'analytic' }), { workers: 1, out });
    expect(r.status).toBe('complete');
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).not.toMatch(/duckdb sweep\.duckdb/);
    expect(html).toMatch(/What we found/);
    const pre = [...html.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]).find((p) => p.includes('@duckdb/node-api'))!;
    const script = pre
      .replace(/&quot;/g, '"')
      .replace(/&#39;|&#x27;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace('SWEEP=path/to/this/folder', `SWEEP='${out}'`);
    const q = spawnSync('bash', ['-c', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout).toMatch(/ci95_low/);
    expect(
      q.stdout.split('\n').filter((l) => /^│ \d/.test(l)),
      q.stdout,
    ).toHaveLength(6); // the 6 points of the first metric
  }, 60_000);
});
