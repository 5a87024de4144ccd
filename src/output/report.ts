/**
 * A single self-contained HTML report for one run, written for a policy
 * analyst rather than a modeller.
 *
 * Everything is inline (CSS and SVG charts); there are no scripts, no web
 * fonts and no external links, so the file opens offline and prints cleanly.
 * All text that comes from a scenario, manifest or output row is escaped.
 * The page is a pure function of its input: the same input gives the same
 * bytes.
 */
import { createHash } from 'node:crypto';
import type { Cell, RunOutput } from '../engine/contract.ts';
import { getSeries, groupNames, LENCIONI_LEVELS, runYears } from './charts.ts';
import { recordsCsv, timeseriesCsv } from './csv.ts';

export interface ReportChart {
  name: string;
  title: string;
  explanation: string;
  /** Standalone SVG markup (as produced by renderSvg). */
  svg: string;
}

export interface ReportInput {
  out: RunOutput;
  manifest: Record<string, unknown>;
  charts: ReportChart[];
  /** The question the scenario is designed to answer. Falls back to manifest.question. */
  question?: string;
  /** A short description of the scenario. Falls back to manifest.description. */
  description?: string;
}

// ---------------------------------------------------------------------------
// Small helpers

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(s: unknown): string {
  return String(s ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const DASH = '\u2013';

function fixed2(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)}%` : DASH;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** "2 years", "1 year", "2.5 years", "4 ticks". */
export function durationText(out: RunOutput): string {
  const ticks = Math.max(0, out.series.rows - 1);
  const years = runYears(out);
  if (years >= 1) {
    const y = Math.round(years * 10) / 10;
    return `${y} ${plural(y, 'year', 'years')}`;
  }
  return `${ticks} ${plural(ticks, 'tick', 'ticks')}`;
}

interface Obs {
  tick: number;
  value: number;
}

/** First and last observed values of a series at level `all`. */
function firstLast(out: RunOutput, metric: string, level = 'all'): { first: Obs; last: Obs } | undefined {
  const s = getSeries(out, metric, level);
  if (!s) return undefined;
  let first: Obs | undefined;
  let last: Obs | undefined;
  for (let t = 0; t < s.length; t++) {
    if (Number.isNaN(s[t])) continue;
    if (!first) first = { tick: t, value: s[t] };
    last = { tick: t, value: s[t] };
  }
  return first && last ? { first, last } : undefined;
}

function yearOf(out: RunOutput, tick: number): string {
  const y = tick / out.series.ticksPerYear;
  return `year ${Math.round(y * 10) / 10}`;
}

/** rose / fell / stayed, judged on the values as displayed. */
function movement(a: string, b: string, aNum: number, bNum: number, up = 'rose', down = 'fell'): string {
  if (a === b) return `stayed at ${b}`;
  return `${bNum > aNum ? up : down} from ${a} to ${b}`;
}

function pick(obj: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) {
    const v = obj[k];
    if (v !== undefined && v !== null && v !== '') return v;
  }
  return undefined;
}

function displayValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function cellText(v: Cell | undefined, digits = 2): string {
  if (v === undefined || v === null) return DASH;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return DASH;
    return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** A short, stable fingerprint of the run's results (time series, schools, groups). */
export function resultsFingerprint(out: RunOutput): string {
  const h = createHash('sha256');
  h.update(timeseriesCsv(out, ''));
  h.update(recordsCsv(out.schools));
  h.update(recordsCsv(out.groups));
  return h.digest('hex').slice(0, 16);
}

// ---------------------------------------------------------------------------
// Headline numbers

interface HeadlineRow {
  label: string;
  start: string;
  end: string;
  change: string;
}

export interface Headline {
  rows: HeadlineRow[];
  sentences: string[];
}

function changeText(a: number, b: number, asPct = false): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return DASH;
  // Differences of the values as displayed, so the columns add up.
  if (asPct) {
    const pts = Math.round(b * 100) - Math.round(a * 100);
    return pts === 0 ? '0 pts' : `${pts > 0 ? '+' : '\u2212'}${Math.abs(pts)} pts`;
  }
  const cents = Math.round(Number(fixed2(b)) * 100) - Math.round(Number(fixed2(a)) * 100);
  if (cents === 0) return '0.00';
  return `${cents > 0 ? '+' : '\u2212'}${(Math.abs(cents) / 100).toFixed(2)}`;
}

/** Key numbers and plain-language sentences, generated from the run. */
export function headline(out: RunOutput): Headline {
  const rows: HeadlineRow[] = [];
  const sentences: string[] = [];
  const over = durationText(out);

  const trust = firstLast(out, 'trust_mean');
  if (trust) {
    const a = fixed2(trust.first.value);
    const b = fixed2(trust.last.value);
    rows.push({ label: 'Mean relational trust (0\u20131)', start: a, end: b, change: changeText(trust.first.value, trust.last.value) });
    sentences.push(`Mean relational trust ${movement(a, b, trust.first.value, trust.last.value)} over ${over}.`);
  }

  const results = firstLast(out, 'lencioni_results');
  if (results) {
    const a = fixed2(results.first.value);
    const b = fixed2(results.last.value);
    rows.push({
      label: 'Lencioni results level (0\u20131)',
      start: a,
      end: b,
      change: changeText(results.first.value, results.last.value),
    });
    sentences.push(
      `The top of the Lencioni pyramid, a shared focus on results, ${movement(a, b, results.first.value, results.last.value)}.`,
    );
  }
  // Where is the pyramid narrowest at the end?
  const ends = LENCIONI_LEVELS.map((l) => ({ label: l.label, v: firstLast(out, l.metric)?.last.value ?? NaN }));
  let worst: { from: string; to: string; a: number; b: number; drop: number } | undefined;
  for (let i = 0; i + 1 < ends.length; i++) {
    const a = ends[i].v;
    const b = ends[i + 1].v;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const drop = a - b;
    if (!worst || drop > worst.drop) worst = { from: ends[i].label, to: ends[i + 1].label, a, b, drop };
  }
  if (worst && worst.drop >= 0.05) {
    sentences.push(
      `The biggest step down in the final pyramid is from ${worst.from.toLowerCase()} (${fixed2(worst.a)}) to ${worst.to.toLowerCase()} (${fixed2(worst.b)}): on average, that is the level where groups are most held back.`,
    );
  }

  const eff = firstLast(out, 'effectiveness_mean');
  if (eff) {
    const a = fixed2(eff.first.value);
    const b = fixed2(eff.last.value);
    rows.push({ label: 'Mean school effectiveness (0\u20131)', start: a, end: b, change: changeText(eff.first.value, eff.last.value) });
    sentences.push(`Mean school effectiveness ${movement(a, b, eff.first.value, eff.last.value)}.`);
  }

  const gap = firstLast(out, 'effectiveness_gap');
  if (gap) {
    const a = fixed2(gap.first.value);
    const b = fixed2(gap.last.value);
    rows.push({ label: 'Disadvantage gap (others minus disadvantaged)', start: a, end: b, change: changeText(gap.first.value, gap.last.value) });
    const absA = Math.abs(Number(a));
    const absB = Math.abs(Number(b));
    const verb = a === b ? `stayed at ${b}` : absB < absA ? `narrowed from ${a} to ${b}` : absB > absA ? `widened from ${a} to ${b}` : `moved from ${a} to ${b}`;
    sentences.push(`The effectiveness gap between disadvantaged schools and the rest ${verb}.`);
  }

  const share = firstLast(out, 'share_improving');
  if (share) {
    rows.push({
      label: `Schools improving on a year earlier (from ${yearOf(out, share.first.tick)})`,
      start: pct(share.first.value),
      end: pct(share.last.value),
      change: changeText(share.first.value, share.last.value, true),
    });
    sentences.push(
      `By the end, ${pct(share.last.value)} of schools were more effective than a year earlier (${pct(share.first.value)} at ${yearOf(out, share.first.tick)}).`,
    );
  }

  const dep = getSeries(out, 'leader_departures');
  if (dep) {
    let total = 0;
    let seen = false;
    for (let t = 1; t < dep.length; t++) {
      if (!Number.isNaN(dep[t])) {
        total += dep[t];
        seen = true;
      }
    }
    if (seen) {
      total = Math.round(total);
      const years = runYears(out);
      rows.push({ label: 'Headteacher departures (total over the run)', start: DASH, end: String(total), change: DASH });
      if (total === 0) {
        sentences.push('No headteacher left their post during the run.');
      } else {
        const perYear = years >= 1 ? ` (about ${(total / years).toFixed(1)} a year)` : '';
        sentences.push(`${total} ${plural(total, 'headteacher', 'headteachers')} left their posts during the run${perYear}.`);
      }
    }
  }

  const ret = firstLast(out, 'teacher_retention');
  if (ret) {
    rows.push({
      label: 'Teachers from the starting cohort still in post',
      start: pct(ret.first.value),
      end: pct(ret.last.value),
      change: changeText(ret.first.value, ret.last.value, true),
    });
    const maths = firstLast(out, 'teacher_retention_maths');
    const mathsText = maths ? ` (maths teachers: ${pct(maths.last.value)})` : '';
    sentences.push(`${pct(ret.last.value)} of the teachers in post at the start were still there at the end${mathsText}.`);
  }

  return { rows, sentences };
}

// ---------------------------------------------------------------------------
// Tables

function htmlTable(head: string[], body: string[][], numericFrom = 1, caption?: string): string {
  const th = head.map((h, i) => `<th scope="col"${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(h)}</th>`).join('');
  const trs = body
    .map(
      (r) =>
        `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${escapeHtml(c)}</th>` : `<td${i >= numericFrom ? ' class="num"' : ''}>${escapeHtml(c)}</td>`)).join('')}</tr>`,
    )
    .join('\n');
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : '';
  return `<table>${cap}<thead><tr>${th}</tr></thead>\n<tbody>\n${trs}\n</tbody></table>`;
}

