/**
 * The parameter space of a screen (`collabsim screen`, docs/sensitivity.md):
 * every numeric leaf of the scenario schema, with the range it is varied
 * over, or the reason it is left out.
 *
 * - Structural and non-model keys (run settings, counts and sizes of the
 *   population, place generation, programme timing, what is recorded) are
 *   excluded by the list below; so is anything inside a list (timeline
 *   events, named schools).
 * - A leaf with no value in the scenario (optional, preset-supplied, null)
 *   or with the value 0 is excluded: the range rule has nothing to scale.
 * - Range rule: the scenario's resolved value x 0.5 to x 1.5, clipped to
 *   the schema's bounds (a share stays in [0, 1]). The schema's own bounds
 *   are validity limits (PER_YEAR_MAX, PUSH_MAX, WEIGHT_MAX in
 *   model/core/params.ts are set far outside the evidence to keep runs
 *   finite), not plausible ranges, so they are used only to clip.
 *   Whole-number leaves keep whole ends (rounded outward) and are marked
 *   `integer`.
 * - Every end is checked by resolving the scenario with it (the others at
 *   their base values), then every pair of ends together (rules that join
 *   two keys, such as stableShare < persistence); a failing end is moved
 *   toward the base value until it resolves, and a range that shrinks to
 *   less than a tenth of its width is dropped.
 */
import { z } from 'zod';
import { r6 } from '../output/chart-spec.ts';
import { isRecord } from '../common/errors.ts';
import { applyFactors } from './paths.ts';

/** Keys left out of every screen (a path ending in `.` covers everything under it), with the reason. */
export const STRUCTURAL_EXCLUSIONS: readonly { path: string; reason: string }[] = [
  { path: 'seed', reason: 'run setting: the seed (set by --seed for the sweeps)' },
  { path: 'years', reason: 'run setting: how long the run lasts' },
  { path: 'ticksPerYear', reason: 'run setting: the time step (numerical resolution, not a model parameter)' },
  { path: 'schools.count', reason: 'structure: number of schools' },
  { path: 'schools.phases.', reason: 'structure: composition of the population (relative weights)' },
  { path: 'schools.teachersPerSchool.', reason: 'structure: school sizes' },
  { path: 'partnerships.size', reason: 'structure: schools per partnership' },
  { path: 'partnerships.peerReview.startYear', reason: 'timing of the programme (as timeline events are)' },
  { path: 'locality.', reason: 'structure: generation of the place (number, positions and mix of schools)' },
  { path: 'mats.shares.', reason: 'structure: governance mix at the start' },
  { path: 'mats.clusterSize', reason: 'structure: size of trust leadership groups' },
  { path: 'mats.strongSize', reason: 'definition: the size that counts as a strong trust' },
  { path: 'mats.maxSize', reason: 'structure: largest trust' },
  { path: 'hubs.mathsHubKm', reason: 'structure: geography of the place' },
  { path: 'hubs.teachingSchoolHubKm', reason: 'structure: geography of the place' },
  { path: 'hubs.researchSchoolKm', reason: 'structure: geography of the place' },
  { path: 'hubs.mathsHubs', reason: 'structure: number of providers' },
  { path: 'hubs.teachingSchoolHubs', reason: 'structure: number of providers' },
  { path: 'hubs.researchSchools', reason: 'structure: number of providers' },
  { path: 'hubs.alliances', reason: 'structure: number of providers' },
  { path: 'hubs.workGroupSize', reason: 'structure: size of hub work groups' },
  { path: 'spanners.count', reason: 'structure: number of boundary spanners' },
  { path: 'spanners.roles.', reason: 'structure: mix of spanner roles (relative weights)' },
  { path: 'output.', reason: 'not the model: what a run records' },
];

