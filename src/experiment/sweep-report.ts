/**
 * report.html for a sweep: one self-contained page (inline CSS and SVG, no
 * scripts, no network) with what was run, how it went, the charts and the
 * sensitivity table. The Vega-Lite specs sit next to it in charts/.
 */
import { escapeHtml, page } from '../output/html.ts';
import type { FailureInfo } from './finalise.ts';
import type { SensitivityRow, SweepChart } from './sweep-charts.ts';

export interface SweepReportInput {
  name: string;
  description: string;
  facts: [string, string][];
  failures: FailureInfo[];
  failedCount: number;
  charts: (SweepChart & { svg?: string; error?: string })[];
  sensitivity: SensitivityRow[];
  files: { file: string; description: string }[];
  warnings: string[];
}

/** Style sheet of the sweep report. */
const SWEEP_CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1100px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.25rem 0.7rem; border-bottom: 1px solid #eee; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 0; overflow-x: auto; }
code { font-size: 0.9em; background: #f5f5f5; padding: 0 0.2em; }
pre { background: #f5f5f5; padding: 0.7rem; overflow-x: auto; }
.warn { color: #a04000; }
`;

function num(x: number): string {
  if (!Number.isFinite(x)) return '\u2013';
  return Number(x.toPrecision(3)).toString();
}

/** The first 20 failed runs, or nothing when none failed. */
function failuresSection(r: SweepReportInput): string {
  if (!r.failedCount) return '';
  return `<section><h2>Failed runs (${r.failedCount})</h2>
<p>These runs threw an error; they are listed in runs.csv with status <code>failed</code> and left out of the aggregates.</p>
<table><thead><tr><th>point</th><th>rep</th><th>seed</th><th>error</th></tr></thead><tbody>
${r.failures
  .slice(0, 20)
  .map((f) => `<tr><td>${f.point}</td><td>${f.rep}</td><td>${f.seed}</td><td>${escapeHtml(f.error)}</td></tr>`)
  .join('\n')}
</tbody></table>${r.failedCount > 20 ? `<p>\u2026 and ${r.failedCount - 20} more (see runs.csv).</p>` : ''}</section>`;
}

/** The Sobol or Morris table, or nothing when the design has none. */
function sensitivitySection(sensitivity: SensitivityRow[]): string {
  if (!sensitivity.length) return '';
  const method = sensitivity[0].method;
  const rows = sensitivity
    .filter((s) => (method === 'sobol' ? true : s.index === 'mu_star' || s.index === 'sigma'))
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.metric)}</td><td>${escapeHtml(s.factor)}</td><td>${escapeHtml(s.index)}</td><td class="n">${num(s.value)}</td><td class="n">${
          Number.isFinite(s.ciLow) ? `${num(s.ciLow)} \u2013 ${num(s.ciHigh)}` : '\u2013'
        }</td></tr>`,
    )
    .join('\n');
  return `<section><h2>Sensitivity (${method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'})</h2>
<table><thead><tr><th>metric</th><th>factor</th><th>statistic</th><th>value</th><th>interval</th></tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

export function buildSweepReport(r: SweepReportInput): string {
  const facts = r.facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const failures = failuresSection(r);
  const charts = r.charts
    .map(
      (c) => `<section class="chart"><h2>${escapeHtml(c.title)}</h2><p>${escapeHtml(c.explanation)}</p>
${c.svg ? `<figure>${c.svg}</figure>` : `<p class="warn">Chart not rendered${c.error ? `: ${escapeHtml(c.error)}` : ''}. The spec is in charts/${escapeHtml(c.name)}.vl.json.</p>`}</section>`,
    )
    .join('\n');
  const sens = sensitivitySection(r.sensitivity);
  const warnings = r.warnings.length ? `<section><h2>Warnings</h2><ul>${r.warnings.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>` : '';
  const files = r.files.map((f) => `<tr><td><code>${escapeHtml(f.file)}</code></td><td>${escapeHtml(f.description)}</td></tr>`).join('\n');
  return page({
    doctype: '<!doctype html>',
    title: `Sweep ${r.name} \u2013 collabsim`,
    css: SWEEP_CSS,
    body: `<h1>Sweep: ${escapeHtml(r.name)}</h1>
${r.description ? `<p>${escapeHtml(r.description)}</p>` : ''}
<section><h2>What ran</h2><table>${facts}</table></section>
${failures}
${warnings}
${charts}
${sens}
<section><h2>Files</h2><table>${files}</table>
<p>Query the tables with DuckDB, for example:</p>
<pre>duckdb sweep.duckdb "SELECT metric, point, mean, ci95_low, ci95_high FROM aggregated ORDER BY metric, point LIMIT 20"</pre>
</section>`,
  });
}