const NAME_COLUMNS = ['group', 'name', 'group_name', 'id', 'group_id'];

function nameColumn(rows: Record<string, Cell>[], candidates: string[]): string | undefined {
  if (rows.length === 0) return undefined;
  const cols = Object.keys(rows[0]);
  return candidates.find((c) => cols.includes(c)) ?? cols.find((c) => typeof rows[0][c] === 'string');
}

/** Per-group final Lencioni levels, from out.groups (or the series if the rows lack them). */
export function groupTable(out: RunOutput): string | undefined {
  const levels = LENCIONI_LEVELS;
  const rows = out.groups;
  const head = ['Group', ...levels.map((l) => l.label)];
  const body: string[][] = [];
  if (rows.length > 0) {
    const nameCol = nameColumn(rows, NAME_COLUMNS);
    const cols = Object.keys(rows[0]);
    const levelCols = levels.map((l) => [l.metric, l.key, `${l.key}_level`].find((c) => cols.includes(c)));
    const seriesGroups = new Set(groupNames(out));
    rows.forEach((r, i) => {
      const name = nameCol !== undefined ? String(r[nameCol]) : `Group ${i + 1}`;
      const cells = levels.map((l, j) => {
        const c = levelCols[j];
        if (c !== undefined) return cellText(r[c]);
        if (seriesGroups.has(name)) {
          const s = firstLast(out, l.metric, `group:${name}`);
          return s ? fixed2(s.last.value) : DASH;
        }
        return DASH;
      });
      body.push([name, ...cells]);
    });
  } else {
    for (const g of groupNames(out)) {
      body.push([g, ...levels.map((l) => {
        const s = firstLast(out, l.metric, `group:${g}`);
        return s ? fixed2(s.last.value) : DASH;
      })]);
    }
  }
  if (body.length === 0) return undefined;
  return htmlTable(head, body, 1, 'Final level of each part of the pyramid, by group (0 to 1).');
}

