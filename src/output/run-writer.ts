/**
 * Write one run's output folder.
 *
 * Layout of `<finalDir>/`:
 *
 *   manifest.json          run settings and provenance (the only file with timestamps)
 *   timeseries.csv         tidy time series, see TIMESERIES_COLUMNS
 *   schools.csv            final state, one row per school
 *   groups.csv             final state, one row per group
 *   summary.json           final metrics
 *   answer.csv             the question answered over replications (runs with replications)
 *   replications.csv       each replication's values at the answer's year
 *   bands.csv              the answer charts' bands per tick
 *   charts/<name>.vl.json  Vega-Lite spec with data inlined
 *   charts/<name>.svg      the same chart rendered offline
 *   report.html            self-contained report for readers
 *
 * Everything is written into a hidden staging folder next to `finalDir` and
 * published with a rename only when every file is on disk, so an interrupted
 * write never leaves a folder that looks complete. `manifest.json` is written
 * last, and its presence is what marks a folder as a finished run.
 *
 * Apart from `manifest.json`, every file is a pure function of the RunOutput
 * (and the run id), so writing the same output twice gives byte-identical
 * files. For that reason the report leaves out the manifest's dates unless
 * `reportDates` is set.
 */
import { Buffer } from 'node:buffer';
import * as path from 'node:path';
import type { RunOutput } from '../engine/contract.ts';
import { COMPLETE_MARKER, publishFolder } from './atomic.ts';
import { runCharts } from './charts.ts';
import { policyRunCharts } from './policy-charts.ts';
import { recordsCsv, timeseriesCsv } from './csv.ts';
import { renderSvg, type RenderOptions } from './render.ts';
import type { ChartDef, ChartSource } from './chart-spec.ts';
import { buildReport, reportTables, resultsFingerprint, type ReportChart } from './report.ts';
import { stableJson } from '../common/json.ts';
import type { ReplicatedAnswer } from './answer-types.ts';
import { answerCharts as answerChartDefs } from './answer-charts.ts';
import { answerCsv, bandsCsv, replicationsCsv } from './answer-report.ts';

export interface ColumnDoc {
  name: string;
  type: 'string' | 'integer' | 'number';
  description: string;
}

/** Documentation of the columns of `timeseries.csv`. */
export const TIMESERIES_COLUMNS: readonly ColumnDoc[] = [
  {
    name: 'run_id',
    type: 'string',
    description: 'Identifier of the run, the same on every row; lets time series from many runs be stacked into one table.',
  },
  { name: 'seed', type: 'integer', description: 'Random seed of the run.' },
  {
    name: 'tick',
    type: 'integer',
    description: 'Time step, from 0 (the initial state) to the last tick. A tick is half a school term.',
  },
  {
    name: 'year',
    type: 'number',
    description: 'Simulated years since the start: tick divided by ticks per year (6 by default), to 6 significant digits.',
  },
  {
    name: 'metric',
    type: 'string',
    description: 'Metric name in snake_case, e.g. trust_mean or lencioni_results (see docs for the list).',
  },
  {
    name: 'level',
    type: 'string',
    description: 'Level of aggregation: `all` for the whole system, `group:<name>` for one group.',
  },
  {
    name: 'value',
    type: 'number',
    description: 'Observed value, to 6 significant digits. Ticks where a metric is not observed (e.g. peer review between review rounds) have no row.',
  },
];

