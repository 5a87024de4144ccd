/**
 * Persistence of school effectiveness: the correlation across schools
 * between each school's effectiveness now and three years earlier,
 * observed at whole years from year 3 (NaN otherwise). This is the figure
 * published for English schools' value-added (FFT Education Datalab 2022:
 * Progress 8 correlations of 0.66 and 0.77 three years apart), so the
 * calibration can compare the model's volatility with it.
 *
 * Snapshots live in a ring of lag + 1 yearly rows allocated once; nothing
 * is allocated per tick.
 */
export const PERSISTENCE_LAG_YEARS = 3;

export class PersistenceTracker {
  /** The yearly snapshots (read and restored by a saved run, state-file.ts). */
  readonly ring: Float64Array;

  constructor(
    private readonly n: number,
    private readonly ticksPerYear: number,
  ) {
    this.ring = new Float64Array((PERSISTENCE_LAG_YEARS + 1) * n);
  }

  /** Store this row's snapshot when it falls on a whole year; the lag correlation when one is due, else NaN. */
  observe(row: number, eff: Float64Array): number {
    if (row % this.ticksPerYear !== 0) return NaN;
    const year = row / this.ticksPerYear;
    const n = this.n;
    const slots = PERSISTENCE_LAG_YEARS + 1;
    this.ring.set(eff.subarray(0, n), (year % slots) * n);
    if (year < PERSISTENCE_LAG_YEARS) return NaN;
    const now = (year % slots) * n;
    const then = ((year - PERSISTENCE_LAG_YEARS) % slots) * n;
    return correlation(this.ring, now, then, n);
  }
}

/** Pearson correlation of ring[a .. a+n) with ring[b .. b+n); NaN when either has no spread. */
function correlation(r: Float64Array, a: number, b: number, n: number): number {
  if (n < 3) return NaN;
  let sx = 0,
    sy = 0;
  for (let i = 0; i < n; i++) {
    sx += r[a + i];
    sy += r[b + i];
  }
  const mx = sx / n,
    my = sy / n;
  let sxx = 0,
    syy = 0,
    sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = r[a + i] - mx;
    const dy = r[b + i] - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}
