/**
 * report.html of a discover folder: one self-contained page in the project's
 * page shell (output/html.ts): the condition and base rate, the finding in
 * plain words, the PRIM boxes with the quasi-p value of each restriction,
 * the coverage–density chart, the CART leaves and how to read it all.
 */
import { escapeHtml, page } from '../../output/html.ts';
import { htmlTable } from '../../output/report-tables.ts';
import { DASH, pct, sig3 } from '../../output/report-format.ts';
import type { Box } from './cases.ts';
import { CHOICE_RULE } from './box-choice.ts';
import { BOX_SIGNIFICANCE } from './permutation.ts';
import { boxFinding, boxWords, limitWords } from './describe.ts';
import type { DiscoverResult, NamedBox } from './discover.ts';

export interface ReportChart {
  title: string;
  explanation: string;
  name: string;
  svg?: string;
  error?: string;
}

const CSS = `
body { font-family: Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1000px; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.25rem 0.7rem; border-bottom: 1px solid #eee; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: bold; padding: 0.3rem 0; }
.finding { font-size: 1.1rem; background: #f3f7fb; border-left: 4px solid #0072B2; padding: 0.6rem 0.9rem; }
figure { margin: 0; overflow-x: auto; }
code { font-size: 0.9em; background: #f5f5f5; padding: 0 0.2em; }
.warn { color: #a04000; }
`;

/** A quasi-p value: "< 0.0001" below that, else three significant digits. */
export function pText(p: number): string {
  if (!Number.isFinite(p)) return DASH;
  return p < 1e-4 ? '< 0.0001' : sig3(p);
}

function wholeRange(r: DiscoverResult, j: number): string {
  const f = r.cases.factors[j];
  if (f.kind === 'categorical') return f.levels.join(', ');
  return f.levels ? f.levels.map(sig3).join(', ') : `${sig3(f.min)} to ${sig3(f.max)}`;
}

function limitText(r: DiscoverResult, box: Box, j: number): string {
  return limitWords(r.cases.factors[j], box[j], r.init[j])?.replace(`${r.cases.factors[j].name} `, '') ?? 'unrestricted';
}

function primSection(r: DiscoverResult): string {
  if (!r.primBoxes.length) return '';
  const tables = r.primBoxes.map((b) => {
    const rows = r.cases.factors.map((f, j) => [f.name, limitText(r, b.box, j), wholeRange(r, j), pText(b.pValues[j])]);
    const s = b.stats;
    const chance =
      b.test && Number.isFinite(b.test.p) ? `; permutation p ${sig3(b.test.p)} (${b.test.reached} of ${b.test.permutations} shuffles reach it)` : '';
    const caption = `${b.id}: ${r.unit} ${s.n} (${pct(s.mass)} of all), of interest ${s.k}; density ${pct(s.density)}, coverage ${pct(s.coverage)}; step ${b.step}${chance}`;
    return htmlTable(['factor', 'in the box', 'whole sweep', 'quasi-p'], rows, 3, caption);
  });
  const freed = r.prim.boxes.filter((b) => b.freed.length).map((b) => `prim-${b.index}: ${b.freed.join(', ')}`);
  return `<section><h2>PRIM boxes</h2>
<p>Box choice: ${escapeHtml(CHOICE_RULE)}${r.settings.step !== undefined ? ` (here overridden: the first box is step ${r.settings.step} as peeled, without pasting)` : ''}. Then pasting, and any restriction whose quasi-p value is above ${r.settings.maxP} is freed. Whether the box stands out from chance at all is tested by shuffling the outcome among the ${r.unit} ${r.settings.permutations} times and peeling again: the permutation p value is the share of shuffles whose best box stands out as much (a box is reported as a finding when it is at most ${BOX_SIGNIFICANCE}).</p>
${tables.join('\n')}
${freed.length ? `<p>Restrictions freed as not significant: ${escapeHtml(freed.join('; '))}.</p>` : ''}</section>`;
}

function cartSection(r: DiscoverResult): string {
  const rows = r.leaves.map((l: NamedBox) => [
    l.id,
    boxWords(r.cases.factors, l.box, r.init).join('; ') || `(all ${r.unit})`,
    String(l.stats.n),
    String(l.stats.k),
    pct(l.stats.density),
    pct(l.stats.coverage),
    l.predicted ? 'yes' : 'no',
  ]);
  return `<section><h2>CART leaves</h2>
<p>A classification tree (Gini impurity, depth at most ${r.settings.maxDepth}, leaves of at least ${r.minLeafCases} ${r.unit}) splits the same ${r.unit} one factor at a time. A leaf predicts the outcome when most of its ${r.unit} have it; those leaves are listed in boxes.csv.</p>
${htmlTable(['leaf', 'rule', r.unit, 'of interest', 'density', 'coverage', 'predicts the outcome'], rows, 2)}</section>`;
}

