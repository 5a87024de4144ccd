/**
 * Loading and checking sweep files.
 *
 * Everything that can be checked before running is checked here, so a bad
 * sweep fails in seconds with file:line:column messages and no output folder:
 * the schema (sweep-schema.ts), the base scenario, every factor path, and
 * every design point (each must give a valid scenario). Reading, positions and
 * message formatting are shared with scenario files (src/scenario/).
 *
 * Problems that can be known together are reported together: the sweep file's
 * own schema problems with the base scenario's problems (the base is read
 * even when the sweep file is invalid, as long as its `base` key is usable),
 * and the base's problems with unknown metric names. Factor paths and design
 * points are checked once both files are valid, since they need both.
 */
import { dirname, isAbsolute, resolve } from 'node:path';
import {
  FILE_ERROR_MESSAGES,
  InputError,
  parseTextWithPositions,
  readDocument,
  readInputFile,
  validateValue,
  type FileErrorMessages,
  type InputIssue,
} from '../scenario/load.ts';
import { issueAt, issueDetails, noLocate, sortIssues, type Locate } from '../scenario/input-error.ts';
import { parsePath, pathToString, type PathSegment } from '../scenario/key-path.ts';
import { didYouMean } from '../scenario/spelling.ts';
import { canonicalJson } from '../common/json.ts';
import { sha256Hex } from '../common/hash.ts';
import type { FactorValue } from './designs.ts';
import { buildDesign, designSize, type Design, type DesignPoint, type DesignSpec, type FactorDef } from './designs.ts';
import { loadModel, modelUrl } from './model.ts';
import type { SweepModel } from './sweep-model.ts';
import { applyFactors, PathError } from './paths.ts';
import { SweepSchema, type SweepSpec } from './sweep-schema.ts';

/** Largest number of runs a single sweep may have (a journal line and a table row each). */
export const MAX_RUNS = 10_000_000;
/** Largest number of design points (each is built, checked as a scenario and kept in memory before any run). */
export const MAX_POINTS = 1_000_000;

/** Design points reported one by one before the rest are only counted. */
const MAX_POINT_ISSUES = 5;

/** Unreadable sweep files are worded like scenario files, except that EACCES keeps the system's message. */
const SWEEP_FILE_ERROR_MESSAGES: FileErrorMessages = { ENOENT: FILE_ERROR_MESSAGES.ENOENT, EISDIR: FILE_ERROR_MESSAGES.EISDIR };

export interface LoadedSweep {
  /** Sweep file (absolute) or a description of an in-memory sweep. */
  source: string;
  spec: SweepSpec;
  /** Where the base scenario came from (file path or `<inline>`). */
  baseSource: string;
  /** The raw base scenario object (with `years` applied when the sweep sets it). */
  baseRaw: Record<string, unknown>;
  factors: FactorDef[];
  design: Design;
  replications: number;
  masterSeed: number;
  keepFinal: boolean;
  keepSeries: boolean;
  /** Runs in the whole sweep: design points x replications. */
  totalRuns: number;
  model: { id: string; url: string };
  /** Identity of the sweep: everything that determines its results. */
  hash: string;
  /** Posterior draws (sweep --posterior): replication r of every point runs under draw r mod K. */
  posterior?: SweepPosterior;
}

/** Parameter sets drawn from a calibration's posterior, applied before the factors (a factor on the same path wins). */
export interface SweepPosterior {
  source: string;
  paths: string[];
  draws: number[][];
}

export interface LoadSweepOptions {
  /** Model module (path or URL); default collabsim. */
  model?: string;
  /** Folder that a relative base path is resolved against (in-memory sweeps; default cwd). */
  baseDir?: string;
  /** Validate every design point (default true). */
  validatePoints?: boolean;
  /** Run each replication under posterior draws: the sweep then has replications x K runs per point. */
  posterior?: SweepPosterior;
}

/** What the checks need to know about the sweep being loaded. */
interface SweepContext {
  spec: SweepSpec;
  /** Sweep file (absolute) or a description of an in-memory sweep. */
  source: string;
  locate: Locate;
  model: SweepModel;
}

