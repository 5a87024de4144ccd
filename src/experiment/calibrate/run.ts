/**
 * runCalibration: load a targets file, run ABC-SMC or the simulated method
 * of moments on the worker pool, then the posterior predictive checks, and
 * write the outputs (outputs.ts).
 *
 * The folder holds `calibration.json` (what is being calibrated, with its
 * hash) and `journal.jsonl` (every finished run, see evaluate.ts) while it
 * runs. A calibration killed at any point is continued with `resume`: the
 * algorithms are replayed from the journal (the same proposals, the same
 * results) and only the runs that are missing are run. The budget counts
 * model runs, replayed or not, so a resumed calibration stops where the
 * first would have.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { stableJson } from '../../common/json.ts';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { acquireLock, releaseLock } from '../folder.ts';
import { deriveSeed } from '../seeding.ts';
import { SweepError } from '../errors.ts';
import { loadTargets, resolveTargets, type LoadedTargets } from './load.ts';
import { CalibrationInterrupted, Evaluator, runsPerSet, simulateSets, type SetTask } from './evaluate.ts';
import { abcSmc, generationRuns, type AbcResult, type GenerationDiagnostics } from './abc-smc.ts';
import { smm, smmMaxSets, type SmmResult } from './smm.ts';
import { writeCalibrationOutputs, type CalibrationOutcome } from './outputs.ts';
import { drawParticles } from './posterior-file.ts';

export type CalibrationMethod = 'abc-smc' | 'smm';

export interface CalibrateOptions {
  method?: CalibrationMethod;
  /** Most model runs, the checks included (default: what the settings allow). */
  budget?: number;
  workers?: number;
  out?: string;
  resultsDir?: string;
  resume?: boolean;
  /** Override the file's master seed. */
  seed?: number;
  model?: string;
  signal?: AbortSignal;
  log?: (line: string) => void;
  /** Write the HTML report (default true; charts take a few seconds). */
  report?: boolean;
}

export interface CalibrationResult {
  dir: string;
  status: 'complete' | 'interrupted';
  method: CalibrationMethod;
  executedRuns: number;
  replayedRuns: number;
  elapsedSeconds: number;
  outcome?: CalibrationOutcome;
}

const STATE_FILE = 'calibration.json';
const JOURNAL_FILE = 'journal.jsonl';

/** Stop a folder from being mixed with another calibration. */
function prepareFolder(dir: string, loaded: LoadedTargets, resume: boolean): void {
  const state = join(dir, STATE_FILE);
  if (existsSync(state)) {
    if (!resume) throw new SweepError(`${dir} already holds a calibration: add --resume to continue it, or choose another --out`);
    const stored = JSON.parse(readFileSync(state, 'utf8')) as { hash?: string; model?: string };
    if (stored.hash === loaded.hash) return;
    if (stored.model !== loaded.model.id) {
      throw new SweepError(
        `${dir} was calibrated with ${stored.model}, and this is ${loaded.model.id}: the runs would differ, so it cannot be continued; choose another --out`,
      );
    }
    throw new SweepError(`${dir} holds a different calibration (its targets, priors, scenarios or seed differ); choose another --out`);
  }
  mkdirSync(dir, { recursive: true });
  writeFileAtomicSync(
    state,
    stableJson({ format: 1, hash: loaded.hash, name: loaded.spec.name, model: loaded.model.id, spec: { ...loaded.spec, scenarios: loaded.scenarios } }),
  );
}

interface Plan {
  runsPerSet: number;
  checkRuns: number;
  methodBudget: number;
}

function plan(loaded: LoadedTargets, method: CalibrationMethod, budget: number | undefined): Plan {
  const spec = loaded.spec;
  const per = runsPerSet(loaded, spec.replications);
  const checkRuns = spec.checks.draws * per;
  const first = method === 'abc-smc' ? generationRuns({ ...spec.abc, runsPerSet: per }) : (loaded.priors.length + 2) * per;
  if (budget !== undefined && budget < checkRuns + first) {
    throw new SweepError(
      `a budget of ${budget} runs is too small: ${method === 'abc-smc' ? 'one generation' : 'one Nelder-Mead simplex'} needs ${first} runs and the posterior predictive checks ${checkRuns} (${spec.checks.draws} draws x ${per} runs); raise --budget or lower abc.particles, replications or checks.draws`,
    );
  }
  return { runsPerSet: per, checkRuns, methodBudget: budget === undefined ? Infinity : budget - checkRuns };
}

async function predictive(ev: Evaluator, loaded: LoadedTargets, thetas: number[][], seed: number): Promise<number[][]> {
  const reps = loaded.spec.replications;
  const sets: SetTask[] = thetas.map((theta, d) => ({ theta, seeds: Array.from({ length: reps }, (_, r) => deriveSeed(seed, `checks|${d}`, r)) }));
  return (await simulateSets(ev, loaded, sets)).map((r) => r.simulated);
}

