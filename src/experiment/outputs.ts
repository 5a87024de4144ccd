/**
 * The steps after the tables: DuckDB and Parquet exports, charts, the report
 * and the manifest. Shared by finished sweeps and merges.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../output/atomic.ts';
import { errorMessage } from '../common/errors.ts';
import type { LoadedSweep } from './load.ts';
import type { FinaliseResult, FailureInfo, FileInfo } from './finalise.ts';
import { exportDuckDb } from './duckdb-export.ts';
import { sweepCharts, type SweepChart } from './sweep-charts.ts';
import { buildSweepReport } from './sweep-report.ts';
import { FILES } from './layout.ts';
import type { ShardSpec } from './shard.ts';

export type SweepStatus = 'running' | 'interrupted' | 'complete';

const SEED_RULE = 'seed = first 4 bytes (big-endian, unsigned) of sha256(`${master_seed}|${point_id}|${rep}`)';

export interface ManifestInput {
  sweep: LoadedSweep;
  status: SweepStatus;
  dir: string;
  shard: ShardSpec | null;
  owned: number;
  done: number;
  ok: number;
  failed: number;
  failures: FailureInfo[];
  startedAt: string;
  finishedAt?: string;
  elapsedSeconds?: number;
  workers?: number;
  files?: Record<string, FileInfo>;
  warnings?: string[];
  mergedFrom?: { dir: string; shard: ShardSpec | null; runs: number }[];
}

export function buildManifest(m: ManifestInput): Record<string, unknown> {
  const s = m.sweep;
  const { type: _t, ...designSettings } = s.spec.design;
  const settings = s.design.type === 'explicit' ? {} : designSettings;
  return {
    tool: 'collabsim',
    kind: 'sweep',
    format: 1,
    name: s.spec.name,
    description: s.spec.description,
    status: m.status,
    sweep_hash: s.hash,
    model: s.model.id,
    sweep_file: s.source,
    base_scenario: s.baseSource,
    design: {
      type: s.design.type,
      points: s.design.points.length,
      ...settings,
    },
    factors: s.factors.map((f) => ({
      name: f.name,
      path: f.path,
      ...(f.levels ? { levels: f.levels } : {}),
      ...(f.min !== undefined ? { min: f.min, max: f.max } : {}),
      ...(f.steps !== undefined ? { steps: f.steps } : {}),
      ...(f.integer ? { integer: true } : {}),
    })),
    replications: s.replications,
    master_seed: s.masterSeed,
    seed_rule: SEED_RULE,
    keep: s.spec.keep,
    runs: { total: s.totalRuns, owned: m.owned, done: m.done, ok: m.ok, failed: m.failed, pending: m.owned - m.done },
    shard: m.shard ? { index: m.shard.index, count: m.shard.count, rule: 'run % count == index' } : null,
    ...(m.mergedFrom ? { merged_from: m.mergedFrom } : {}),
    ...(m.workers !== undefined ? { workers: m.workers } : {}),
    started_at: m.startedAt,
    updated_at: new Date().toISOString(),
    ...(m.finishedAt ? { finished_at: m.finishedAt } : {}),
    ...(m.elapsedSeconds !== undefined ? { elapsed_seconds: Math.round(m.elapsedSeconds * 1000) / 1000 } : {}),
    node: process.version,
    failures: m.failures.slice(0, 20),
    warnings: m.warnings ?? [],
    files: m.files ?? {},
  };
}

export function writeManifest(dir: string, manifest: Record<string, unknown>): void {
  writeFileAtomicSync(join(dir, FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
}

const FILE_DESCRIPTIONS: Record<string, string> = {
  'runs.csv': 'One row per run: factor values, replication, seed, status, error, final metrics.',
  'aggregated.csv': 'One row per design point and metric: n, mean, sd, 95% confidence interval.',
  'sensitivity.csv': 'Sensitivity indices per metric and factor (Sobol S1/ST or Morris mu, mu*, sigma).',
  'timeseries.csv': 'Long-format time series of every successful run.',
  'sweep.duckdb': 'The tables above in a DuckDB database.',
  'parquet/': 'The tables above as Parquet files.',
  'charts/': 'Vega-Lite specs (.vl.json) and SVG renderings of the charts.',
  'manifest.json': 'What ran: sweep hash, design, seeds rule, counts, table hashes.',
  'state/': 'Run journal and the sweep definition (used by --resume and merge).',
};

/** Exports, charts and report for a finished sweep (or merge). Adds to `fin.files` and `fin.warnings`. */
export async function writeSweepExtras(dir: string, sweep: LoadedSweep, fin: FinaliseResult, facts: [string, string][]): Promise<void> {
  if (fin.exports.length) {
    try {
      const counts = await exportDuckDb(dir, fin.exports);
      fin.files[FILES.duckdb] = { rows: Object.values(counts).reduce((a, b) => a + b, 0) };
      for (const [t, n] of Object.entries(counts)) fin.files[`parquet/${t}.parquet`] = { rows: n };
    } catch (e) {
      fin.warnings.push(`DuckDB/Parquet export failed: ${errorMessage(e)}`);
    }
  }
  const chartInput = {
    factors: sweep.factors,
    designType: sweep.design.type,
    points: sweep.design.points.map((p) => p.values),
    metrics: fin.chartMetrics,
    sensitivity: fin.sensitivity,
  };
  const charts: (SweepChart & { svg?: string; error?: string })[] = sweepCharts(chartInput);
  if (charts.length) {
    const chartDir = join(dir, FILES.charts);
    mkdirSync(chartDir, { recursive: true });
    let render: ((spec: object, o?: { idPrefix?: string }) => Promise<string>) | null = null;
    try {
      render = (await import('../output/render.ts')).renderSvg;
    } catch (e) {
      fin.warnings.push(`charts not rendered: ${errorMessage(e)}`);
    }
    for (const c of charts) {
      writeFileAtomicSync(join(chartDir, `${c.name}.vl.json`), `${JSON.stringify(c.spec, null, 2)}\n`);
      if (!render) continue;
      try {
        c.svg = await render(c.spec, { idPrefix: c.name });
        writeFileAtomicSync(join(chartDir, `${c.name}.svg`), c.svg);
      } catch (e) {
        c.error = errorMessage(e);
        fin.warnings.push(`chart ${c.name} not rendered: ${c.error}`);
      }
    }
  }
  const files = Object.keys(FILE_DESCRIPTIONS)
    .filter((f) => f.endsWith('/') || f === 'manifest.json' || f in fin.files)
    .filter((f) => !(f === 'parquet/' && !fin.files[FILES.duckdb]) && !(f === 'charts/' && charts.length === 0))
    .map((file) => ({ file, description: FILE_DESCRIPTIONS[file] }));
  const html = buildSweepReport({
    name: sweep.spec.name,
    description: sweep.spec.description,
    facts,
    failures: fin.failures,
    failedCount: fin.failed,
    charts,
    sensitivity: fin.sensitivity,
    files,
    warnings: fin.warnings,
    findings: { ...chartInput, replications: sweep.replications },
  });
  writeFileAtomicSync(join(dir, FILES.report), html);
  fin.files[FILES.report] = { rows: 0 };
}