/** Documentation of the files in a run folder. */
export const RUN_FILES: readonly { file: string; description: string }[] = [
  { file: 'manifest.json', description: 'Run settings and provenance (scenario, seed, hashes, versions, times). Marks the folder as complete.' },
  { file: 'timeseries.csv', description: 'Tidy time series: one row per tick, metric and level (see TIMESERIES_COLUMNS).' },
  { file: 'schools.csv', description: 'Final state, one row per school.' },
  { file: 'groups.csv', description: 'Final state, one row per group (Lencioni levels and practices).' },
  { file: 'summary.json', description: 'Final metrics (level `all` at the last tick) and run-level aggregates.' },
  {
    file: 'answer.csv',
    description:
      "The scenario's question answered over replications: per metric, the mean with its 95% interval and, with a counterfactual, the effect (scenario minus counterfactual) with its 95% interval, d_z and p. Written when the run has replications (the default).",
  },
  {
    file: 'replications.csv',
    description: "Each replication's value of each answered metric at the answer's year, per arm (tidy: rep, seed, arm, metric, value).",
  },
  {
    file: 'bands.csv',
    description: "The answer charts' bands per tick: each arm's 5th, 50th and 95th percentiles over runs, and the effect's mean with its 95% interval.",
  },
  { file: 'charts/<name>.vl.json', description: 'Vega-Lite v6 spec of each chart, data inlined.' },
  { file: 'charts/<name>.svg', description: 'Each chart rendered to SVG.' },
  { file: 'report.html', description: 'Self-contained report of the run (opens offline).' },
];