function describeGeneration(g: GenerationDiagnostics): string {
  return `generation ${g.generation}: tolerance ${g.tolerance.toFixed(3)}, ESS ${g.ess.toFixed(1)} of ${g.kept}, acceptance ${g.acceptance.toFixed(2)} of ${g.proposals} proposals${g.failed ? `, ${g.failed} with failed runs` : ''}`;
}

async function runMethod(
  ev: Evaluator,
  loaded: LoadedTargets,
  method: CalibrationMethod,
  p: Plan,
  seed: number,
  log: (l: string) => void,
): Promise<{ abc?: AbcResult; smm?: SmmResult; draws: number[][] }> {
  const spec = loaded.spec;
  if (method === 'abc-smc') {
    const abc = await abcSmc(
      { ...spec.abc, replications: spec.replications, seed, budgetRuns: p.methodBudget, runsPerSet: p.runsPerSet },
      loaded.priors,
      loaded.targets,
      (sets) => simulateSets(ev, loaded, sets),
      (g) => log(describeGeneration(g)),
    );
    log(`stopped: ${abc.stopped}`);
    return { abc, draws: drawParticles(abc.population, spec.checks.draws, seed, 'checks') };
  }
  const maxSets = Math.floor(p.methodBudget / p.runsPerSet);
  const k = loaded.priors.length;
  const perRestart = Number.isFinite(maxSets) ? Math.floor((maxSets - 1 - 2 * k) / spec.smm.restarts) - (k + 2) : spec.smm.evaluations;
  const settings = { ...spec.smm, evaluations: Math.max(k + 2, Math.min(spec.smm.evaluations, perRestart)), replications: spec.replications, seed };
  log(
    `simulated method of moments: ${settings.restarts} starts, at most ${settings.evaluations} evaluations each (${smmMaxSets(settings, k) * p.runsPerSet} runs at most)`,
  );
  const res = await smm(settings, loaded.priors, loaded.targets, (sets) => simulateSets(ev, loaded, sets));
  log(`best objective ${res.objective.toFixed(3)} (sum of squared z-scores over ${loaded.targets.length} targets)`);
  return { smm: res, draws: Array.from({ length: spec.checks.draws }, () => res.theta) };
}

/** Run a calibration. See the module comment. */
export async function runCalibration(config: string | Record<string, unknown>, options: CalibrateOptions = {}): Promise<CalibrationResult> {
  const t0 = performance.now();
  const method = options.method ?? 'abc-smc';
  const loadOpts = { model: options.model, seed: options.seed };
  const loaded = typeof config === 'string' ? await loadTargets(config, loadOpts) : await resolveTargets(config, loadOpts);
  const log = options.log ?? (() => undefined);
  const p = plan(loaded, method, options.budget);
  const dir = resolve(options.out ?? join(options.resultsDir ?? 'results', 'calibrate', loaded.spec.name));
  prepareFolder(dir, loaded, Boolean(options.resume));
  const lock = join(dir, '.lock');
  acquireLock(lock);
  const ev = new Evaluator({ loaded, workers: options.workers ?? availableParallelism(), journalFile: join(dir, JOURNAL_FILE), signal: options.signal });
  const onAbort = () => void ev.abort();
  options.signal?.addEventListener('abort', onAbort);
  const seed = loaded.spec.seed;
  try {
    const replayable = await ev.start();
    log(
      `${options.resume && replayable ? `resuming ${dir}: ${replayable} runs already in the journal` : `writing calibration '${loaded.spec.name}' (${method}) to ${dir}`}`,
    );
    const fit = await runMethod(ev, loaded, method, p, seed, log);
    log(`posterior predictive checks: ${fit.draws.length} draws x ${p.runsPerSet} runs`);
    const checks = await predictive(ev, loaded, fit.draws, seed);
    await ev.close();
    const outcome = await writeCalibrationOutputs(dir, {
      loaded,
      method,
      abc: fit.abc,
      smm: fit.smm,
      checks,
      seed,
      report: options.report !== false,
      runs: { executed: ev.executed, replayed: ev.replayed },
    });
    return { dir, status: 'complete', method, executedRuns: ev.executed, replayedRuns: ev.replayed, elapsedSeconds: (performance.now() - t0) / 1000, outcome };
  } catch (e) {
    if (e instanceof CalibrationInterrupted) {
      return { dir, status: 'interrupted', method, executedRuns: ev.executed, replayedRuns: ev.replayed, elapsedSeconds: (performance.now() - t0) / 1000 };
    }
    throw e;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    await ev.close();
    releaseLock(lock);
  }
}