/** A parameter the screen varies. */
export interface ScreenParam {
  /** Dotted key path, also the factor name in the sweep tables. */
  path: string;
  /** Resolved value in the scenario. */
  base: number;
  min: number;
  max: number;
  integer: boolean;
  /** The schema's bounds (null where unbounded). */
  schemaMin: number | null;
  schemaMax: number | null;
  /** How the check changed the range, if it did. */
  clipped?: string;
}

export interface LeftOut {
  path: string;
  reason: string;
}

export interface ParamSpace {
  params: ScreenParam[];
  /** Left out by rule: structure, lists, no value. */
  excluded: LeftOut[];
  /** Candidates whose range failed the resolution check. */
  dropped: LeftOut[];
}

/** Resolve a raw scenario (throws when it is not valid). */
export type Resolve = (raw: Record<string, unknown>) => unknown;

interface Leaf {
  path: string;
  value: unknown;
  schema: z.ZodNumber;
}

/** The schema inside wrappers that do not change a value's shape (default, prefault, optional, nullable). */
function unwrapSchema(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodDefault || s instanceof z.ZodPrefault || s instanceof z.ZodOptional || s instanceof z.ZodNullable) {
    s = s.unwrap() as z.ZodType;
  }
  return s;
}

/** Numeric leaves of an object schema, with their resolved values; lists are reported to `lists`. */
function walk(schema: z.ZodType, value: unknown, path: string[], leaves: Leaf[], lists: string[]): void {
  const s = unwrapSchema(schema);
  if (s instanceof z.ZodObject) {
    for (const [key, child] of Object.entries(s.shape)) {
      walk(child as z.ZodType, isRecord(value) ? value[key] : undefined, [...path, key], leaves, lists);
    }
  } else if (s instanceof z.ZodArray) lists.push(path.join('.'));
  else if (s instanceof z.ZodNumber) leaves.push({ path: path.join('.'), value, schema: s });
}

function structuralReason(path: string): string | undefined {
  return STRUCTURAL_EXCLUSIONS.find((e) => (e.path.endsWith('.') ? path.startsWith(e.path) : path === e.path))?.reason;
}

const finiteOrNull = (x: number | null): number | null => (x !== null && Number.isFinite(x) ? x : null);

/** The rule's range for a leaf, or why it has none. */
function proposeRange(leaf: Leaf): ScreenParam | string {
  const v = leaf.value;
  if (v === undefined) return 'no value in this scenario (optional, or supplied by a locality preset)';
  if (v === null) return 'null in this scenario (switched off)';
  if (typeof v !== 'number' || !Number.isFinite(v)) return 'not a finite number in this scenario';
  if (v === 0) return '0 in this scenario: the x0.5 to x1.5 rule has nothing to scale (vary it in a sweep of its own)';
  const integer = leaf.schema.isInt ?? false;
  const schemaMin = finiteOrNull(leaf.schema.minValue);
  const schemaMax = finiteOrNull(leaf.schema.maxValue);
  let lo = Math.min(v * 0.5, v * 1.5);
  let hi = Math.max(v * 0.5, v * 1.5);
  if (integer) [lo, hi] = [Math.floor(lo), Math.ceil(hi)];
  lo = r6(Math.max(lo, schemaMin ?? -Infinity));
  hi = r6(Math.min(hi, schemaMax ?? Infinity));
  if (!(hi > lo)) return `range collapses within the schema's bounds (${lo} to ${hi})`;
  return { path: leaf.path, base: v, min: lo, max: hi, integer, schemaMin, schemaMax };
}

type End = 'min' | 'max';

function resolves(resolve: Resolve, baseRaw: Record<string, unknown>, paths: string[], values: number[]): boolean {
  try {
    resolve(applyFactors(baseRaw, paths, values));
    return true;
  } catch {
    return false;
  }
}

/**
 * Move the given ends toward their base values (the same share for each)
 * until the scenario resolves with them; returns the largest share of the
 * original distance that resolves (bisection; 0 = only the base).
 */