/** An issue in the sweep file at `path` (keys joined with dots as written). */
function sweepIssue(ctx: Pick<SweepContext, 'source' | 'locate'>, path: PathSegment[], message: string, hint?: string): InputIssue {
  return issueAt({ file: ctx.source, position: ctx.locate(path), path, message, hint: hint || undefined, quoteKeys: false });
}

/** The first issue of an error as one message (`at <path>: <message> (expected X, found Y)`), with its hint. */
function firstIssueText(e: InputError): { message: string; hint?: string } {
  const i = e.issues[0];
  if (!i) return { message: e.message };
  const where = i.path ? `at ${i.path}: ` : '';
  return { message: `${where}${i.message}${issueDetails(i)}`, ...(i.hint ? { hint: i.hint } : {}) };
}

function factorDefs(spec: SweepSpec): FactorDef[] {
  return spec.factors.map((f) => ({
    name: f.name ?? f.path,
    path: f.path,
    ...(f.levels ? { levels: f.levels } : {}),
    ...(f.range ? { min: f.range.min, max: f.range.max, ...(f.range.steps !== undefined ? { steps: f.range.steps } : {}) } : {}),
    integer: f.integer,
  }));
}

function formatPoint(factors: FactorDef[], values: readonly FactorValue[]): string {
  const parts = factors.slice(0, 6).map((f, i) => `${f.name}=${JSON.stringify(values[i])}`);
  if (factors.length > 6) parts.push('...');
  return parts.join(', ');
}

/** The part of a sweep that determines its results, hashed to identify it. */
function sweepIdentity(spec: SweepSpec, baseRaw: Record<string, unknown>, modelId: string, posterior?: SweepPosterior): unknown {
  return {
    ...(posterior ? { posterior: { paths: posterior.paths, draws: posterior.draws } } : {}),
    format: 1,
    model: modelId,
    name: spec.name,
    base: baseRaw,
    factors: spec.factors,
    design: spec.design,
    replications: spec.replications,
    seed: spec.seed,
    keep: spec.keep,
    metrics: spec.metrics ?? null,
    runTimeoutSeconds: spec.runTimeoutSeconds ?? null,
  };
}

/** What reading the base scenario needs: where the sweep is, and the `years` it sets (when valid). */
type BaseContext = Pick<SweepContext, 'source' | 'locate' | 'model'> & { years: number | undefined };

/** The base scenario from its file; a file that cannot be read is reported at the sweep's `base` key. */
function baseFromFile(ctx: BaseContext, file: string): Record<string, unknown> {
  let baseRaw: Record<string, unknown>;
  try {
    baseRaw = structuredClone(ctx.model.loadBase(file));
  } catch (e) {
    if (e instanceof InputError && e.issues.every((i) => i.line === 0)) {
      const reason = e.issues.map((i) => i.message).join('; ');
      throw new InputError(ctx.source, [sweepIssue(ctx, ['base'], `base scenario ${file}: ${reason}`)]);
    }
    throw e;
  }
  if (ctx.years !== undefined) baseRaw.years = ctx.years;
  ctx.model.resolve(baseRaw, file);
  return baseRaw;
}

/** An inline base scenario; its problems are reported at their place under the sweep's `base` key. */
function inlineBase(ctx: BaseContext, base: Record<string, unknown>): Record<string, unknown> {
  const baseRaw = structuredClone(base);
  if (ctx.years !== undefined) baseRaw.years = ctx.years;
  try {
    ctx.model.resolve(baseRaw, `${ctx.source} (base)`);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    throw new InputError(
      ctx.source,
      e.issues.map((i) => {
        const segs = ['base', ...parsePath(i.path)];
        const pos = ctx.locate(segs);
        return { ...i, file: ctx.source, line: pos.line, column: pos.column, path: pathToString(segs, { quoteKeys: false }) };
      }),
    );
  }
  return baseRaw;
}

/** The base scenario, validated, with `years` applied. */
function loadBase(ctx: BaseContext, base: string | Record<string, unknown>, baseDir: string): { baseRaw: Record<string, unknown>; baseSource: string } {
  if (typeof base === 'string') {
    const baseSource = isAbsolute(base) ? base : resolve(baseDir, base);
    return { baseRaw: baseFromFile(ctx, baseSource), baseSource };
  }
  return { baseRaw: inlineBase(ctx, base), baseSource: '<inline>' };
}

