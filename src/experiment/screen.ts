/**
 * A global sensitivity screen over every free parameter of a scenario
 * (`collabsim screen`, docs/sensitivity.md):
 *
 * 1. the parameter space: every numeric leaf of the scenario schema with a
 *    range, or the reason it is left out (screen-params.ts);
 * 2. a Morris sweep over all of them plus a dummy factor that measures noise;
 * 3. the selection of the parameters that matter (screen-report.ts), then a
 *    Sobol (Saltelli) sweep over those and the dummy;
 * 4. screen.json and screen.md beside the two sweep folders.
 *
 * The sweeps are ordinary sweeps (runner.ts): seeded, resumable and
 * byte-identical for any number of workers; so is screen.json, which holds
 * no timings.
 */
import { join, resolve as resolvePath } from 'node:path';
import { mkdirSync } from 'node:fs';
import { createModel } from './collabsim-model.ts';
import { ScenarioSchema } from '../model/schema.ts';
import { InputError } from '../scenario/load.ts';
import { didYouMean } from '../scenario/spelling.ts';
import { stableJson } from '../common/json.ts';
import { writeFileAtomicSync } from '../output/atomic.ts';
import { SOBOL_MAX_DIMENSION } from './sobol-sequence.ts';
import { runSweep, type RunSweepOptions, type SweepResult } from './runner.ts';
import { screenParams, type ParamSpace, type ScreenParam } from './screen-params.ts';
import {
  DUMMY_FACTOR,
  morrisRanking,
  readSensitivity,
  screenMarkdown,
  selectFactors,
  sobolTable,
  sobolWarnings,
  type ScreenSummary,
  type Selection,
} from './screen-report.ts';

export interface ScreenSettings {
  /** Final metrics to screen (the first few are also charted in the sweep reports). */
  metrics: string[];
  /** Morris trajectories r. */
  trajectories: number;
  /** Morris grid levels p (even). */
  levels: number;
  /** Parameters kept per metric for the Sobol sweep. */
  top: number;
  /** Sobol base samples N. */
  baseSamples: number;
  /** Replications per design point (both sweeps). */
  reps: number;
  /** Master seed of both sweeps (default: the scenario's seed). */
  seed?: number;
}

export const SCREEN_DEFAULTS = { trajectories: 10, levels: 4, top: 6, baseSamples: 64, reps: 2 } as const;

export const RANGE_RULE = "the scenario's value x0.5 to x1.5, clipped to the schema's bounds; whole numbers rounded outward";

/** Most parameters a Sobol sweep can take beside the dummy (two Sobol dimensions per factor). */
export const SOBOL_MAX_SELECTED = Math.floor(SOBOL_MAX_DIMENSION / 2) - 1;

export interface ScreenPlan {
  /** The scenario file, as given. */
  file: string;
  scenario: { name: string; question: string };
  space: ParamSpace;
  settings: Required<ScreenSettings>;
  outDir: string;
  /** Runs of the Morris sweep. */
  morrisRuns: number;
  /** Most runs the Sobol sweep can have (all K x metrics parameters selected). */
  sobolRunsAtMost: number;
}

const input = (message: string, hint?: string) =>
  new InputError('collabsim screen', [{ file: 'collabsim screen', line: 0, column: 0, path: '', message, ...(hint ? { hint } : {}) }]);

function checkMetrics(metrics: readonly string[], known: readonly string[]): void {
  if (!metrics.length) throw input('name at least one --metric (see docs/outputs.md for the final metrics)');
  for (const m of metrics) {
    if (!known.includes(m)) throw input(`unknown --metric '${m}': not a final metric the model reports (see docs/outputs.md)`, didYouMean(m, known));
  }
}

/** Factor count of the Sobol sweep when every slot is used: K per metric (at most the parameters varied), plus the dummy. */
function sobolFactorsAtMost(s: Required<ScreenSettings>, varied: number): number {
  return Math.min(varied, s.top * s.metrics.length) + 1;
}

/** Read and check the scenario and settings, and build the parameter space: everything but the runs. */
export function planScreen(
  file: string,
  settings: Partial<ScreenSettings> & { metrics: string[] },
  opts: { out?: string; resultsDir?: string } = {},
): ScreenPlan {
  const model = createModel();
  const metrics = [...new Set(settings.metrics)];
  checkMetrics(metrics, model.metricNames?.() ?? []);
  const baseRaw = model.loadBase(file);
  const resolved = model.resolve(baseRaw, file);
  const s: Required<ScreenSettings> = { ...SCREEN_DEFAULTS, ...settings, metrics, seed: settings.seed ?? resolved.seed };
  if (s.top * metrics.length > SOBOL_MAX_SELECTED) {
    throw input(
      `--top ${s.top} with ${metrics.length} metric(s) may select ${s.top * metrics.length} parameters; a Sobol sweep takes at most ${SOBOL_MAX_SELECTED}`,
    );
  }
  const space = screenParams(ScenarioSchema, baseRaw, resolved, (raw) => model.resolve(raw, file));
  if (!space.params.length) throw input(`${file}: no parameter can be varied (see the excluded list with --dry-run)`);
  const k = space.params.length + 1;
  return {
    file,
    scenario: { name: resolved.name, question: resolved.question },
    space,
    settings: s,
    outDir: resolvePath(opts.out ?? join(opts.resultsDir ?? 'results', 'screen', resolved.name)),
    morrisRuns: s.trajectories * (k + 1) * s.reps,
    sobolRunsAtMost: s.baseSamples * (sobolFactorsAtMost(s, space.params.length) + 2) * s.reps,
  };
}