/** TIMESERIES_COLUMNS as a Markdown table, for docs. */
export function timeseriesColumnsMarkdown(): string {
  const lines = ['| Column | Type | Description |', '| --- | --- | --- |'];
  for (const c of TIMESERIES_COLUMNS) lines.push(`| \`${c.name}\` | ${c.type} | ${c.description.replace(/\|/g, '\\|')} |`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------

/** Manifest keys that hold wall-clock dates; left out of the report unless asked for. */
const MANIFEST_DATE_KEYS = [
  'startedAt',
  'started_at',
  'createdAt',
  'created_at',
  'finishedAt',
  'finished_at',
  'completedAt',
  'completed_at',
  'date',
  'timestamp',
];

function slug(s: string): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return t || 'run';
}

/** Run id used when none is given: `<scenario-slug>-seed<seed>`. */
function defaultRunId(out: RunOutput): string {
  return `${slug(out.scenarioName)}-seed${out.seed}`;
}

export interface WriteRunOptions {
  question?: string;
  description?: string;
  /** Write charts (spec + SVG) and put them in the report. Default true. */
  charts?: boolean;
  /** Value of the run_id column. Default: manifest.runId / manifest.run_id, else `defaultRunId(out)`. */
  runId?: string;
  /** Show the manifest's start/finish dates in the report (makes report.html differ between reruns). */
  reportDates?: boolean;
  /**
   * Renderer to use instead of `renderSvg` (for tests, or a thread of its own:
   * chart-thread.ts). Every chart is asked for, in order, before the tables are
   * written, so a renderer on another thread works while they are; it must
   * give each chart the bytes it would give alone.
   */
  render?: Render;
  /** The run's own charts, already asked for with startRunCharts (from this output's series), instead of asking `render` for them here. */
  runCharts?: StartedCharts;
  /** The scenario's question answered over replications: written as answer.csv, replications.csv, bands.csv and charts, and led with in the report. */
  answer?: ReplicatedAnswer;
}

export interface WriteRunResult {
  /** Absolute path of the published folder. */
  dir: string;
  /** Files written, relative to `dir`, '/'-separated, sorted. */
  files: string[];
}

type Render = (vlSpec: object, opts: RenderOptions) => Promise<string>;

/** Charts asked of a renderer: each definition and its SVG to come. */
export interface StartedCharts {
  defs: ChartDef[];
  svgs: Promise<string>[];
}

/** Ask `render` for each chart, in order; the SVGs are awaited by writeRun, so a failure is reported there, not as an unhandled rejection. */
function askFor(defs: ChartDef[], render: Render): Promise<string>[] {
  const svgs = defs.map((c) => render(c.spec, { idPrefix: c.name }));
  for (const p of svgs) p.catch(() => undefined);
  return svgs;
}

/**
 * Ask `render` for a run's own charts (not the answer's) now. They need only
 * the run's series and number of schools, so a caller that has those before
 * the whole output (collabsim run, when the model stops: before the school
 * and group rows are collected and while the question is answered over
 * replications) has them drawn meanwhile, and hands them to writeRun as
 * `runCharts`. The charts are the ones writeRun would ask for itself.
 */
export function startRunCharts(src: RunOutput | ChartSource, render: Render): StartedCharts {
  const defs = [...runCharts(src), ...policyRunCharts(src)];
  return { defs, svgs: askFor(defs, render) };
}

/** Write a run's output folder atomically (see the module comment for the layout). */
export async function writeRun(out: RunOutput, manifest: Record<string, unknown>, finalDir: string, opts: WriteRunOptions = {}): Promise<WriteRunResult> {
  const dir = path.resolve(finalDir);
  const manifestRunId = manifest.runId ?? manifest.run_id;
  const runId = opts.runId ?? (typeof manifestRunId === 'string' && manifestRunId ? manifestRunId : defaultRunId(out));
  const withCharts = opts.charts !== false;
  const render = withCharts ? (opts.render ?? renderSvg) : undefined;

  const files = await publishFolder(dir, async (put) => {
    // Every chart asked for first: a renderer on another thread draws them while the tables are written.
    const run = render ? (opts.runCharts ?? startRunCharts(out, render)) : { defs: [], svgs: [] };
    const answerDefs = render && opts.answer ? answerChartDefs(opts.answer) : [];
    const answerSvgs = render ? askFor(answerDefs, render) : [];
    put('timeseries.csv', timeseriesCsv(out, runId));
    // Formatted and encoded once: written, and hashed for the report's results fingerprint
    // (hashing the text instead encoded the 7 MB of a national run's tables a second time).
    const tables = { schools: Buffer.from(recordsCsv(out.schools)), groups: Buffer.from(recordsCsv(out.groups)) };
    put('schools.csv', tables.schools);
    put('groups.csv', tables.groups);
    put('summary.json', stableJson(out.summary));

    const drawn = async (defs: ChartDef[], svgs: Promise<string>[]): Promise<ReportChart[]> => {
      const charts: ReportChart[] = [];
      for (const [k, c] of defs.entries()) {
        put(`charts/${c.name}.vl.json`, stableJson(c.spec));
        const svg = await svgs[k];
        put(`charts/${c.name}.svg`, svg.endsWith('\n') ? svg : `${svg}\n`);
        charts.push({ name: c.name, title: c.title, explanation: c.explanation, svg });
      }
      return charts;
    };
    // What the report needs besides the charts, made while they are drawn.
    const fingerprint = resultsFingerprint(out, tables);
    const reportTablesHtml = reportTables(out);
    const reportCharts = await drawn(run.defs, run.svgs);

    let answerCharts: ReportChart[] = [];
    if (opts.answer) {
      put('answer.csv', answerCsv(opts.answer));
      put('replications.csv', replicationsCsv(opts.answer));
      put('bands.csv', bandsCsv(opts.answer));
      answerCharts = await drawn(answerDefs, answerSvgs);
    }

    const reportManifest: Record<string, unknown> = { ...manifest };
    if (!opts.reportDates) for (const k of MANIFEST_DATE_KEYS) delete reportManifest[k];
    if (reportManifest.runId === undefined && reportManifest.run_id === undefined) reportManifest.runId = runId;
    put(
      'report.html',
      buildReport({
        out,
        manifest: reportManifest,
        charts: reportCharts,
        question: opts.question,
        description: opts.description,
        fingerprint,
        tables: reportTablesHtml,
        ...(opts.answer ? { answer: opts.answer, answerCharts } : {}),
      }),
    );

    // Put last: its presence marks the folder as a complete run (the folder is published only once every file is flushed).
    put(COMPLETE_MARKER, stableJson(manifest, { sortKeys: true }));
  });

  return { dir, files };
}