function chartSection(charts: ReportChart[]): string {
  return charts
    .map(
      (c) => `<section><h2>${escapeHtml(c.title)}</h2><p>${escapeHtml(c.explanation)}</p>
${c.svg ? `<figure>${c.svg}</figure>` : `<p class="warn">Chart not rendered${c.error ? `: ${escapeHtml(c.error)}` : ''}. The spec is in charts/${escapeHtml(c.name)}.vl.json.</p>`}</section>`,
    )
    .join('\n');
}

const HOW_TO_READ = `<section><h2>How to read coverage and density</h2>
<ul>
<li><strong>Density</strong>: of the cases inside a box, the share that meet the condition. Compare it with the base rate (the share over the whole sweep): a box is worth reading when its density is well above it.</li>
<li><strong>Coverage</strong>: of all the cases that meet the condition, the share inside the box. Low coverage means the outcome also happens elsewhere, so the box is one way to get it, not the only one.</li>
<li><strong>Mass</strong>: the share of all cases inside the box.</li>
<li>Peeling trades one for the other: a smaller box is purer but covers less. A box with few restricted factors is easier to act on than a slightly denser one with many.</li>
<li><strong>Quasi-p</strong>: for each restricted factor, the chance that a box of the same size drawn at random from the box without that restriction would hold as many cases of interest (hypergeometric). The restriction was picked by looking at the data, so read small values as "clearly earns its place", not as a test.</li>
<li>The boxes describe this sweep's design, within its factors' ranges and at its number of replications; they are a map of where the outcome occurs in the runs, not a causal claim.</li>
</ul></section>`;

function factsTable(r: DiscoverResult): string {
  const s = r.settings;
  const facts: [string, string][] = [
    ['Sweep', `${r.sweep.name || '(unnamed)'} (${r.sweep.designType || 'design unknown'})`],
    ['Condition', r.condition],
    ['Tested', r.unit === 'runs' ? 'per run' : 'per design point, on the mean over its replications'],
    [`${r.unit[0].toUpperCase()}${r.unit.slice(1)}`, `${r.n}, of which ${r.k} meet the condition (base rate ${pct(r.baseRate)})`],
    ['Factors', r.cases.factors.map((f) => f.name).join(', ')],
    [
      'PRIM',
      `peel alpha ${s.peelAlpha}, minimum mass ${s.minMass}, minimum coverage ${s.minCoverage}, restrictions kept up to quasi-p ${s.maxP}, boxes ${s.boxes}, ${s.permutations} shuffles (seed ${s.seed})`,
    ],
    ['CART', `depth ${s.maxDepth}, smallest leaf ${r.minLeafCases} ${r.unit}`],
  ];
  return `<table>${facts.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('\n')}</table>`;
}

/** The report page; `files` lists the folder's files with what each holds. */
export function discoverReport(r: DiscoverResult, charts: ReportChart[], files: [string, string][]): string {
  const findings = r.primBoxes.map((b) => `<p class="finding">${escapeHtml(boxFinding(r, b))}</p>`);
  const noFinding = r.k === 0 ? `<p class="finding">No ${r.unit.slice(0, -1)} meets the condition.</p>` : '';
  const notes = r.notes.length ? `<section><h2>Notes</h2><ul>${r.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul></section>` : '';
  return page({
    doctype: '<!doctype html>',
    title: `Discover ${r.condition} \u2013 collabsim`,
    css: CSS,
    body: `<h1>Scenario discovery: ${escapeHtml(r.sweep.name || 'sweep')}</h1>
<p>Which settings of the sweep's factors give <code>${escapeHtml(r.condition)}</code>?</p>
${findings.join('\n')}${noFinding}
<section><h2>What was asked</h2>${factsTable(r)}</section>
${primSection(r)}
${chartSection(charts)}
${cartSection(r)}
${HOW_TO_READ}
${notes}
<section><h2>Files</h2>${htmlTable(['file', 'contents'], files, 2)}</section>`,
  });
}
