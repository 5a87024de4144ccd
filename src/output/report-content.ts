/**
 * Fixed content of the run report: its style sheet and the sections that
 * introduce each group of charts, in report order, and the fixed notes.
 */
import { escapeHtml } from './html.ts';

/** Style sheet of the run report (screen and print). */
export const REPORT_CSS = `
:root { --ink: #1b1b1b; --muted: #555; --rule: #d8d8d8; --accent: #0072B2; --panel: #f2f7fb; }
* { box-sizing: border-box; }
html { font-size: 18px; }
body { margin: 0 auto; max-width: 60rem; padding: 2rem 1.5rem 4rem; color: var(--ink); background: #fff;
  font-family: Helvetica, Arial, "Liberation Sans", sans-serif; line-height: 1.55; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0.2rem 0 0.6rem; }
h2 { font-size: 1.45rem; margin: 2.6rem 0 0.6rem; padding-top: 0.6rem; border-top: 2px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; }
p, li { max-width: 46rem; }
.eyebrow { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.8rem; color: var(--muted); margin: 0; }
.question { font-size: 1.15rem; border-left: 6px solid var(--accent); padding: 0.6rem 1rem; background: var(--panel); margin: 1rem 0; }
.question strong { display: block; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: 0.15rem 1.2rem; font-size: 0.85rem; margin: 1rem 0; }
dl.identity dt { color: var(--muted); }
dl.identity dd { margin: 0; font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; word-break: break-all; }
.headline { border: 2px solid var(--accent); border-radius: 6px; padding: 1rem 1.2rem; margin: 1.5rem 0; }
.headline h2 { border: 0; margin: 0 0 0.6rem; padding: 0; font-size: 1.3rem; }
.headline ul { margin: 0.6rem 0 1rem; padding-left: 1.2rem; }
.headline li { margin: 0.25rem 0; font-size: 1.05rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; width: 100%; }
caption { text-align: left; color: var(--muted); font-size: 0.85rem; padding-bottom: 0.4rem; }
th, td { padding: 0.35rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #999; }
tbody th { font-weight: normal; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure { margin: 1.6rem 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption { color: var(--ink); font-size: 0.95rem; margin-top: 0.5rem; max-width: 46rem; }
.note { background: #f7f7f7; border-radius: 6px; padding: 0.8rem 1.1rem; font-size: 0.95rem; }
.missing { color: var(--muted); font-style: italic; }
code { font-family: Menlo, Consolas, "DejaVu Sans Mono", monospace; font-size: 0.9em; }
footer { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.85rem; }
@media print {
  @page { margin: 15mm; }
  html { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  h2 { break-after: avoid; page-break-after: avoid; }
  figure, table, .headline, .question { break-inside: avoid; page-break-inside: avoid; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export interface SectionDef {
  id: string;
  title: string;
  intro: string[];
  /** Names of the charts shown in the section, in order. */
  charts: string[];
  /** Shown when the run has none of the section's charts; the section is left out when empty. */
  missing: string;
}

export const SECTIONS: SectionDef[] = [
  {
    id: 'trust',
    title: 'Relational trust',
    intro: [
      'Relational trust, in Bryk and Schneider\u2019s account of school improvement, rests on four things people judge in each other day to day: respect (being listened to and taken seriously), personal regard (willingness to go beyond what the role requires), competence (confidence that the other can do the job) and integrity (keeping one\u2019s word and putting pupils first).',
      'Here trust is measured between headteachers who work together. Each relationship has its own trust level; the chart shows the average, the spread, and how each of the four parts moved.',
    ],
    charts: ['trust'],
    missing: 'This run did not record trust metrics.',
  },
  {
    id: 'lencioni',
    title: 'The Lencioni pyramid: how well groups work as teams',
    intro: [
      'Lencioni describes team health as a pyramid of five levels. From the base up: trust (being open about weaknesses), productive conflict (debating ideas honestly), commitment (buying in to decisions), accountability (challenging each other on delivery) and attention to results (putting collective outcomes before individual ones).',
      'Each level is capped by the one beneath it: a group cannot have more productive conflict than it has trust, more commitment than it has conflict, and so on. So the pyramid can only narrow going up, and the place where it narrows most is where a partnership is stuck.',
    ],
    charts: ['lencioni', 'lencioni_by_group', 'lencioni_pyramid'],
    missing: 'This run did not record Lencioni metrics.',
  },
  {
    id: 'improvement',
    title: 'School improvement',
    intro: [
      'Effectiveness is a school\u2019s effect on pupil attainment, in pupil standard deviations (SD) against the national distribution of school effects: 0 is the national average, and schools in England differ by about 0.15 SD. It is not an inspection grade (grades come from inspections on their own cycle, which read it with error) but what value-added measures estimate. Whole-school programmes move it by hundredths of an SD, so small differences are the realistic ones. The gap compares disadvantaged schools with the rest.',
    ],
    charts: ['improvement'],
    missing: 'This run did not record effectiveness metrics.',
  },
  {
    id: 'localities',
    title: 'Places',
    intro: [
      'A run over several localities, summarised by kind of place and by its highest and lowest localities rather than school by school (every school is in schools.csv).',
    ],
    charts: [],
    missing: '',
  },
  {
    id: 'turnover',
    title: 'Leadership and staff turnover',
    intro: [
      'When a headteacher leaves, the trust others had built with them goes too, and a newcomer has to build those relationships afresh. Teacher retention follows the teachers in post at the start of the run; maths is shown separately because it is a hard-to-recruit subject.',
    ],
    charts: ['turnover'],
    missing: 'This run did not record turnover metrics.',
  },
  {
    id: 'peer-review',
    title: 'Peer review',
    intro: [
      'Peer review only improves schools if reviewers are honest about weaknesses and look hard enough to find them. Both depend on the trust between reviewer and reviewed.',
    ],
    charts: ['peer_review'],
    missing: '',
  },
  {
    id: 'trusts-hubs',
    title: 'Trusts, hubs and the knowledge network',
    intro: [
      'Multi-academy trusts build ties among their own heads; closed, boundary-keeping trusts also pull their schools out of partnerships, networks and hubs that cross their boundary. Hubs offer professional development to schools within reach, and a dense local network of trusted heads can carry a distant hub in.',
      'The knowledge network joins schools whose heads trust each other enough to share practice. When it splits into separate parts, good practice stops spreading.',
    ],
    charts: ['hub_engagement', 'trusts', 'trust_shares', 'knowledge_network'],
    missing: '',
  },
  {
    id: 'equity-competition',
    title: 'Equity and competition',
    intro: [
      'Access to professional learning is unequal where knowledge is locked inside trusts or networks and where hubs do not reach. Competition for pupils, from falling rolls and parental choice, sets nearby schools against each other: they protect or sell what they know instead of sharing it, and trust between rival heads erodes.',
    ],
    charts: ['equity', 'competition'],
    missing: '',
  },
];

/** The note on reading the report; `ticksPerYear` is the run's, `yearly` whether its series is recorded once a year. */
export function howToReadHtml(ticksPerYear: number, reps?: number, yearly = false): string {
  const runs =
    reps !== undefined && reps > 1
      ? `The answer at the top comes from ${escapeHtml(reps)} replications. The sections from the headlines down show replication 1 alone, as an illustration of how the mechanisms play out: differences of a few hundredths within one run can come from chance, so quote the answer, not these.`
      : 'This is an illustration: one simulated run with one random seed, not an answer. Differences of a few hundredths can come from chance alone: run it with several replications (the default of <code>run</code>, or <code>--reps</code>) or use <code>compare</code> before drawing conclusions, and treat the results as a way to reason about mechanisms, not as a forecast.';
  return `<section class="note" id="how-to-read">