function factorOf(p: ScreenParam): Record<string, unknown> {
  return { path: p.path, range: { min: p.min, max: p.max }, ...(p.integer ? { integer: true } : {}) };
}

/** What both sweeps share. */
function sweepCommon(plan: ScreenPlan): Record<string, unknown> {
  const s = plan.settings;
  return { base: resolvePath(plan.file), replications: s.reps, seed: s.seed, metrics: s.metrics, report: { metrics: s.metrics.slice(0, 8) } };
}

/** The Morris sweep over every parameter and the dummy (a sweep object, as a sweep file would hold). */
export function morrisSweep(plan: ScreenPlan): Record<string, unknown> {
  const s = plan.settings;
  return {
    name: `screen-morris-${plan.scenario.name}`,
    description: `Morris screen of ${plan.scenario.name} over ${plan.space.params.length} parameters and a dummy (collabsim screen).`,
    ...sweepCommon(plan),
    factors: [...plan.space.params.map(factorOf), { ...DUMMY_FACTOR, levels: [...DUMMY_FACTOR.levels] }],
    design: { type: 'morris', trajectories: s.trajectories, levels: s.levels },
  };
}

/** The Sobol sweep over the selected parameters and the dummy. */
export function sobolSweep(plan: ScreenPlan, selected: readonly string[]): Record<string, unknown> {
  const params = selected.map((path) => plan.space.params.find((p) => p.path === path)).filter((p): p is ScreenParam => p !== undefined);
  return {
    name: `screen-sobol-${plan.scenario.name}`,
    description: `Sobol indices of the ${params.length} parameters of ${plan.scenario.name} selected by the Morris screen, and a dummy (collabsim screen).`,
    ...sweepCommon(plan),
    factors: [...params.map(factorOf), { ...DUMMY_FACTOR, levels: [...DUMMY_FACTOR.levels] }],
    design: { type: 'sobol', baseSamples: plan.settings.baseSamples },
  };
}

export type ScreenRunOptions = Pick<RunSweepOptions, 'workers' | 'resume' | 'signal' | 'progressStream' | 'log' | 'extras'>;

export interface ScreenResult {
  status: 'complete' | 'interrupted';
  /** The sweep that was interrupted, if one was. */
  interruptedIn?: 'morris' | 'sobol';
  dir: string;
  morris: SweepResult;
  sobol: SweepResult | null;
  /** Present when complete. */
  summary?: ScreenSummary;
}

const DUMMY_WHY = 'changes only the run seeds: its effects are run-to-run noise, the floor a parameter must clear';

function buildSummary(
  plan: ScreenPlan,
  morris: SweepResult,
  selection: Selection,
  ranking: ScreenSummary['morris']['ranking'],
  sobol: SweepResult | null,
): ScreenSummary {
  const s = plan.settings;
  let sobolPart: ScreenSummary['sobol'] = null;
  if (sobol) {
    const rows = readSensitivity(sobol.dir);
    const factors = [...selection.factors, DUMMY_FACTOR.name];
    const indices = Object.fromEntries(s.metrics.map((m) => [m, sobolTable(rows, m, factors)]));
    const warnings = s.metrics.flatMap((m) => sobolWarnings(m, indices[m]));
    sobolPart = { dir: 'sobol', runs: sobol.total, failed: sobol.failed, indices, warnings };
  }
  return {
    format: 1,
    scenario: { file: plan.file, ...plan.scenario },
    metrics: s.metrics,
    settings: { trajectories: s.trajectories, levels: s.levels, top: s.top, baseSamples: s.baseSamples, reps: s.reps, seed: s.seed },
    rangeRule: RANGE_RULE,
    parameters: plan.space.params,
    excluded: plan.space.excluded,
    dropped: plan.space.dropped,
    dummy: { ...DUMMY_FACTOR, why: DUMMY_WHY },
    morris: { dir: 'morris', runs: morris.total, failed: morris.failed, ranking },
    selection,
    sobol: sobolPart,
  };
}

/** Run the screen planned by planScreen: Morris, selection, Sobol, screen.json and screen.md. */
export async function runScreen(plan: ScreenPlan, opts: ScreenRunOptions = {}): Promise<ScreenResult> {
  mkdirSync(plan.outDir, { recursive: true });
  const sweepOpts = (name: string): RunSweepOptions => ({ ...opts, out: join(plan.outDir, name) });
  const morris = await runSweep(morrisSweep(plan), sweepOpts('morris'));
  if (morris.status === 'interrupted') return { status: 'interrupted', interruptedIn: 'morris', dir: plan.outDir, morris, sobol: null };
  const rows = readSensitivity(morris.dir);
  const factors = [...plan.space.params.map((p) => p.path), DUMMY_FACTOR.name];
  const ranking = Object.fromEntries(plan.settings.metrics.map((m) => [m, morrisRanking(rows, m, factors)]));
  const selection = selectFactors(ranking, plan.settings.top);
  let sobol: SweepResult | null = null;
  if (selection.factors.length) {
    opts.log?.(`selected for the Sobol sweep: ${selection.factors.join(', ')}`);
    sobol = await runSweep(sobolSweep(plan, selection.factors), sweepOpts('sobol'));
    if (sobol.status === 'interrupted') return { status: 'interrupted', interruptedIn: 'sobol', dir: plan.outDir, morris, sobol };
  } else opts.log?.('no parameter stands out from noise in the Morris sweep: no Sobol sweep');
  const summary = buildSummary(plan, morris, selection, ranking, sobol);
  writeFileAtomicSync(join(plan.outDir, 'screen.json'), stableJson(summary));
  writeFileAtomicSync(join(plan.outDir, 'screen.md'), screenMarkdown(summary));
  return { status: 'complete', dir: plan.outDir, morris, sobol, summary };
}
