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
import { rowTick, type RunOutput } from '../engine/contract.ts';
import { createSha256 } from '../common/hash.ts';
import { recordsCsv, timeseriesCsv } from './csv.ts';
import { escapeHtml, page } from './html.ts';
import { ASSUMPTIONS_HTML, FOOTER_HTML, howToReadHtml, REPORT_CSS, SECTIONS, type SectionDef } from './report-content.ts';
import { durationText, plural } from './report-format.ts';
import { headline } from './report-headline.ts';
import { groupTable, htmlTable, localityTable, schoolTable } from './report-tables.ts';
import { groupNames, runYears } from './run-series.ts';
import type { ReplicatedAnswer } from './answer-types.ts';
import { answerSectionHtml } from './answer-report.ts';

export interface ReportChart {
  name: string;
  title: string;
  explanation: string;
  /** Standalone SVG markup (as produced by renderSvg). */
  svg: string;
}

interface ReportInput {
  out: RunOutput;
  manifest: Record<string, unknown>;
  charts: ReportChart[];
  /** The question the scenario is designed to answer. Falls back to manifest.question. */
  question?: string;
  /** A short description of the scenario. Falls back to manifest.description. */
  description?: string;
  /** The question answered over replications, and its charts, shown first. */
  answer?: ReplicatedAnswer;
  answerCharts?: ReportChart[];
  /** The results fingerprint, when the caller already has the tables' text (`resultsFingerprint`); made here otherwise. */
  fingerprint?: string;
  /** The report's tables, when the caller made them already (`reportTables`, e.g. while its charts were drawn); made here otherwise. */
  tables?: ReportTables;
}

/**
 * A short, stable fingerprint of the run's results: SHA-256 of the time
 * series (without the run id) and the schools and groups tables. A writer
 * that has already formatted the two tables passes their text, or its UTF-8
 * bytes (the same digest).
 */
