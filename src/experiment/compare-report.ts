/**
 * The comparison report: one self-contained HTML page (no scripts, no
 * external links, the same bytes for the same comparison) that leads with what
 * was found, in words (compare-findings.ts), then the charts, the table of
 * every key metric and the provenance.
 */
import { escapeHtml, page } from '../output/html.ts';
import { isClear, type Comparison, type MetricComparison, type PosteriorRow } from './compare.ts';
import { SIDES } from './compare-charts.ts';
import { compareFindings, finding, fixedText, fmt, gText, leadSentence, type CompareFindings } from './compare-findings.ts';

export { fmt } from './compare-findings.ts';

/** A rendered chart with the heading and caption the report gives it. */
export interface ComparisonChart {
  name: string;
  title: string;
  caption: string;
  svg: string;
}

function fmtP(p: number): string {
  if (!Number.isFinite(p)) return '\u2013';
  return p < 0.001 ? '<0.001' : p.toFixed(3);
}

/** Compact style sheet of the comparison report. */
const CSS = `body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
.eyebrow{text-transform:uppercase;letter-spacing:.08em;color:#666;font-size:.8em;margin:0}
.q{background:#f4f7fb;border-left:4px solid #0072B2;padding:.6em 1em;margin:.6em 0}
.q strong{display:block;font-size:.85em;color:#555}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:.8em 0}th,td{border-bottom:1px solid #e3e3e3;padding:.35em .5em;text-align:left;vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}tr.clear th{color:#0b4f8a}
figure{margin:1em 0}figcaption{color:#444;font-size:.9em}svg{max-width:100%;height:auto}
.note{color:#444;font-size:.92em}code{background:#f3f3f3;padding:0 .25em}`;

function header(c: Comparison): string[] {
  const parts = [`<header>\n<p class="eyebrow">collabsim comparison report</p>\n<h1>${escapeHtml(c.b.name)} versus ${escapeHtml(c.a.name)}</h1>`];
  for (const side of SIDES) {
    const s = c[side];
    parts.push(
      `<div class="q"><strong>${side.toUpperCase()}: ${escapeHtml(s.name)} (${escapeHtml(s.source)})</strong>${escapeHtml(s.question || '(no question given)')}${s.description ? `<br><span class="note">${escapeHtml(s.description)}</span>` : ''}</div>`,
    );
  }
  parts.push(`<p class="note">Both scenarios were run ${c.reps} times over ${c.years} simulated years with the same ${c.reps} seeds (common random numbers: replication i of A and of B share every random stream), and each key metric is compared at the end of the run. Differences are B minus A.</p>
</header>`);
  return parts;
}

/** One finding as a list item, the metric's label in bold. */
function findingItem(r: MetricComparison): string {
  const f = finding(r);
  return `<li><strong>${escapeHtml(f.label)}</strong>: ${escapeHtml(f.text)}</li>`;
}

/** A short line listing metrics, or nothing. */
function listLine(intro: string, items: string[]): string {
  return items.length ? `<p class="note">${escapeHtml(intro)}: ${escapeHtml(items.join('; '))}.</p>` : '';
}

const G_SENTENCE =
  "Hedges' g is the change divided by how much the metric varies from run to run (the pooled standard deviation of the two scenarios, corrected for few seeds): about 0.2 is small, 0.5 medium and 0.8 or more large.";

/** "What we found": the largest changes in words, then what could not change or was set by the scenarios. */
function findingsSection(c: Comparison, f: CompareFindings): string[] {
  const rest = f.ranked.slice(f.top.length).filter((r) => r !== f.headline);
  const parts = ['<main>\n<section id="findings">\n<h2>What we found</h2>', `<p>${escapeHtml(leadSentence(c, f))}</p>`];
  if (f.top.length) parts.push(`<ol>\n${f.top.map(findingItem).join('\n')}\n</ol>`, `<p class="note">${escapeHtml(G_SENTENCE)}</p>`);
  if (f.headline) parts.push(`<p>The model's headline outcome:</p>\n<ul>\n${findingItem(f.headline)}\n</ul>`);
  parts.push(
    listLine(
      'Also beyond seed noise, smaller changes',
      rest.filter(isClear).map((r) => `${r.label} (g ${gText(r.hedgesG)})`),
    ),
    listLine(
      'Not distinguishable from seed noise',
      rest.filter((r) => !isClear(r)).map((r) => r.label),
    ),
    listLine('Set by the scenarios themselves, the same difference in every seed (not a finding of the model)', f.fixed.map(fixedText)),
    listLine(
      'Unchanged by construction, identical under A and B in every seed',
      f.unchanged.map((r) => r.label),
    ),
    listLine(
      'Reported by too few seeds to compare',
      f.sparse.map((r) => r.label),
    ),
    '</section>',
  );
  return parts.filter((x) => x !== '');
}

function chartSection(ch: ComparisonChart): string {
  return `<section id="chart-${escapeHtml(ch.name)}">\n<h2>${escapeHtml(ch.title)}</h2>\n<figure>\n${ch.svg}\n<figcaption>${escapeHtml(ch.caption)}</figcaption>\n</figure>\n</section>`;
}

function tableRow(r: MetricComparison, note = ''): string {
  const cells = [fmt(r.meanA), fmt(r.meanB), fmt(r.diff), `${fmt(r.ciLow)} to ${fmt(r.ciHigh)}`, fmt(r.dz), fmt(r.hedgesG), fmtP(r.pValue), String(r.n)];
  return (
    `<tr${isClear(r) ? ' class="clear"' : ''}><th scope="row">${escapeHtml(r.label)} <span class="note">(${escapeHtml(r.unit)}${note})</span></th>` +
    cells.map((x) => `<td class="num">${escapeHtml(x)}</td>`).join('') +
    '</tr>'
  );
}

