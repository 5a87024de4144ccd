/**
 * From unit-hypercube coordinates to design points: the seeded generator
 * designs draw from, the mapping of a coordinate to a factor value, and the
 * numbering and seeding identity of the points.
 */
import seedrandom from 'seedrandom';
import { pointIdentity } from './seeding.ts';
import type { DesignPoint, FactorDef } from './design-types.ts';
import type { FactorValue } from './factor-value.ts';

/** Seeded generator for design construction (independent of run seeds). */
export function designRng(masterSeed: number, purpose: string): () => number {
  const prng = seedrandom.alea(`collabsim-design/${masterSeed >>> 0}/${purpose}`);
  return () => prng();
}

/** Round to 6 significant digits (the precision of the CSV tables). */
function roundSignificant(x: number, digits = 6): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  const r = Number(x.toPrecision(digits));
  return Object.is(r, -0) ? 0 : r;
}

/** Map a unit coordinate to a factor value. */
export function fromUnit(f: FactorDef, u: number): FactorValue {
  if (f.levels) {
    const l = f.levels.length;
    return f.levels[Math.min(l - 1, Math.max(0, Math.floor(u * l)))];
  }
  const min = f.min ?? NaN;
  const max = f.max ?? NaN;
  const x = min + u * (max - min);
  if (f.integer) return Math.round(x);
  return roundSignificant(x);
}

/** A point before numbering: its values, its label, and the tag that keeps its seeds apart. */
export interface RawPoint {
  values: FactorValue[];
  label?: string;
  tag?: string;
}

/** Number the points in order and give each its seeding identity. */
export function designPoints(factors: FactorDef[], raw: RawPoint[]): DesignPoint[] {
  const names = factors.map((f) => f.name);
  return raw.map((p, index) => ({
    index,
    values: p.values,
    ...(p.label !== undefined ? { label: p.label } : {}),
    id: pointIdentity(names, p.values, p.tag),
  }));
}