function shrinkEnds(resolve: Resolve, baseRaw: Record<string, unknown>, ends: { p: ScreenParam; end: End }[]): void {
  const at = (f: number) => ends.map(({ p, end }) => endValue(p, p.base + (p[end] - p.base) * f));
  const paths = ends.map(({ p }) => p.path);
  let ok = 0;
  let bad = 1;
  for (let i = 0; i < 20; i++) {
    const mid = (ok + bad) / 2;
    if (resolves(resolve, baseRaw, paths, at(mid))) ok = mid;
    else bad = mid;
  }
  const values = at(ok);
  ends.forEach(({ p, end }, i) => {
    const note = `${end} ${p[end]} -> ${values[i]}`;
    p.clipped = p.clipped ? `${p.clipped}; ${note}` : note;
    p[end] = values[i];
  });
}

/** A value moved toward the base: whole for integer leaves (rounded toward the base), else 6 significant digits. */
function endValue(p: ScreenParam, x: number): number {
  if (!p.integer) return r6(x);
  return x > p.base ? Math.floor(x) : Math.ceil(x);
}

/** Too narrow after clipping: less than a tenth of the rule's width, or a single whole number. */
function tooNarrow(p: ScreenParam, width: number): boolean {
  return !(p.max > p.min) || p.max - p.min < width / 10;
}

/** Each end alone, then every pair of ends; returns the parameters that keep a usable range. */
function checkRanges(resolve: Resolve, baseRaw: Record<string, unknown>, params: ScreenParam[], dropped: LeftOut[]): ScreenParam[] {
  const widths = new Map(params.map((p) => [p, p.max - p.min]));
  const ends: End[] = ['min', 'max'];
  for (const p of params) {
    for (const end of ends) if (!resolves(resolve, baseRaw, [p.path], [p[end]])) shrinkEnds(resolve, baseRaw, [{ p, end }]);
  }
  let kept = keepUsable(params, widths, dropped);
  for (let i = 0; i < kept.length; i++) {
    for (let j = i + 1; j < kept.length; j++) {
      const [a, b] = [kept[i], kept[j]];
      for (const ea of ends) {
        for (const eb of ends) {
          if (!resolves(resolve, baseRaw, [a.path, b.path], [a[ea], b[eb]])) {
            shrinkEnds(resolve, baseRaw, [
              { p: a, end: ea },
              { p: b, end: eb },
            ]);
          }
        }
      }
    }
  }
  kept = keepUsable(kept, widths, dropped);
  return kept;
}

function keepUsable(params: ScreenParam[], widths: Map<ScreenParam, number>, dropped: LeftOut[]): ScreenParam[] {
  return params.filter((p) => {
    if (!tooNarrow(p, widths.get(p) ?? 0)) return true;
    dropped.push({ path: p.path, reason: `no usable range resolves (${p.clipped ?? `${p.min} to ${p.max}`})` });
    return false;
  });
}

/**
 * The screen's parameter space for a scenario: `schema` is the scenario
 * schema, `resolved` the validated scenario (values and defaults),
 * `baseRaw` the scenario as written (what factor values are set in).
 */
export function screenParams(schema: z.ZodType, baseRaw: Record<string, unknown>, resolved: unknown, resolve: Resolve): ParamSpace {
  const leaves: Leaf[] = [];
  const lists: string[] = [];
  walk(schema, resolved, [], leaves, lists);
  const excluded: LeftOut[] = lists.map((path) => ({ path, reason: 'a list (timeline events, named schools): its items are not free parameters' }));
  const candidates: ScreenParam[] = [];
  for (const leaf of leaves) {
    const structural = structuralReason(leaf.path);
    const proposed = structural ?? proposeRange(leaf);
    if (typeof proposed === 'string') excluded.push({ path: leaf.path, reason: proposed });
    else candidates.push(proposed);
  }
  const dropped: LeftOut[] = [];
  const params = checkRanges(resolve, baseRaw, candidates, dropped);
  return { params, excluded, dropped };
}
