/**
 * How the run report writes numbers and durations: two decimals for 0 to 1
 * scores, whole percentages for shares, changes computed from the values as
 * displayed (so the columns add up), and an en dash for anything missing.
 */
import type { Cell, RunOutput } from '../engine/contract.ts';
import { runYears } from './run-series.ts';

/** Shown where a value is missing or not finite. */
export const DASH = '\u2013';

/** A number with `digits` decimals, never "-0.00"; a dash when not finite. */
export function fixedTo(x: number, digits: number): string {
  if (!Number.isFinite(x)) return DASH;
  const s = x.toFixed(digits);
  return Number(s) === 0 ? (0).toFixed(digits) : s;
}

export const fixed2 = (x: number): string => fixedTo(x, 2);

/** A value in pupil SD with three decimals (effects are hundredths of an SD). */
export const fixed3 = (x: number): string => fixedTo(x, 3);

export function pct(x: number): string {
  return Number.isFinite(x) ? `${Math.round(x * 100)}%` : DASH;
}

export function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

/** "2 years", "1 year", "2.5 years", "4 ticks". */
export function durationText(out: RunOutput): string {
  const ticks = Math.max(0, out.series.rows - 1);
  const years = runYears(out);
  if (years >= 1) {
    const y = Math.round(years * 10) / 10;
    return `${y} ${plural(y, 'year', 'years')}`;
  }
  return `${ticks} ${plural(ticks, 'tick', 'ticks')}`;
}

/** Change from a to b as displayed (with `digits` decimals): "+0.12", "−0.03", "0.00", or in percentage points. */
export function changeText(a: number, b: number, asPct = false, digits = 2): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return DASH;
  // Differences of the values as displayed, so the columns add up.
  if (asPct) {
    const pts = Math.round(b * 100) - Math.round(a * 100);
    return pts === 0 ? '0 pts' : `${pts > 0 ? '+' : '\u2212'}${Math.abs(pts)} pts`;
  }
  const unit = 10 ** digits;
  const steps = Math.round(Number(fixedTo(b, digits)) * unit) - Math.round(Number(fixedTo(a, digits)) * unit);
  if (steps === 0) return (0).toFixed(digits);
  return `${steps > 0 ? '+' : '\u2212'}${(Math.abs(steps) / unit).toFixed(digits)}`;
}

/** A table cell from an output row: integers as they are, other numbers to two places. */
export function cellText(v: Cell | undefined): string {
  if (v === undefined || v === null) return DASH;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return DASH;
    return Number.isInteger(v) ? String(v) : v.toFixed(2);
  }
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return v;
}

/** A number to three significant digits for prose and tables (a dash when not finite). */
export function sig3(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(3))) : DASH;
}
