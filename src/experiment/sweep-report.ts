/**
 * report.html for a sweep: one self-contained page (inline CSS and SVG, no
 * scripts, no network) that opens with what was found, in words
 * (sweep-findings.ts), then what was run, how it went, the charts and the
 * sensitivity table, and how to query the tables with what collabsim ships.
 * The Vega-Lite specs sit next to it in charts/.
 */
import { escapeHtml, page } from '../output/html.ts';
import type { FailureInfo } from './finalise.ts';
import type { SensitivityRow, SweepChart } from './sweep-charts.ts';
import { sobolReading, sweepFindings, type SweepFindings, type SweepFindingsInput } from './sweep-findings.ts';
import { num } from './sweep-levels.ts';

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
  /** The design and the report's metrics, for the findings in words (none without). */
  findings?: SweepFindingsInput;
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
figure svg { max-width: 100%; height: auto; }
.finding { margin: 0.3rem 0 0.8rem; }
.caveat { background: #fff4e5; border-left: 4px solid #D55E00; padding: 0.5rem 0.9rem; margin: 0.6rem 0; }
code { font-size: 0.9em; background: #f5f5f5; padding: 0 0.2em; }
pre { background: #f5f5f5; padding: 0.7rem; overflow-x: auto; }
.warn { color: #a04000; }
`;

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
  const sobol = method === 'sobol';
  const rows = sensitivity
    .filter((s) => (sobol ? true : s.index === 'mu_star' || s.index === 'sigma'))
    .map((s) => {
      const reading = sobolReading(s);
      return `<tr><td>${escapeHtml(s.metric)}</td><td>${escapeHtml(s.factor)}</td><td>${escapeHtml(s.index)}</td><td class="n">${num(s.value)}</td><td class="n">${
        Number.isFinite(s.ciLow) ? `${num(s.ciLow)} \u2013 ${num(s.ciHigh)}` : '\u2013'
      }</td>${sobol ? `<td${reading ? ' class="warn"' : ''}>${escapeHtml(reading)}</td>` : ''}</tr>`;
    })
    .join('\n');
  const note = sobol
    ? '<p>Values are the estimates as computed, not clipped: an index lies between 0 and 1, so an estimate outside that range (or an interval far past it) shows sampling noise, and the last column says how to read it.</p>\n'
    : '';
  return `<section><h2>Sensitivity (${sobol ? 'Sobol indices' : 'Morris elementary effects'})</h2>
${note}<table><thead><tr><th>metric</th><th>factor</th><th>statistic</th><th>value</th><th>interval</th>${sobol ? '<th>reading</th>' : ''}</tr></thead><tbody>
${rows}
</tbody></table></section>`;
}

/** "What we found": caveats first, then a paragraph per reported metric. */
function findingsSection(f: SweepFindings | undefined): string {
  if (!f || (!f.caveats.length && !f.metrics.some((m) => m.sentences.length))) return '';
  const caveats = f.caveats.map((c) => `<p class="caveat"><strong>Read with care.</strong> ${escapeHtml(c)}</p>`).join('\n');
  const metrics = f.metrics
    .filter((m) => m.sentences.length)
    .map((m) => `<p class="finding"><strong>${escapeHtml(m.metric)}.</strong> ${escapeHtml(m.sentences.join(' '))}</p>`)
    .join('\n');
  return `<section id="findings"><h2>What we found</h2>
${caveats}
${metrics}
<p>Changes are averaged over the other factors and the replications: in a grid, from the first to the last level of the factor; in a sampling design, along a straight line fitted through every design point over the factor's range. The main-effects chart below shows every level with its interval.</p></section>`;
}

/** SQL for the query example: the first reported metric's means, or the first rows of runs. */
function exampleSql(f: SweepFindings | undefined): string {
  const m = f?.metrics[0]?.metric;
  return m
    ? `SELECT point, n, mean, ci95_low, ci95_high FROM aggregated WHERE metric = '${m.replace(/'/g, "''")}' ORDER BY point LIMIT 20`
    : 'SELECT * FROM runs LIMIT 20';
}

/**
 * How to query sweep.duckdb with the DuckDB library collabsim installs
 * (@duckdb/node-api): no DuckDB program needed. Run from the collabsim
 * folder, where node finds the library.
 */
function querySection(f: SweepFindings | undefined): string {
  const script = [
    "node --input-type=module -e '",
    'import { DuckDBInstance } from "@duckdb/node-api";',
    'const [dir, sql] = process.argv.slice(1);',
    'const db = await DuckDBInstance.create(dir + "/sweep.duckdb", { access_mode: "READ_ONLY" });',
    'console.table((await (await db.connect()).runAndReadAll(sql)).getRowObjectsJson());',
    `' "$SWEEP" "${exampleSql(f)}"`,
  ].join('\n');
  return `<p>Query the tables with SQL through the DuckDB library that collabsim installs (no separate DuckDB program is needed). In a shell, from the collabsim folder (where <code>npm install</code> put <code>@duckdb/node-api</code>), with <code>SWEEP</code> set to the folder this report is in:</p>
<pre>SWEEP=path/to/this/folder
${escapeHtml(script)}</pre>
<p>Any SQL works in place of the last argument, over the tables <code>runs</code>, <code>aggregated</code>, <code>sensitivity</code> and <code>timeseries</code>; the Parquet files in <code>parquet/</code> can be read the same way with <code>FROM '$SWEEP/parquet/runs.parquet'</code>, or by pandas, R (arrow) and Polars.</p>`;
}

export function buildSweepReport(r: SweepReportInput): string {
  const found = r.findings ? sweepFindings(r.findings) : undefined;
  const facts = r.facts.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n');
  const failures = failuresSection(r);
  const charts = r.charts
    .map(
      (c) => `<section class="chart"><h2>${escapeHtml(c.title)}</h2><p>${escapeHtml(c.explanation)}</p>
${c.svg ? `<figure>${c.svg}</figure>` : `<p class="warn">Chart not rendered${c.error ? `: ${escapeHtml(c.error)}` : ''}. The spec is in charts/${escapeHtml(c.name)}.vl.json.</p>`}</section>`,
    )
    .join('\n');
  const sens = sensitivitySection(r.sensitivity);
  // Warnings already said under "What we found" are not repeated.
  const shown = new Set(found?.caveats ?? []);
  const rest = r.warnings.filter((w) => !shown.has(w));
  const warnings = rest.length ? `<section><h2>Warnings</h2><ul>${rest.map((w) => `<li>${escapeHtml(w)}</li>`).join('')}</ul></section>` : '';
  const files = r.files.map((f) => `<tr><td><code>${escapeHtml(f.file)}</code></td><td>${escapeHtml(f.description)}</td></tr>`).join('\n');
  return page({
    doctype: '<!doctype html>',
    title: `Sweep ${r.name} \u2013 collabsim`,
    css: SWEEP_CSS,
    body: `<h1>Sweep: ${escapeHtml(r.name)}</h1>
${r.description ? `<p>${escapeHtml(r.description)}</p>` : ''}
${findingsSection(found)}
<section><h2>What ran</h2><table>${facts}</table></section>
${failures}
${warnings}
${charts}
${sens}
<section><h2>Files</h2><table>${files}</table>
${r.files.some((f) => f.file === 'sweep.duckdb') ? querySection(found) : ''}
</section>`,
  });
}