export function resultsFingerprint(out: RunOutput, tables?: { schools: string | Uint8Array; groups: string | Uint8Array }): string {
  const t = tables ?? { schools: recordsCsv(out.schools), groups: recordsCsv(out.groups) };
  // Fed piece by piece: the digest of the three texts end to end, without joining 7 MB of a national run's text first.
  return createSha256().update(timeseriesCsv(out, '')).update(t.schools).update(t.groups).hex().slice(0, 16);
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

const stringOr = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Manifest entries shown in the identity list: label and the keys it may be recorded under. */
const IDENTITY_KEYS: [string, string[]][] = [
  ['Run ID', ['runId', 'run_id', 'id']],
  ['Content hash', ['contentHash', 'content_hash', 'scenarioHash', 'scenario_hash', 'configHash', 'config_hash', 'hash']],
  ['Code version', ['codeVersion', 'code_version', 'version', 'gitCommit', 'git_commit', 'commit']],
  ['Started', ['startedAt', 'started_at', 'createdAt', 'created_at', 'date', 'timestamp']],
  ['Finished', ['finishedAt', 'finished_at', 'completedAt', 'completed_at']],
];

/** Label and value of each line of the run's identity. */
function runIdentity(out: RunOutput, manifest: Record<string, unknown>, fingerprint: string | undefined): [string, string][] {
  const ident: [string, string][] = [
    ['Scenario', out.scenarioName],
    ['Seed', String(out.seed)],
  ];
  let dated = false;
  for (const [label, keys] of IDENTITY_KEYS) {
    const v = pick(manifest, keys);
    if (v === undefined) continue;
    ident.push([label, displayValue(v)]);
    if (label === 'Started' || label === 'Finished') dated = true;
  }
  if (!dated) ident.push(['Run dates', 'recorded in manifest.json']);
  const every = rowTick(out.series, 1);
  const ticks = rowTick(out.series, Math.max(0, out.series.rows - 1));
  const perYear = out.series.ticksPerYear * every;
  const recorded = every === 1 ? '' : ', recorded once a year';
  ident.push([
    'Simulated period',
    runYears(out) >= 1
      ? `${durationText(out)} (${ticks} ${plural(ticks, 'tick', 'ticks')}, ${perYear} a year${recorded})`
      : `${durationText(out)} (${perYear} ticks a year${recorded})`,
  ]);
  ident.push(['Schools / groups', `${out.schools.length} / ${Math.max(out.groups.length, groupNames(out).length)}`]);
  ident.push(['Results fingerprint', fingerprint ?? resultsFingerprint(out)]);
  return ident;
}

/** The page header: title, scenario, question and identity. */
function header(input: ReportInput, title: string): string[] {
  const { out, manifest } = input;
  const question = input.question ?? stringOr(manifest.question);
  const description = input.description ?? stringOr(manifest.description);
  const parts = [`<header>\n<p class="eyebrow">collabsim run report</p>\n<h1>${escapeHtml(title)}</h1>`];
  if (title !== out.scenarioName) parts.push(`<p>Scenario: <strong>${escapeHtml(out.scenarioName)}</strong></p>`);
  if (description) parts.push(`<p>${escapeHtml(description)}</p>`);
  if (question) {
    parts.push(`<div class="question"><strong>The question this scenario answers</strong>${escapeHtml(question)}</div>`);
  }
  const ident = runIdentity(out, manifest, input.fingerprint);
  parts.push(`<dl class="identity">\n${ident.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('\n')}\n</dl>\n</header>`);
  return parts;
}

function headlineSection(out: RunOutput, replicated: boolean): string[] {
  const hl = headline(out);
  const parts = replicated
    ? [`<section class="headline" id="headline">\n<h2>One run in detail: replication 1 (seed ${escapeHtml(out.seed)})</h2>`]
    : [`<section class="headline" id="headline">\n<h2>Headlines of one run: an illustration</h2>`];
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
  return parts;
}

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

/** Tables shown after the charts of a section, by section id. */
const SECTION_TABLES: Record<string, { heading: string; build: (out: RunOutput) => string | undefined }> = {
  lencioni: { heading: 'Final pyramid levels by group', build: groupTable },
  improvement: { heading: 'Schools that changed most', build: schoolTable },
  localities: { heading: 'By locality', build: localityTable },
};

/** The HTML of the report's tables, by section id (undefined where a run has nothing to show). */
export type ReportTables = Readonly<Record<string, string | undefined>>;

/**
 * The report's tables for a run: they need only its output, not its charts,
 * so a writer whose charts are drawn elsewhere makes them meanwhile.
 */
export function reportTables(out: RunOutput): ReportTables {
  const tables: Record<string, string | undefined> = {};
  for (const [id, def] of Object.entries(SECTION_TABLES)) tables[id] = def.build(out);
  return tables;
}

/** One section: intro, its charts (or a note that they are missing) and its table; empty if nothing to show. */
function section(sec: SectionDef, charts: ReportChart[], tables: ReportTables): string[] {
  const tableDef = SECTION_TABLES[sec.id];
  const table = tables[sec.id];
  if (charts.length === 0 && !table && !sec.missing) return [];
  const parts = [`<section id="${sec.id}">\n<h2>${escapeHtml(sec.title)}</h2>`];
  for (const p of sec.intro) parts.push(`<p>${escapeHtml(p)}</p>`);
  if (charts.length === 0 && sec.missing) parts.push(`<p class="missing">${escapeHtml(sec.missing)}</p>`);
  for (const c of charts) parts.push(figure(c));
  if (tableDef && table) parts.push(`<h3>${tableDef.heading}</h3>`, table);
  parts.push('</section>');
  return parts;
}

/** The chart sections in SECTIONS order, then any chart no section claims. */
function chartSections(charts: ReportChart[], tables: ReportTables): string[] {
  const byName = new Map(charts.map((c) => [c.name, c]));
  const used = new Set<string>();
  const parts: string[] = [];
  for (const sec of SECTIONS) {
    const secCharts = sec.charts.flatMap((n) => byName.get(n) ?? []);
    for (const c of secCharts) used.add(c.name);
    parts.push(...section(sec, secCharts, tables));
  }
  const others = charts.filter((c) => !used.has(c.name));
  if (others.length) {
    parts.push('<section id="other-charts">\n<h2>Other charts</h2>');
    for (const c of others) parts.push(figure(c));
    parts.push('</section>');
  }
  return parts;
}

/** Build the report HTML. */
export function buildReport(input: ReportInput): string {
  const { out, manifest } = input;
  const title = typeof manifest.title === 'string' && manifest.title ? manifest.title : out.scenarioName;
  const body = [
    ...header(input, title),
    '<main>',
    ...(input.answer
      ? [
          answerSectionHtml(
            input.answer,
            out.scenarioName,
            (input.answerCharts ?? []).map((c) => ({ ...c, html: figure(c) })),
          ),
        ]
      : []),
    ...headlineSection(out, input.answer !== undefined),
    howToReadHtml(out.series.ticksPerYear * rowTick(out.series, 1), input.answer?.reps, rowTick(out.series, 1) !== 1),
    ...chartSections(input.charts, input.tables ?? reportTables(out)),
    `${ASSUMPTIONS_HTML}\n</main>`,
    FOOTER_HTML,
  ];
  return page({
    title: `${title} \u2013 collabsim run report`,
    generator: 'collabsim',
    css: REPORT_CSS,
    body: body.join('\n'),
  });
}