function tableSection(f: CompareFindings): string {
  const head = ['Metric', 'A mean', 'B mean', 'B \u2212 A', '95% CI', 'd_z', "Hedges' g", 'p', 'n'];
  const rows = [...f.ranked.map((r) => tableRow(r)), ...f.sparse.map((r) => tableRow(r)), ...f.fixed.map((r) => tableRow(r, '; set by the scenarios'))];
  return `<section id="table">
<h2>All key metrics</h2>
<p class="note">Largest standardised change first; metrics identical under A and B in every seed are left out (they are listed above and in comparison.csv). ${escapeHtml(G_SENTENCE)} d_z is the mean change divided by the spread of the seed-by-seed changes: it says how consistently B differs from A when both run on the same seed, so it can be large for a change too small to matter.</p>
<table><thead><tr>${head.map((h, i) => `<th scope="col"${i ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}

const HOW_TO_READ = `<section id="how-to-read" class="note">
<h2>How to read this report</h2>
<ul>
<li>Each row compares the mean final value of a metric under B with that under A. The 95% confidence interval is for the mean of the paired differences (Student's t with n \u2212 1 degrees of freedom); where it excludes zero the row is highlighted.</li>
<li>d_z is the mean paired difference divided by the standard deviation of the paired differences (how consistently B differs from A seed by seed). Hedges' g is the difference in means divided by the pooled standard deviation of the two scenarios, corrected for small samples (how large the difference is against run-to-run variation). By Cohen's conventions 0.2 is small, 0.5 medium and 0.8 large.</li>
<li>n is the number of seeds where both runs report the metric (hub and trust metrics are empty in places without hubs or trusts).</li>
<li>The model is a tool for reasoning about mechanisms, not a forecast: read the direction and rough size of a difference, and check the assumptions in docs/ODD.md and docs/policy.md.</li>
</ul>
</section>`;

function provenanceSection(c: Comparison): string {
  return `<section id="provenance" class="note">
<h2>Provenance</h2>
<table><tbody>
<tr><th scope="row">A</th><td>${escapeHtml(c.a.source)} (content hash ${escapeHtml(c.a.hash.slice(0, 16))})</td></tr>
<tr><th scope="row">B</th><td>${escapeHtml(c.b.source)} (content hash ${escapeHtml(c.b.hash.slice(0, 16))})</td></tr>
<tr><th scope="row">Seeds</th><td>${escapeHtml(c.seeds.join(', '))} (master seed ${c.masterSeed})</td></tr>
</tbody></table>
<p>Files in this folder: <code>comparison.csv</code> (this table), <code>runs.csv</code> (final value of every metric in every run), <code>series.csv</code> (mean time series), <code>comparison.json</code>, <code>charts/</code> (Vega-Lite specs and SVG) and <code>manifest.json</code>. This page is self-contained and works offline.</p>
</section>`;
}

/** Whether an answer holds across what we do not know, in words. */
export function robustnessWord(p: PosteriorRow): string {
  if (!Number.isFinite(p.probPositive)) return 'not reported';
  if (p.low > 0 || p.high < 0) return `robust: ${p.high < 0 ? 'lower' : 'higher'} under B across the calibrated range of the parameters`;
  const likely = Math.max(p.probPositive, 1 - p.probPositive);
  if (likely >= 0.9)
    return `likely ${p.probPositive >= 0.5 ? 'higher' : 'lower'} under B (${Math.round(likely * 100)}% of draws), but not in every calibrated setting`;
  return 'not robust: the sign depends on parameters the calibration leaves uncertain';
}

/** The comparison over posterior draws: each effect with an interval that includes parameter uncertainty. */
function posteriorSection(c: Comparison): string {
  const post = c.posterior;
  if (!post) return '';
  const rows = post.rows
    .filter((r) => Number.isFinite(r.effect))
    .map(
      (r) =>
        `<tr><th scope="row">${escapeHtml(r.label)} <span class="note">(${escapeHtml(r.unit)})</span></th><td class="num">${fmt(r.effect)}</td><td class="num">${fmt(r.low)} to ${fmt(r.high)}</td><td class="num">${fmt(r.seedLow)} to ${fmt(r.seedHigh)}</td><td class="num">${fmt(r.probPositive)}</td><td>${escapeHtml(robustnessWord(r))}</td></tr>`,
    );
  return `<section id="posterior">
<h2>With parameter uncertainty</h2>
<p>Each of ${post.draws} parameter sets drawn from the calibration's posterior (${escapeHtml(post.source)}) ran ${post.seedsPerDraw} paired seeds. The effect is the mean over draws of each draw's mean difference (B − A); its 95% interval spans the middle 95% of the draws' effects, so it carries what the calibration leaves uncertain as well as seed noise. The seed-only interval treats every run as coming from one parameter set. P(B > A) is the share of draws whose effect is above zero.</p>
<table><thead><tr><th scope="col">Metric</th><th scope="col" class="num">effect</th><th scope="col" class="num">95% over draws</th><th scope="col" class="num">seed-only 95% CI</th><th scope="col" class="num">P(B &gt; A)</th><th scope="col">robust?</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
}

/** The self-contained report (no scripts, no external links, same bytes for the same comparison). */
export function comparisonReport(c: Comparison, charts: ComparisonChart[]): string {
  const f = compareFindings(c);
  const body = [
    ...header(c),
    ...findingsSection(c, f),
    posteriorSection(c),
    ...charts.map(chartSection),
    [tableSection(f), HOW_TO_READ, provenanceSection(c), '</main>'].join('\n'),
  ];
  return page({
    title: `${c.b.name} versus ${c.a.name} \u2013 collabsim comparison`,
    generator: 'collabsim compare',
    css: CSS,
    body: body.join('\n'),
  });
}
