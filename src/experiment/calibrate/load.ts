/**
 * Loading and checking targets files. Everything a calibration could fail on
 * is checked here, before any run, with file:line:column messages: the
 * schema, every scenario (file or inline, with its changes), every prior's
 * path at both ends of its range in every scenario, and every metric a
 * target names.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, parseTextWithPositions, readInputFile, validateValue, type InputIssue } from '../../scenario/load.ts';
import { issueAt, noLocate, type Locate } from '../../scenario/input-error.ts';
import type { PathSegment } from '../../scenario/key-path.ts';
import { didYouMean } from '../../scenario/spelling.ts';
import { canonicalJson } from '../../common/json.ts';
import { sha256Hex } from '../../common/hash.ts';
import { stream } from '../../engine/rng.ts';
import { loadModel, modelUrl } from '../model.ts';
import type { SweepModel } from '../sweep-model.ts';
import { applyFactors, PathError } from '../paths.ts';
import { TargetsSchema, type ScenarioRef, type TargetsSpec } from './targets-schema.ts';
import { makePrior, priorQuantiles, type Prior } from './priors.ts';
import { compileTargets, type CompiledTarget, type Measure } from './statistics.ts';

export interface LoadedTargets {
  /** Targets file (absolute) or a description of an in-memory one. */
  source: string;
  spec: TargetsSpec;
  /** Raw scenario objects by name (changes and `years` applied). */
  scenarios: Record<string, Record<string, unknown>>;
  /** Where each scenario came from (file or `<inline>`). */
  scenarioSources: Record<string, string>;
  priors: Prior[];
  targets: CompiledTarget[];
  measures: Measure[];
  model: { id: string; url: string };
  /** Identity of the calibration: everything that determines its results. */
  hash: string;
}

interface Ctx {
  source: string;
  locate: Locate;
  model: SweepModel;
}

function issue(ctx: Ctx, path: PathSegment[], message: string, hint?: string): InputIssue {
  return issueAt({ file: ctx.source, position: ctx.locate(path), path, message, hint, quoteKeys: false });
}

/** The first problem of a scenario that does not validate, as one line. */
function firstProblem(e: InputError): string {
  const i = e.issues[0];
  return i ? `${i.path ? `at ${i.path}: ` : ''}${i.message}` : e.message;
}

function loadScenario(ctx: Ctx, name: string, ref: ScenarioRef, baseDir: string): { raw: Record<string, unknown>; source: string } {
  let raw: Record<string, unknown>;
  let source = '<inline>';
  if (ref.file) {
    source = isAbsolute(ref.file) ? ref.file : resolve(baseDir, ref.file);
    try {
      raw = structuredClone(ctx.model.loadBase(source));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputError(ctx.source, [issue(ctx, ['scenarios', name, 'file'], `scenario ${source}: ${firstProblem(e)}`)]);
    }
  } else raw = structuredClone(ref.inline ?? {});
  const paths = Object.keys(ref.set ?? {});
  try {
    raw = applyFactors(raw, paths, Object.values(ref.set ?? {}));
  } catch (e) {
    if (!(e instanceof PathError)) throw e;
    throw new InputError(ctx.source, [issue(ctx, ['scenarios', name, 'set'], e.message)]);
  }
  if (ref.years !== undefined) raw.years = ref.years;
  try {
    ctx.model.resolve(raw, `${ctx.source} (scenario ${name})`);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    const at: PathSegment[] = ['scenarios', name, ref.inline ? 'inline' : paths.length ? 'set' : 'file'];
    throw new InputError(ctx.source, [issue(ctx, at, `scenario '${name}' is not valid: ${firstProblem(e)}`)]);
  }
  return { raw, source };
}

/** Values a prior can take that must give valid scenarios: its finite ends, or its 0.1% and 99.9% points. */
function priorProbes(p: Prior, seed: number): number[] {
  const q = priorQuantiles(p, [0.001, 0.999], stream(seed, `probe|${p.path}`), 4000);
  return [Number.isFinite(p.lo) ? p.lo : q[0], Number.isFinite(p.hi) ? p.hi : q[1]];
}

