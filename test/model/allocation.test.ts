/**
 * The tick loop allocates (almost) nothing (docs/performance.md, "Regression
 * guard"): garbage made every tick is collected every few ticks, and at
 * national scale those collections cost more than the rules they follow.
 *
 * What is measured: V8's sampling heap profiler, counting objects that die
 * young too, over the ticks of England's third year that neither rebuild the
 * yearly structure (the first tick of a year) nor take the persistence
 * snapshot (the last), after two years in which V8 has optimised the rules;
 * if that is over the bound, the same ticks of the fourth year too, and the
 * lower of the two is kept.
 * England is the smallest network on which the rules' loops are hot enough to
 * be optimised at all; in a locality of 80 schools every rule runs in V8's
 * interpreter, which boxes every number it computes.
 *
 * Measured on this code: 3.2-3.4 B per school per tick, mostly the traits
 * of replaced heads (a few small objects per departure) and the profiler's
 * own messages; 12.8 B once, on a busy machine, where V8's optimising
 * compiler (a background thread) finished late. Before the observer's and
 * the knowledge exchange's loops were given functions of their own, and the
 * random-stream hash its key schedule without an array, the same ticks made
 * 46-126 B per school per tick under this test (35 B in its fourth year)
 * and 70-150 B in a plain process
 * (those loops fell back to the interpreter after their first tick). The
 * bound, 24 B, sits between the two.
 */
import type { HeapProfiler } from 'node:inspector';
import { Session } from 'node:inspector/promises';
import { describe, expect, it } from 'vitest';
import { build } from '../helpers/policy-model.ts';

function total(n: HeapProfiler.SamplingHeapProfileNode): number {
  let s = n.selfSize;
  for (const c of n.children) s += total(c);
  return s;
}

describe('allocation in the tick loop', () => {
  it("England's ticks within a year allocate under 24 B per school", async () => {
    const m = build({ years: 4, locality: { preset: 'national' } });
    const tpy = m.state.ticksPerYear;
    const session = new Session();
    session.connect();
    // The two flags make the profile count objects already collected: what a tick allocates, not what it keeps.
    const sampling = { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    let tick = 0;
    const step = () => {
      tick++;
      m.step(tick);
      m.observe(tick);
    };
    /** Bytes per school per tick over the within-year ticks of year y (after running up to them). */
    const measureYear = async (y: number): Promise<number> => {
      while (tick < (y - 1) * tpy + 1) step();
      await session.post('HeapProfiler.startSampling', sampling);
      let ticks = 0;
      for (; tick < y * tpy - 1; ticks++) step();
      const { profile } = await session.post('HeapProfiler.stopSampling');
      expect(ticks).toBeGreaterThanOrEqual(3);
      return total(profile.head) / ticks / m.state.schools.n;
    };
    m.observe(0);
    // Two windows, the lower kept: V8 optimises on a background thread, and on a busy machine a
    // rule's optimised code can arrive after the first window has started (12.8 B was seen once).
    const third = await measureYear(3);
    const perSchoolTick = third < 24 ? third : Math.min(third, await measureYear(4));
    session.disconnect();
    expect(perSchoolTick, `${perSchoolTick.toFixed(1)} B per school per tick (third year ${third.toFixed(1)} B)`).toBeLessThan(24);
  });
});
