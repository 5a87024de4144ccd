/**
 * Loading and checking sweep files.
 *
 * Everything that can be checked before running is checked here, so a bad
 * sweep fails in seconds with file:line:column messages and no output folder:
 * the schema (sweep-schema.ts), the base scenario, every factor path, and
 * every design point (each must give a valid scenario).
 */
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError, parseText, readDocument, validateValue, type InputIssue } from '../scenario/load.ts';
import { canonicalJson } from '../common/json.ts';
import { sha256Hex } from '../common/hash.ts';
import type { FactorValue } from './designs.ts';
import { buildDesign, type Design, type DesignSpec, type FactorDef } from './designs.ts';
import { loadModel, modelUrl, type SweepModel } from './model.ts';
import { applyFactors, PathError } from './paths.ts';
import { SweepSchema, type SweepSpec } from './sweep-schema.ts';

/** Largest number of runs a single sweep may have. */
export const MAX_RUNS = 50_000_000;

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
}

export interface LoadSweepOptions {
  /** Model module (path or URL); default collabsim. */
  model?: string;
  /** Folder that a relative base path is resolved against (in-memory sweeps; default cwd). */
  baseDir?: string;
  /** Validate every design point (default true). */
  validatePoints?: boolean;
}

type Locate = (path: (string | number)[]) => { line: number; column: number };

const noLocate: Locate = () => ({ line: 0, column: 0 });

