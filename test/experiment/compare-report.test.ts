/**
 * The comparison report leads with what was found, in words
 * (src/experiment/compare-findings.ts, compare-report.ts): the largest
 * standardised change first, each in its unit with its interval; metrics
 * identical in both arms, or set by the scenarios, are not findings.
 */
import { describe, expect, it } from 'vitest';
import { COMPARE_METRICS, pairedStats, type Comparison } from '../../src/experiment/compare.ts';
import { compareFindings, findingsLines, rowKind } from '../../src/experiment/compare-findings.ts';
import { comparisonReport } from '../../src/experiment/compare-report.ts';

const meta = (metric: string) => COMPARE_METRICS.find((m) => m.metric === metric)!;

/** A comparison of 6 seeds from per-seed values of A and B for a few metrics. */
function comparison(values: Record<string, { a: number[]; b: number[] }>): Comparison {
  const reps = 6;
  const runs = Array.from({ length: reps }, (_, i) => ({
    rep: i + 1,
    seed: 100 + i,
    a: Object.fromEntries(Object.entries(values).map(([m, v]) => [m, v.a[i]])),
    b: Object.fromEntries(Object.entries(values).map(([m, v]) => [m, v.b[i]])),
  }));
  const rows = Object.entries(values).map(([m, v]) => ({ ...meta(m), ...pairedStats(v.a, v.b) }));
  const info = (name: string) => ({ name, source: `${name}.yaml`, question: `What about ${name}?`, description: '', hash: '0'.repeat(64), years: 5 });
  return {
    a: info('base'),
    b: info('policy'),
    reps,
    masterSeed: 0,
    years: 5,
    seeds: runs.map((r) => r.seed),
    rows,
    runs,
    series: [],
    ticksPerYearA: 6,
    ticksPerYearB: 6,
  };
}

// MAT share: set by the scenarios (always +0.538); spanners: identical in every seed;
// trust: a large, clear rise; effectiveness: a small change lost in the noise; high-trust share: a medium rise.
const c = comparison({
  mat_share: { a: [0.462, 0.462, 0.462, 0.462, 0.462, 0.462], b: [1, 1, 1, 1, 1, 1] },
  spanners: { a: [3, 4, 2, 5, 3, 4], b: [3, 4, 2, 5, 3, 4] },
  trust_mean: { a: [0.48, 0.5, 0.49, 0.47, 0.51, 0.5], b: [0.53, 0.55, 0.545, 0.52, 0.56, 0.555] },
  effectiveness_mean: { a: [0.01, -0.02, 0.03, 0, -0.01, 0.02], b: [0.02, -0.03, 0.02, 0.01, 0, 0.01] },
  high_trust_share: { a: [0.1, 0.12, 0.08, 0.11, 0.09, 0.1], b: [0.11, 0.14, 0.09, 0.12, 0.1, 0.115] },
});

describe('what a comparison found', () => {
  it('sorts metrics into changes, unchanged metrics and differences set by the scenarios', () => {
    const kind = (m: string) =>
      rowKind(
        c,
        c.rows.find((r) => r.metric === m)!,
      );
    expect(kind('mat_share')).toBe('fixed');
    expect(kind('spanners')).toBe('unchanged');
    expect(kind('trust_mean')).toBe('varies');
    const f = compareFindings(c);
    expect(f.ranked.map((r) => r.metric)).toEqual(['trust_mean', 'high_trust_share', 'effectiveness_mean']);
    // The order is by |Hedges' g|.
    const g = f.ranked.map((r) => Math.abs(r.hedgesG));
    expect(g).toEqual([...g].sort((x, y) => y - x));
  });

  it('the report opens with the largest standardised change, in words, in its unit with its interval', () => {
    const html = comparisonReport(c, []);
    const found = html.slice(html.indexOf('<h2>What we found</h2>'), html.indexOf('</section>', html.indexOf('<h2>What we found</h2>')));
    const items = [...found.matchAll(/<li><strong>([^<]+)<\/strong>: ([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);
    expect(items[0][0]).toBe('Mean relational trust');
    expect(items[0][1]).toMatch(
      /^higher under B by 0\.052 on the 0–1 scale, an improvement \(A 0\.492, B 0\.543; 95% interval of the change 0\.0\d\d to 0\.0\d\d on the 0–1 scale\)\. Large against run-to-run variation/,
    );
    expect(items[0][1]).toContain('clearly beyond seed noise');
    const share = items.find((x) => x[0] === 'Share of high-trust relationships')!;
    expect(share[1]).toMatch(/by 1\.3 percentage points/);
    const eff = items.find((x) => x[0] === 'Mean school effectiveness')!;
    expect(eff[1]).toMatch(/pupil SD/);
    expect(eff[1]).toMatch(/not distinguishable from seed noise/);
    // Neither the MAT share (set by the scenarios) nor the spanners (unchanged) is a finding.
    expect(items.map((x) => x[0])).not.toContain('Share of schools in a MAT');
    expect(found).toMatch(/Set by the scenarios themselves[^<]*Share of schools in a MAT \(46\.2% → 100\.0%\)/);
    expect(found).toMatch(/Unchanged by construction[^<]*Boundary spanners/);
    // The findings come before the full table, which explains d_z and g in words.
    expect(html.indexOf('What we found')).toBeLessThan(html.indexOf('All key metrics'));
    expect(html).toMatch(/d_z is the mean change divided by the spread of the seed-by-seed changes/);
    expect(html).toMatch(/Hedges(&#39;|&#x27;|')s? g is the change divided by how much the metric varies from run to run/);
  });

  it('the full table does not open with a row that is identical in both arms or fixed by the scenarios', () => {
    const html = comparisonReport(c, []);
    const table = html.slice(html.indexOf('<section id="table">'));
    const rows = [...table.matchAll(/<tr(?: class="clear")?><th scope="row">([^<]+) </g)].map((m) => m[1]);
    expect(rows[0]).toBe('Mean relational trust');
    expect(rows).not.toContain('Boundary spanners');
    expect(rows.at(-1)).toBe('Share of schools in a MAT');
  });

  it('the terminal lines say the same', () => {
    const lines = findingsLines(c);
    expect(lines[0]).toBe('What we found:');
    expect(lines[2]).toMatch(/^ {2}1\. Mean relational trust: higher under B/);
    expect(lines.join('\n')).toMatch(/Unchanged by construction \(identical under A and B in every seed\): Boundary spanners\./);
  });
});