/**
 * The sweep file's issues by line, then the base scenario's. A base file that
 * cannot be read is an issue of the sweep file (at its `base` key).
 */
function sweepFirst(file: string, issues: InputIssue[]): InputIssue[] {
  return [...sortIssues(issues.filter((i) => i.file === file)), ...issues.filter((i) => i.file !== file)];
}

/** The issues of an InputError, or rethrow anything else. */
function issuesOf(e: unknown): InputIssue[] {
  if (e instanceof InputError) return e.issues;
  throw e;
}

/** A value the factor can take, to try its path on the base scenario. */
function probeValue(spec: SweepSpec, f: FactorDef): FactorValue {
  if (f.levels) return f.levels[0];
  if (f.min !== undefined) return f.integer ? Math.round(f.min) : f.min;
  if (spec.design.type === 'explicit') return spec.design.points[0][f.name];
  return 0;
}

/** Issue for a factor whose path, applied alone to the base, fails. */
function factorIssue(ctx: SweepContext, f: FactorDef, i: number, e: unknown): InputIssue {
  if (e instanceof PathError) {
    return sweepIssue(ctx, ['factors', i, 'path'], `cannot set '${f.path}' in the base scenario: ${e.message}`);
  }
  if (!(e instanceof InputError)) throw e;
  const t = firstIssueText(e);
  const unknownKey = e.issues.some((x) => /invalid key|unknown key|unrecognized/i.test(x.message));
  return sweepIssue(
    ctx,
    ['factors', i, unknownKey ? 'path' : f.levels ? 'levels' : 'range'],
    unknownKey ? `'${f.path}' is not a scenario key path: ${t.message}` : `factor '${f.name}' gives an invalid scenario: ${t.message}`,
    t.hint,
  );
}

/** Factor paths, one at a time against the base. */
function checkFactors(ctx: SweepContext, factors: FactorDef[], baseRaw: Record<string, unknown>): void {
  const issues: InputIssue[] = [];
  factors.forEach((f, i) => {
    try {
      ctx.model.resolve(applyFactors(baseRaw, [f.path], [probeValue(ctx.spec, f)]), `${ctx.source} (factor ${f.name})`);
    } catch (e) {
      issues.push(factorIssue(ctx, f, i, e));
    }
  });
  if (issues.length) throw new InputError(ctx.source, issues);
}

/** Metrics named in `metrics` and `report.metrics` must be ones the model reports. */
function metricIssues(
  ctx: Pick<SweepContext, 'source' | 'locate' | 'model'>,
  metrics: readonly string[] | undefined,
  reportMetrics: readonly string[] | undefined,
): InputIssue[] {
  const known = ctx.model.metricNames?.();
  if (!known) return [];
  const issues: InputIssue[] = [];
  const check = (names: readonly string[] | undefined, at: PathSegment[]) =>
    names?.forEach((m, i) => {
      if (known.includes(m)) return;
      const hint = didYouMean(m, known);
      issues.push(sweepIssue(ctx, [...at, i], `unknown metric '${m}': not a final metric the model reports (see docs/outputs.md)`, hint));
    });
  check(metrics, ['metrics']);
  check(reportMetrics, ['report', 'metrics']);
  return issues;
}

/** The design points, within the limits, which are checked from the design's size before it is built. */
function sweepDesign(ctx: SweepContext, factors: FactorDef[]): Design {
  const spec: DesignSpec = ctx.spec.design;
  const points = designSize(factors, spec);
  const totalRuns = points * ctx.spec.replications;
  const split = 'split it into several sweeps (for example one per level of a factor)';
  if (points > MAX_POINTS)
    throw new InputError(ctx.source, [
      sweepIssue(ctx, ['design'], `the design has ${points} points; the limit is ${MAX_POINTS.toLocaleString('en-GB')}: ${split}`),
    ]);
  if (totalRuns > MAX_RUNS)
    throw new InputError(ctx.source, [
      sweepIssue(
        ctx,
        ['design'],
        `the sweep has ${totalRuns} runs (${points} points x ${ctx.spec.replications} replications); the limit is ${MAX_RUNS.toLocaleString('en-GB')}: ${split}`,
      ),
    ]);
  try {
    return buildDesign(factors, spec, ctx.spec.seed);
  } catch (e) {
    throw new InputError(ctx.source, [sweepIssue(ctx, ['design'], e instanceof Error ? e.message : String(e))]);
  }
}