export function reportFacts(sweep: LoadedSweep, fin: FinaliseResult, extra: [string, string][] = []): [string, string][] {
  const d = sweep.design;
  const designText =
    d.type === 'sobol'
      ? `Sobol/Saltelli, N = ${d.saltelli?.n} base samples, ${d.points.length} points`
      : d.type === 'morris'
        ? `Morris, ${d.morris?.trajectories.length} trajectories, ${d.morris?.levels} levels, ${d.points.length} points`
        : d.type === 'lhs'
          ? `Latin hypercube, ${d.points.length} points`
          : d.type === 'factorial'
            ? `full factorial, ${d.points.length} points`
            : `${d.points.length} explicit points`;
  return [
    ['Design', designText],
    ['Factors', sweep.factors.map((f) => f.name).join(', ') || '(none)'],
    [
      'Replications',
      sweep.posterior
        ? `${sweep.replications} (${sweep.spec.replications} seeds x ${sweep.posterior.draws.length} parameter sets drawn from the posterior of ${sweep.posterior.source}: replication r runs under draw r mod ${sweep.posterior.draws.length}, so spreads and intervals include parameter uncertainty)`
        : String(sweep.replications),
    ],
    ['Runs', `${fin.runs} (${fin.ok} ok, ${fin.failed} failed)`],
    ['Master seed', String(sweep.masterSeed)],
    ['Base scenario', sweep.baseSource],
    ['Model', sweep.model.id],
    ['Sweep hash', sweep.hash],
    ...extra,
  ];
}
