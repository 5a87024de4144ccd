/**
 * How the run report writes numbers and durations: two decimals for 0 to 1
 * scores, whole percentages for shares, changes computed from the values as
 * displayed (so the columns add up), and an en dash for anything missing.
 */
import type { Cell, RunOutput } from '../engine/contract.ts';
import { runYears } from './run-series.ts';

/** Shown where a value is missing or not finite. */
export const DASH = '\u2013';

export function fixed2(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** A value in pupil SD with three decimals (effects are hundredths of an SD). */
export function fixed3(x: number): string {
  if (!Number.isFinite(x)) return DASH;
  const s = x.toFixed(3);
  return s === '-0.000' ? '0.000' : s;
}

/** Change between two values in pupil SD, as displayed with three decimals, signed. */
export function changeSd(a: number, b: number): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return DASH;
  const d = Math.round(Number(fixed3(b)) * 1000) - Math.round(Number(fixed3(a)) * 1000);
  return d === 0 ? '0.000' : `${d > 0 ? '+' : '\u2212'}${(Math.abs(d) / 1000).toFixed(3)}`;
}

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

/** Change from a to b as displayed: "+0.12", "−0.03", "0.00", or in percentage points. */
export function changeText(a: number, b: number, asPct = false): string {
  if (!Number.isFinite(a) || !Number.isFinite(b)) return DASH;
  // Differences of the values as displayed, so the columns add up.
  if (asPct) {
    const pts = Math.round(b * 100) - Math.round(a * 100);
    return pts === 0 ? '0 pts' : `${pts > 0 ? '+' : '\u2212'}${Math.abs(pts)} pts`;
  }
  const cents = Math.round(Number(fixed2(b)) * 100) - Math.round(Number(fixed2(a)) * 100);
  if (cents === 0) return '0.00';
  return `${cents > 0 ? '+' : '\u2212'}${(Math.abs(cents) / 100).toFixed(2)}`;
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