/** Issue for a design point that does not give a valid scenario, at the factor it concerns when known. */
function pointIssue(ctx: SweepContext, factors: FactorDef[], p: DesignPoint, e: InputError | PathError): InputIssue {
  const t = e instanceof InputError ? firstIssueText(e) : { message: e.message };
  const scenPath = e instanceof InputError ? (e.issues[0]?.path ?? '') : '';
  const fi = factors.findIndex(
    (f) => scenPath === f.path || scenPath.startsWith(`${f.path}.`) || pathToString(parsePath(scenPath), { quoteKeys: false }) === f.path,
  );
  const at: PathSegment[] = fi >= 0 ? ['factors', fi] : ['design'];
  return sweepIssue(ctx, at, `design point ${p.index} (${formatPoint(factors, p.values)}) is not a valid scenario: ${t.message}`, t.hint);
}

/** Every design point must be a valid scenario; the first few failures are reported, the rest counted. */
function checkPoints(ctx: SweepContext, factors: FactorDef[], design: Design, baseRaw: Record<string, unknown>): void {
  const issues: InputIssue[] = [];
  const paths = factors.map((f) => f.path);
  let bad = 0;
  for (const p of design.points) {
    try {
      ctx.model.resolve(applyFactors(baseRaw, paths, p.values), `${ctx.source} (point ${p.index})`);
    } catch (e) {
      if (!(e instanceof InputError) && !(e instanceof PathError)) throw e;
      bad++;
      if (bad <= MAX_POINT_ISSUES) issues.push(pointIssue(ctx, factors, p, e));
    }
  }
  if (bad > MAX_POINT_ISSUES) issues.push(sweepIssue(ctx, ['design'], `${bad - MAX_POINT_ISSUES} more design points are not valid scenarios`));
  if (issues.length) throw new InputError(ctx.source, issues);
}

/** Every posterior draw must give a valid base scenario. */
function checkPosterior(ctx: SweepContext, baseRaw: Record<string, unknown>, post: SweepPosterior): void {
  post.draws.forEach((values, d) => {
    try {
      ctx.model.resolve(applyFactors(baseRaw, post.paths, values), `${ctx.source} (posterior draw ${d + 1})`);
    } catch (e) {
      if (!(e instanceof InputError) && !(e instanceof PathError)) throw e;
      const t = e instanceof InputError ? firstIssueText(e).message : e.message;
      throw new InputError(ctx.source, [sweepIssue(ctx, ['base'], `posterior draw ${d + 1} from ${post.source} does not give a valid base scenario: ${t}`)]);
    }
  });
}

interface FinishOptions extends LoadSweepOptions {
  spec: SweepSpec;
  source: string;
  locate: Locate;
  /** Folder that a relative base path is resolved against. */
  baseDir: string;
}

async function finishLoad(opts: FinishOptions): Promise<LoadedSweep> {
  const { spec, source } = opts;
  const url = modelUrl(opts.model);
  const model = await loadModel(url);
  const ctx: SweepContext = { spec, source, locate: opts.locate, model };
  let base: { baseRaw: Record<string, unknown>; baseSource: string } | undefined;
  const issues: InputIssue[] = [];
  try {
    base = loadBase({ ...ctx, years: spec.years }, spec.base, opts.baseDir);
  } catch (e) {
    issues.push(...issuesOf(e));
  }
  issues.push(...metricIssues(ctx, spec.metrics, spec.report.metrics));
  if (issues.length || !base) throw new InputError(source, sweepFirst(source, issues));
  const { baseRaw, baseSource } = base;
  const factors = factorDefs(spec);
  checkFactors(ctx, factors, baseRaw);
  const design = sweepDesign(ctx, factors);
  if (opts.validatePoints !== false) checkPoints(ctx, factors, design, baseRaw);
  const post = opts.posterior;
  if (post) checkPosterior(ctx, baseRaw, post);
  const replications = spec.replications * (post ? post.draws.length : 1);
  return {
    source,
    spec,
    baseSource,
    baseRaw,
    factors,
    design,
    replications,
    masterSeed: spec.seed,
    keepFinal: spec.keep !== 'timeseries',
    keepSeries: spec.keep !== 'final',
    totalRuns: design.points.length * replications,
    model: { id: model.id, url },
    hash: sha256Hex(canonicalJson(sweepIdentity(spec, baseRaw, model.id, post))),
    ...(post ? { posterior: post } : {}),
  };
}

