/**
 * The tick loop. It knows nothing about schools: a model supplies the step
 * and the observer, the loop supplies the schedule and progress reporting.
 */
export interface Steppable {
  /** Advance the model from tick t-1 to tick t (t >= 1). */
  step(tick: number): void;
  /** Record the state after tick t (t = 0 is the initial state). */
  observe(tick: number): void;
}

export interface LoopOptions {
  ticks: number;
  /** Continue after this tick (a run restored from a saved state, whose ticks up to here are already observed). Default 0: start. */
  from?: number;
  onTick?: (tick: number, total: number) => void;
}

export function runLoop(model: Steppable, opts: LoopOptions): void {
  const from = opts.from ?? 0;
  if (from === 0) model.observe(0);
  for (let t = from + 1; t <= opts.ticks; t++) {
    model.step(t);
    model.observe(t);
    if (opts.onTick) opts.onTick(t, opts.ticks);
  }
}

/**
 * The one per-tick conversion: an annual probability (or the share of a gap
 * closed in a year) to the per-tick value that compounds to it over a year.
 */
export function perTickProbability(annual: number, ticksPerYear: number): number {
  if (annual >= 1) return 1;
  if (annual <= 0) return 0;
  return 1 - Math.pow(1 - annual, 1 / ticksPerYear);
}

/**
 * Whether a uniform draw `u` falls below perTickProbability(annual,
 * ticksPerYear): the same answer, to the bit, mostly without Math.pow. For
 * k >= 1 ticks a year the per-tick value lies between annual / k (Bernoulli's
 * inequality) and annual / (k (1 - annual)) (as -ln(1 - a) <= a / (1 - a)),
 * so a draw outside that band, widened by far more than the rounding of
 * either side, decides at once; only a draw inside it (a share of about
 * annual^2 / k of draws) computes the per-tick value.
 */
export function eventInTick(u: number, annual: number, ticksPerYear: number): boolean {
  if (annual > 0 && annual < 1 && ticksPerYear >= 1) {
    const lo = annual / ticksPerYear;
    if (u < lo * (1 - 1e-12) - 1e-15) return true;
    if (u > (lo / (1 - annual)) * (1 + 1e-12) + 1e-15) return false;
  }
  return u < perTickProbability(annual, ticksPerYear);
}