<h2>How to read this report</h2>
<ul>
<li>Trust, team-health and effectiveness scores run from 0 (none) to 1 (as high as the model allows). Shares are shown as percentages.</li>
<li>Time is in years. The model moves in ticks of half a school term (${escapeHtml(ticksPerYear)} a year); year 0 is the starting state.</li>${
    yearly
      ? '\n<li>This run records its series once a year: each point is the state at a year&rsquo;s end, and counts over time (heads leaving, challenges accepted, review visits, the knowledge flow) are over the whole year.</li>'
      : ''
  }
<li>${runs}</li>
</ul>
</section>`;
}

/** The model's assumptions, closing the main part of the report. */
export const ASSUMPTIONS_HTML = `<section class="note" id="assumptions">
<h2>What the model assumes</h2>
<ul>
<li>Schools are led by headteachers who work together in groups (partnerships, trusts or hubs). Trust between two heads grows or erodes through their repeated dealings, judged on respect, personal regard, competence and integrity.</li>
<li>Each group\u2019s team health follows Lencioni\u2019s pyramid, with each level capped by the level beneath it.</li>
<li>School effectiveness changes slowly. Broadly, it is helped by capacity, by knowledge flowing between schools and by honest, rigorous peer review, and these in turn depend on trust.</li>
<li>Heads and teachers leave over time. A new head has to build relationships afresh, so turnover can undo trust that took years to build.</li>
</ul>
<p>The full description of the model, following the ODD (Overview, Design concepts, Details) protocol, is in <code>docs/ODD.md</code> in the collabsim repository.</p>
</section>`;

/** The footer: the data files next to the report. */
export const FOOTER_HTML = `<footer>
<p>Data files in this folder: <code>timeseries.csv</code> (one row per tick, metric and level), <code>schools.csv</code> (final state of each school), <code>groups.csv</code> (final state of each group), <code>summary.json</code> (final metrics), <code>manifest.json</code> (run settings and provenance) and <code>charts/</code> (each chart as SVG and as a Vega-Lite spec).</p>
<p>Generated by collabsim. This file is self-contained and works offline.</p>
</footer>`;