/** Whether an issue concerns the key `key` of the sweep file or something under it. */
const under = (i: InputIssue, key: string) => i.path === key || i.path.startsWith(`${key}.`) || i.path.startsWith(`${key}[`);

const stringList = (v: unknown): string[] | undefined => (Array.isArray(v) && v.every((x) => typeof x === 'string') ? v : undefined);

/**
 * A sweep file that fails its schema: its issues, with those of its base
 * scenario and its metric names added where the keys they need are usable.
 */
async function invalidSweepError(e: InputError, raw: unknown, ctx: Omit<FinishOptions, 'spec'>): Promise<InputError> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return e;
  const r = raw as Record<string, unknown>;
  const bad = (key: string) => e.issues.some((i) => under(i, key));
  const model = await loadModel(modelUrl(ctx.model));
  // Named as the schema's issues name the file, so that one listing names it one way.
  const at = { source: e.file, locate: ctx.locate, model };
  const own = [...e.issues];
  if (!bad('metrics') && !bad('report')) {
    const report = r.report && typeof r.report === 'object' ? (r.report as Record<string, unknown>) : {};
    own.push(...metricIssues(at, stringList(r.metrics), stringList(report.metrics)));
  }
  const extra: InputIssue[] = [];
  const base = r.base;
  if (!bad('base') && (typeof base === 'string' || (base && typeof base === 'object' && !Array.isArray(base)))) {
    const years = !bad('years') && typeof r.years === 'number' ? r.years : undefined;
    try {
      loadBase({ ...at, years }, base as string | Record<string, unknown>, ctx.baseDir);
    } catch (err) {
      extra.push(...issuesOf(err));
    }
  }
  if (own.length + extra.length === e.issues.length) return e;
  return new InputError(e.file, sweepFirst(e.file, [...own, ...extra]));
}

/** Read, validate and expand a sweep file. Throws InputError listing every problem. */
export async function loadSweep(file: string, opts: LoadSweepOptions = {}): Promise<LoadedSweep> {
  const text = readInputFile(file, SWEEP_FILE_ERROR_MESSAGES);
  const source = resolve(file);
  const baseDir = dirname(source);
  let parsed: { value: SweepSpec; locate: Locate };
  try {
    parsed = parseTextWithPositions(SweepSchema, text, file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    // Syntax errors leave nothing more to check; schema errors leave the base scenario to read.
    let doc: ReturnType<typeof readDocument>;
    try {
      doc = readDocument(text, file);
    } catch {
      throw e;
    }
    throw await invalidSweepError(e, doc.value, { ...opts, source, locate: doc.locate, baseDir });
  }
  return finishLoad({ ...opts, spec: parsed.value, source, locate: parsed.locate, baseDir });
}

/** Validate and expand an in-memory sweep (a plain object shaped like a sweep file). */
export async function resolveSweep(raw: unknown, opts: LoadSweepOptions & { source?: string } = {}): Promise<LoadedSweep> {
  const source = opts.source ?? '<sweep>';
  const spec = validateValue(SweepSchema, raw, source);
  return finishLoad({ ...opts, spec, source, locate: noLocate, baseDir: opts.baseDir ?? process.cwd() });
}

/** The sweep as stored in an output folder: base scenario inlined, so it can be reloaded without the original files. */
export function storedSweep(s: LoadedSweep): Record<string, unknown> {
  const { years: _years, ...spec } = s.spec;
  return { ...spec, base: s.baseRaw };
}