/** `a.b[2].c` -> ['a', 'b', 2, 'c'] */
function parseIssuePath(p: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of p.matchAll(/([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[3] !== undefined) out.push(JSON.parse(`"${m[3]}"`) as string);
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

function pathText(segs: (string | number)[]): string {
  let s = '';
  for (const seg of segs) s += typeof seg === 'number' ? `[${seg}]` : s ? `.${seg}` : seg;
  return s;
}

function issueAt(file: string, locate: Locate, path: (string | number)[], message: string, hint?: string): InputIssue {
  const pos = locate(path);
  return { file, line: pos.line, column: pos.column, path: pathText(path), message, ...(hint ? { hint } : {}) };
}

function firstIssueText(e: InputError): { message: string; hint?: string } {
  const i = e.issues[0];
  if (!i) return { message: e.message };
  const where = i.path ? `at ${i.path}: ` : '';
  const details: string[] = [];
  if (i.expected !== undefined) details.push(`expected ${i.expected}`);
  if (i.found !== undefined) details.push(`found ${i.found}`);
  return { message: `${where}${i.message}${details.length ? ` (${details.join(', ')})` : ''}`, ...(i.hint ? { hint: i.hint } : {}) };
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

function designSpec(spec: SweepSpec): DesignSpec {
  return spec.design as DesignSpec;
}

function formatPoint(factors: FactorDef[], values: readonly FactorValue[]): string {
  const parts = factors.slice(0, 6).map((f, i) => `${f.name}=${JSON.stringify(values[i])}`);
  if (factors.length > 6) parts.push('...');
  return parts.join(', ');
}

/** The part of a sweep that determines its results, hashed to identify it. */
export function sweepIdentity(spec: SweepSpec, baseRaw: Record<string, unknown>, modelId: string): unknown {
  return {
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

async function finishLoad(
  spec: SweepSpec,
  source: string,
  locate: Locate,
  baseDir: string,
  opts: LoadSweepOptions,
): Promise<LoadedSweep> {
  const url = modelUrl(opts.model);
  const model: SweepModel = await loadModel(url);
  const issues: InputIssue[] = [];

  // Base scenario.
  let baseRaw: Record<string, unknown>;
  let baseSource: string;
  if (typeof spec.base === 'string') {
    baseSource = isAbsolute(spec.base) ? spec.base : resolve(baseDir, spec.base);
    try {
      baseRaw = structuredClone(model.loadBase(baseSource));
    } catch (e) {
      // A base file that cannot be read is reported at the sweep's `base` key.
      if (e instanceof InputError && e.issues.every((i) => i.line === 0)) {
        throw new InputError(source, [issueAt(source, locate, ['base'], `base scenario ${baseSource}: ${e.issues.map((i) => i.message).join('; ')}`)]);
      }
      throw e;
    }
    if (spec.years !== undefined) baseRaw.years = spec.years;
    model.resolve(baseRaw, baseSource);
  } else {
    baseSource = '<inline>';
    baseRaw = structuredClone(spec.base) as Record<string, unknown>;
    if (spec.years !== undefined) baseRaw.years = spec.years;
    try {
      model.resolve(baseRaw, `${source} (base)`);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      throw new InputError(
        source,
        e.issues.map((i) => {
          const segs = ['base', ...parseIssuePath(i.path)];
          const pos = locate(segs);
          return { ...i, file: source, line: pos.line, column: pos.column, path: pathText(segs) };
        }),
      );
    }
  }

  // Factor paths, one at a time against the base.
  const factors = factorDefs(spec);
  const probe = (f: FactorDef, i: number): FactorValue => {
    if (f.levels) return f.levels[0];
    if (f.min !== undefined) return f.integer ? Math.round(f.min) : f.min;
    if (spec.design.type === 'explicit') return spec.design.points[0][f.name];
    return 0;
  };
  factors.forEach((f, i) => {
    try {
      model.resolve(applyFactors(baseRaw, [f.path], [probe(f, i)]), `${source} (factor ${f.name})`);
    } catch (e) {
      if (e instanceof PathError) {
        issues.push(issueAt(source, locate, ['factors', i, 'path'], `cannot set '${f.path}' in the base scenario: ${e.message}`));
      } else if (e instanceof InputError) {
        const t = firstIssueText(e);
        const unknownKey = e.issues.some((x) => /invalid key|unknown key|unrecognized/i.test(x.message));
        issues.push(
          issueAt(
            source,
            locate,
            ['factors', i, unknownKey ? 'path' : f.levels ? 'levels' : 'range'],
            unknownKey
              ? `'${f.path}' is not a scenario key path: ${t.message}`
              : `factor '${f.name}' gives an invalid scenario: ${t.message}`,
            t.hint,
          ),
        );
      } else throw e;
    }
  });
  if (issues.length) throw new InputError(source, issues);

  // The design.
  let design: Design;
  try {
    design = buildDesign(factors, designSpec(spec), spec.seed);
  } catch (e) {
    throw new InputError(source, [issueAt(source, locate, ['design'], (e as Error).message)]);
  }
  const totalRuns = design.points.length * spec.replications;
  if (totalRuns > MAX_RUNS) {
    throw new InputError(source, [
      issueAt(source, locate, ['design'], `the sweep has ${totalRuns} runs (${design.points.length} points x ${spec.replications} replications); the limit is ${MAX_RUNS}`),
    ]);
  }

  // Every design point must be a valid scenario.
  if (opts.validatePoints !== false) {
    const paths = factors.map((f) => f.path);
    let bad = 0;
    for (const p of design.points) {
      try {
        model.resolve(applyFactors(baseRaw, paths, p.values), `${source} (point ${p.index})`);
      } catch (e) {
        if (!(e instanceof InputError) && !(e instanceof PathError)) throw e;
        bad++;
        if (bad <= 5) {
          const t = e instanceof InputError ? firstIssueText(e) : { message: e.message };
          const scenPath = e instanceof InputError ? (e.issues[0]?.path ?? '') : '';
          const fi = factors.findIndex((f) => scenPath === f.path || scenPath.startsWith(`${f.path}.`) || pathText(parseIssuePath(scenPath)) === f.path);
          const at: (string | number)[] = fi >= 0 ? ['factors', fi] : ['design'];
          issues.push(
            issueAt(source, locate, at, `design point ${p.index} (${formatPoint(factors, p.values)}) is not a valid scenario: ${t.message}`, t.hint),
          );
        }
      }
    }
    if (bad > 5) issues.push(issueAt(source, locate, ['design'], `${bad - 5} more design points are not valid scenarios`));
    if (issues.length) throw new InputError(source, issues);
  }

  const hash = sha256Hex(canonicalJson(sweepIdentity(spec, baseRaw, model.id)));
  return {
    source,
    spec,
    baseSource,
    baseRaw,
    factors,
    design,
    replications: spec.replications,
    masterSeed: spec.seed,
    keepFinal: spec.keep !== 'timeseries',
    keepSeries: spec.keep !== 'final',
    totalRuns,
    model: { id: model.id, url },
    hash,
  };
}

/** Read, validate and expand a sweep file. Throws InputError listing every problem. */
export async function loadSweep(file: string, opts: LoadSweepOptions = {}): Promise<LoadedSweep> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    // parseFile words the error the same way as for scenarios.
    const code = (e as NodeJS.ErrnoException).code;
    const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, expected a YAML or JSON file' : `cannot read file: ${(e as Error).message}`;
    throw new InputError(file, [{ file, line: 0, column: 0, path: '', message }]);
  }
  const spec = parseText(SweepSchema, text, file);
  const doc = readDocument(text, file);
  return finishLoad(spec, resolve(file), (p) => doc.locate(p), dirname(resolve(file)), opts);
}

/** Validate and expand an in-memory sweep (a plain object shaped like a sweep file). */
export async function resolveSweep(raw: unknown, opts: LoadSweepOptions & { source?: string } = {}): Promise<LoadedSweep> {
  const source = opts.source ?? '<sweep>';
  const spec = validateValue(SweepSchema, raw, source);
  return finishLoad(spec, source, noLocate, opts.baseDir ?? process.cwd(), opts);
}

/** The sweep as stored in an output folder: base scenario inlined, so it can be reloaded without the original files. */
export function storedSweep(s: LoadedSweep): Record<string, unknown> {
  const { years: _years, ...spec } = s.spec;
  return { ...spec, base: s.baseRaw };
}