const SCHOOL_ID_COLUMNS = ['school_id', 'id', 'name', 'school', 'urn'];
const SCHOOL_TABLE_SIZE = 5;

/** Top and bottom schools by change in effectiveness, if start and end are recorded. */
export function schoolTable(out: RunOutput): string | undefined {
  const rows = out.schools;
  if (rows.length === 0) return undefined;
  const cols = Object.keys(rows[0]);
  if (!cols.includes('effectiveness_start') || !cols.includes('effectiveness')) return undefined;
  const idCol = SCHOOL_ID_COLUMNS.find((c) => cols.includes(c));
  const extra = ['group', 'disadvantaged'].filter((c) => cols.includes(c));
  const scored = rows
    .map((r, i) => ({
      id: idCol ? String(r[idCol]) : `School ${i + 1}`,
      r,
      start: Number(r.effectiveness_start),
      end: Number(r.effectiveness),
      i,
    }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end))
    .map((s) => ({ ...s, change: s.end - s.start }));
  scored.sort((a, b) => b.change - a.change || a.i - b.i);
  const n = SCHOOL_TABLE_SIZE;
  const picked = scored.length <= 2 * n ? scored.map((s) => ({ s, band: '' })) : [
    ...scored.slice(0, n).map((s) => ({ s, band: 'Most improved' })),
    ...scored.slice(-n).map((s) => ({ s, band: 'Least improved' })),
  ];
  if (picked.length === 0) return undefined;
  const withBand = picked.some((p) => p.band);
  const head = ['School', ...extra.map((c) => (c === 'disadvantaged' ? 'Disadvantaged' : 'Group')), 'Start', 'End', 'Change'];
  if (withBand) head.push('');
  const body = picked.map(({ s, band }) => {
    const row = [s.id, ...extra.map((c) => cellText(s.r[c])), fixed2(s.start), fixed2(s.end), changeText(s.start, s.end)];
    if (withBand) row.push(band);
    return row;
  });
  const caption = withBand
    ? `The ${n} schools whose effectiveness rose most and the ${n} whose effectiveness rose least (or fell), of ${scored.length}.`
    : `All ${scored.length} schools, ordered by change in effectiveness.`;
  return htmlTable(head, body, 1 + extra.length, caption);
}

