/**
 * The tick loop allocates (almost) nothing (docs/performance.md, "Regression
 * guard"): garbage made every tick is collected every few ticks, and at
 * national scale those collections cost more than the rules they follow.
 *
 * What is measured: V8's sampling heap profiler, counting objects that die
 * young too, over the ticks of England's third year that neither rebuild the
 * yearly structure (the first tick of a year) nor take the persistence
 * snapshot (the last), after two years in which V8 has optimised the rules.
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
 * 46 B per school per tick under this test and 70-150 B in a plain process
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
    const m = build({ years: 3, locality: { preset: 'national' } });
    const tpy = m.state.ticksPerYear;
    m.observe(0);
    for (let t = 1; t <= 2 * tpy + 1; t++) {
      m.step(t);
      m.observe(t);
    }
    const session = new Session();
    session.connect();
    // The two flags make the profile count objects already collected: what a tick allocates, not what it keeps.
    const sampling = { samplingInterval: 1024, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
    await session.post('HeapProfiler.startSampling', sampling);
    let ticks = 0;
    for (let t = 2 * tpy + 2; t < 3 * tpy; t++, ticks++) {
      m.step(t);
      m.observe(t);
    }
    const { profile } = await session.post('HeapProfiler.stopSampling');
    session.disconnect();
    const perSchoolTick = total(profile.head) / ticks / m.state.schools.n;
    expect(ticks).toBeGreaterThanOrEqual(3);
    expect(perSchoolTick, `${perSchoolTick.toFixed(1)} B per school per tick`).toBeLessThan(24);
  });
});