function checkPriors(ctx: Ctx, spec: TargetsSpec, scenarios: Record<string, Record<string, unknown>>, priors: Prior[]): void {
  const issues: InputIssue[] = [];
  priors.forEach((p, i) => {
    for (const value of priorProbes(p, spec.seed)) {
      for (const [name, raw] of Object.entries(scenarios)) {
        try {
          ctx.model.resolve(applyFactors(raw, [p.path], [value]), `${ctx.source} (prior ${p.path})`);
        } catch (e) {
          if (!(e instanceof InputError) && !(e instanceof PathError)) throw e;
          const text = e instanceof InputError ? firstProblem(e) : e.message;
          const unknown = /invalid key|unknown key|unrecognized/i.test(text);
          issues.push(
            issue(
              ctx,
              ['priors', i, unknown ? 'path' : 'dist'],
              unknown
                ? `'${p.path}' is not a scenario key path: ${text}`
                : `the prior reaches ${value}, which makes scenario '${name}' invalid: ${text} (narrow the prior or give it bounds)`,
            ),
          );
          return;
        }
      }
    }
  });
  if (issues.length) throw new InputError(ctx.source, issues);
}

function checkMetrics(ctx: Ctx, spec: TargetsSpec): void {
  const known = ctx.model.metricNames?.();
  if (!known) return;
  const issues: InputIssue[] = [];
  spec.targets.forEach((t, i) => {
    for (const key of ['metric', 'with'] as const) {
      const m = t[key];
      if (m === undefined || known.includes(m)) continue;
      issues.push(issue(ctx, ['targets', i, key], `unknown metric '${m}': not a metric the model reports (see docs/outputs.md)`, didYouMean(m, known)));
    }
  });
  if (issues.length) throw new InputError(ctx.source, issues);
}

async function finish(given: TargetsSpec, source: string, locate: Locate, baseDir: string, opts: LoadOptions): Promise<LoadedTargets> {
  const spec = opts.seed === undefined ? given : { ...given, seed: opts.seed };
  const url = modelUrl(opts.model);
  const model = await loadModel(url);
  const ctx: Ctx = { source, locate, model };
  checkMetrics(ctx, spec);
  const scenarios: Record<string, Record<string, unknown>> = {};
  const scenarioSources: Record<string, string> = {};
  for (const [name, ref] of Object.entries(spec.scenarios)) {
    const s = loadScenario(ctx, name, ref, baseDir);
    scenarios[name] = s.raw;
    scenarioSources[name] = s.source;
  }
  const priors = spec.priors.map(makePrior);
  checkPriors(ctx, spec, scenarios, priors);
  const { targets, measures } = compileTargets(spec.targets);
  const identity = { format: 1, model: model.id, spec: { ...spec, scenarios: undefined, $schema: undefined }, scenarios };
  return {
    source,
    spec,
    scenarios,
    scenarioSources,
    priors,
    targets,
    measures,
    model: { id: model.id, url },
    hash: sha256Hex(canonicalJson(identity)),
  };
}

/** Read, validate and prepare a targets file. Throws InputError listing every problem. */
export interface LoadOptions {
  /** Model module (default collabsim). */
  model?: string;
  /** Master seed instead of the file's. */
  seed?: number;
}

export async function loadTargets(file: string, opts: LoadOptions = {}): Promise<LoadedTargets> {
  const text = readInputFile(file);
  const { value: spec, locate } = parseTextWithPositions(TargetsSchema, text, file);
  return finish(spec, resolve(file), locate, dirname(resolve(file)), opts);
}

/** Validate and prepare an in-memory targets object (shaped like a targets file). */
export async function resolveTargets(raw: unknown, opts: LoadOptions & { source?: string; baseDir?: string } = {}): Promise<LoadedTargets> {
  const source = opts.source ?? '<targets>';
  const spec = validateValue(TargetsSchema, raw, source);
  return finish(spec, source, noLocate, opts.baseDir ?? process.cwd(), opts);
}