// ---------------------------------------------------------------------------
// Layout

const CSS = `
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

/** Strip anything before the <svg> element (an XML prolog, if a renderer adds one). */
function inlineSvg(svg: string): string {
  const i = svg.indexOf('<svg');
  return i >= 0 ? svg.slice(i) : '';
}

function figure(c: ReportChart): string {
  return `<figure id="chart-${escapeHtml(c.name)}" aria-label="${escapeHtml(c.title)}">
${inlineSvg(c.svg)}
<figcaption><strong>${escapeHtml(c.title)}.</strong> ${escapeHtml(c.explanation)}</figcaption>
</figure>`;
}

interface SectionDef {
  id: string;
  title: string;
  intro: string[];
  charts: string[];
  missing: string;
}

const SECTIONS: SectionDef[] = [
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
      'Effectiveness is the model\u2019s underlying measure of how good a school is, on a 0 to 1 scale. It is not an inspection grade or an exam result, but it stands for what those measure imperfectly. The gap compares disadvantaged schools with the rest.',
    ],
    charts: ['improvement'],
    missing: 'This run did not record effectiveness metrics.',
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

/** Build the report HTML. */
export function buildReport(input: ReportInput): string {
  const { out, manifest, charts } = input;
  const question = input.question ?? (typeof manifest.question === 'string' ? manifest.question : undefined);
  const description = input.description ?? (typeof manifest.description === 'string' ? manifest.description : undefined);
  const title = typeof manifest.title === 'string' && manifest.title ? manifest.title : out.scenarioName;
  const byName = new Map(charts.map((c) => [c.name, c]));
  const used = new Set<string>();
  const parts: string[] = [];

  parts.push(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="collabsim">
<title>${escapeHtml(title)} \u2013 collabsim run report</title>
<style>${CSS}</style>
</head>
<body>
<header>
<p class="eyebrow">collabsim run report</p>
<h1>${escapeHtml(title)}</h1>`);
  if (title !== out.scenarioName) parts.push(`<p>Scenario: <strong>${escapeHtml(out.scenarioName)}</strong></p>`);
  if (description) parts.push(`<p>${escapeHtml(description)}</p>`);
  if (question) {
    parts.push(`<div class="question"><strong>The question this scenario answers</strong>${escapeHtml(question)}</div>`);
  }

  // Run identity
  const ident: [string, string][] = [];
  ident.push(['Scenario', out.scenarioName]);
  ident.push(['Seed', String(out.seed)]);
  const runId = pick(manifest, ['runId', 'run_id', 'id']);
  if (runId !== undefined) ident.push(['Run ID', displayValue(runId)]);
  const hash = pick(manifest, ['contentHash', 'content_hash', 'scenarioHash', 'scenario_hash', 'configHash', 'config_hash', 'hash']);
  if (hash !== undefined) ident.push(['Content hash', displayValue(hash)]);
  const version = pick(manifest, ['codeVersion', 'code_version', 'version', 'gitCommit', 'git_commit', 'commit']);
  if (version !== undefined) ident.push(['Code version', displayValue(version)]);
  const started = pick(manifest, ['startedAt', 'started_at', 'createdAt', 'created_at', 'date', 'timestamp']);
  if (started !== undefined) ident.push(['Started', displayValue(started)]);
  const finished = pick(manifest, ['finishedAt', 'finished_at', 'completedAt', 'completed_at']);
  if (finished !== undefined) ident.push(['Finished', displayValue(finished)]);
  if (started === undefined && finished === undefined) ident.push(['Run dates', 'recorded in manifest.json']);
  const ticks = Math.max(0, out.series.rows - 1);
  ident.push([
    'Simulated period',
    runYears(out) >= 1
      ? `${durationText(out)} (${ticks} ${plural(ticks, 'tick', 'ticks')}, ${out.series.ticksPerYear} a year)`
      : `${durationText(out)} (${out.series.ticksPerYear} ticks a year)`,
  ]);
  ident.push(['Schools / groups', `${out.schools.length} / ${Math.max(out.groups.length, groupNames(out).length)}`]);
  ident.push(['Results fingerprint', resultsFingerprint(out)]);
  parts.push(
    `<dl class="identity">\n${ident.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>\n</header>`,
  );

  // Headline box
  const hl = headline(out);
  parts.push(`<main>\n<section class="headline" id="headline">\n<h2>Headlines</h2>`);
  if (hl.sentences.length) {
    parts.push(`<ul>\n${hl.sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>`);
  } else {
    parts.push('<p class="missing">This run recorded none of the headline metrics.</p>');
  }
  if (hl.rows.length) {
    parts.push(
      htmlTable(
        ['Measure', 'Start', 'End', 'Change'],
        hl.rows.map((r) => [r.label, r.start, r.end, r.change]),
        1,
      ),
    );
  }
  parts.push('</section>');

  parts.push(`<section class="note" id="how-to-read">
<h2>How to read this report</h2>
<ul>
<li>Trust, team-health and effectiveness scores run from 0 (none) to 1 (as high as the model allows). Shares are shown as percentages.</li>
<li>Time is in years. The model moves in ticks of half a school term (${escapeHtml(out.series.ticksPerYear)} a year); year 0 is the starting state.</li>
<li>This is one simulated run with one random seed. Differences of a few hundredths can come from chance alone: compare several seeds before drawing conclusions, and treat the results as a way to reason about mechanisms, not as a forecast.</li>
</ul>
</section>`);

  for (const sec of SECTIONS) {
    const secCharts = sec.charts.map((n) => byName.get(n)).filter((c): c is ReportChart => c !== undefined);
    const extraTable = sec.id === 'lencioni' ? groupTable(out) : sec.id === 'improvement' ? schoolTable(out) : undefined;
    if (secCharts.length === 0 && !extraTable && !sec.missing) continue;
    parts.push(`<section id="${sec.id}">\n<h2>${escapeHtml(sec.title)}</h2>`);
    for (const p of sec.intro) parts.push(`<p>${escapeHtml(p)}</p>`);
    if (secCharts.length === 0 && sec.missing) parts.push(`<p class="missing">${escapeHtml(sec.missing)}</p>`);
    for (const c of secCharts) {
      used.add(c.name);
      parts.push(figure(c));
    }
    if (extraTable) {
      parts.push(`<h3>${sec.id === 'lencioni' ? 'Final pyramid levels by group' : 'Schools that changed most'}</h3>`);
      parts.push(extraTable);
    }
    parts.push('</section>');
  }

  const others = charts.filter((c) => !used.has(c.name));
  if (others.length) {
    parts.push('<section id="other-charts">\n<h2>Other charts</h2>');
    for (const c of others) parts.push(figure(c));
    parts.push('</section>');
  }

  parts.push(`<section class="note" id="assumptions">
<h2>What the model assumes</h2>
<ul>
<li>Schools are led by headteachers who work together in groups (partnerships, trusts or hubs). Trust between two heads grows or erodes through their repeated dealings, judged on respect, personal regard, competence and integrity.</li>
<li>Each group\u2019s team health follows Lencioni\u2019s pyramid, with each level capped by the level beneath it.</li>
<li>School effectiveness changes slowly. Broadly, it is helped by capacity, by knowledge flowing between schools and by honest, rigorous peer review, and these in turn depend on trust.</li>
<li>Heads and teachers leave over time. A new head has to build relationships afresh, so turnover can undo trust that took years to build.</li>
</ul>
<p>The full description of the model, following the ODD (Overview, Design concepts, Details) protocol, is in <code>docs/ODD.md</code> in the collabsim repository.</p>
</section>
</main>`);

  parts.push(`<footer>
<p>Data files in this folder: <code>timeseries.csv</code> (one row per tick, metric and level), <code>schools.csv</code> (final state of each school), <code>groups.csv</code> (final state of each group), <code>summary.json</code> (final metrics), <code>manifest.json</code> (run settings and provenance) and <code>charts/</code> (each chart as SVG and as a Vega-Lite spec).</p>
<p>Generated by collabsim. This file is self-contained and works offline.</p>
</footer>
</body>
</html>
`);
  return parts.join('\n');
}
