/**
 * Inspections (mechanisms/inspection/): cut-points that reproduce the national
 * shares of judgements, a judgement as a noisy reading of effectiveness, the
 * judgements and dates every school starts with, and inspections that fall due.
 */
import { describe, expect, it } from 'vitest';
import { errorFunction } from 'simple-statistics';
import { resolveScenario } from '../../../../src/api.ts';
import { normal, stream } from '../../../../src/engine/rng.ts';
import { cutPoints, initialInspections, inspections, judge } from '../../../../src/model/mechanisms/inspection/inspection.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { build } from '../../../helpers/policy-model.ts';
import { tiny } from '../../../helpers/tiny-model.ts';

const Phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

const INADEQUATE = 0,
  RI = 1,
  GOOD = 2,
  OUTSTANDING = 3;

describe('cutPoints', () => {
  for (const input of [
    {},
    {
      model: { improvement: { betweenSchoolSd: 0.2 }, inspection: { judgementNoise: 0.05, shares: { inadequate: 0.05, requiresImprovement: 0.2, good: 0.5 } } },
    },
    { model: { inspection: { judgementNoise: 0 } } },
  ] satisfies ScenarioInput[])
    it(`place a population N(0, sqrt(sd^2 + noise^2)) in the configured shares (${JSON.stringify(input.model?.inspection ?? 'defaults')})`, () => {
      const s = resolveScenario(input);
      const P = s.model.inspection;
      const sigma = Math.hypot(s.model.improvement.betweenSchoolSd, P.judgementNoise);
      const cuts = cutPoints(s);
      expect(cuts[0]).toBeLessThan(cuts[1]);
      expect(cuts[1]).toBeLessThan(cuts[2]);
      const cum = [P.shares.inadequate, P.shares.inadequate + P.shares.requiresImprovement, P.shares.inadequate + P.shares.requiresImprovement + P.shares.good];
      // simple-statistics probit (an approximate inverse erf) is good to about 2e-4 in the share.
      for (let k = 0; k < 3; k++) expect(Math.abs(Phi(cuts[k] / sigma) - cum[k])).toBeLessThan(5e-4);
    });

  it('judging a national population with noise gives the configured shares (simulation)', () => {
    const s = resolveScenario({});
    const P = s.model.inspection;
    const sd = s.model.improvement.betweenSchoolSd;
    const cuts = cutPoints(s);
    const rng = stream(4, 'population');
    const n = 200_000;
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < n; i++) counts[judge(sd * normal(rng), cuts, P.judgementNoise, rng)]++;
    const want = [P.shares.inadequate, P.shares.requiresImprovement, P.shares.good, 1 - P.shares.inadequate - P.shares.requiresImprovement - P.shares.good];
    for (let g = 0; g < 4; g++) expect(Math.abs(counts[g] / n - want[g])).toBeLessThan(0.005);
  });
});

describe('judge', () => {
  const cuts = [-0.3, -0.15, 0.15] as const;

  it('without noise places effectiveness against the cut-points (a cut-point belongs to the band above)', () => {
    const r = stream(1, 'judge');
    expect(judge(-0.5, cuts, 0, r)).toBe(INADEQUATE);
    expect(judge(-0.3, cuts, 0, r)).toBe(RI);
    expect(judge(-0.2, cuts, 0, r)).toBe(RI);
    expect(judge(0, cuts, 0, r)).toBe(GOOD);
    expect(judge(0.15, cuts, 0, r)).toBe(OUTSTANDING);
    expect(judge(2, cuts, 0, r)).toBe(OUTSTANDING);
  });

  it('with noise reads effectiveness + noise × N(0, 1) from the stream', () => {
    const a = stream(7, 'judge');
    const replay = stream(7, 'judge');
    for (let k = 0; k < 200; k++) {
      const e = -0.4 + 0.004 * k;
      const seen = e + 0.1 * normal(replay);
      expect(judge(e, cuts, 0.1, a)).toBe(judge(seen, cuts, 0, stream(0, 'unused')));
    }
  });
});

describe('initialInspections', () => {
  it('every school holds a judgement of its effectiveness and its next inspection falls within one cycle; none was poor', () => {
    const m = tiny({
      schools: { count: 300 },
      partnerships: { size: 6 },
      model: { inspection: { judgementNoise: 0, goodCycleYears: 4, weakCycleYears: 2.5 } },
    });
    const S = m.state.schools;
    const cuts = cutPoints(m.scenario);
    const seen = new Set<number>();
    let weakLate = 0;
    for (let s = 0; s < S.n; s++) {
      expect(S.grade[s]).toBe(judge(S.effectiveness[s], cuts, 0, stream(0, 'unused')));
      const cycle = S.grade[s] >= GOOD ? 4 : 2.5;
      expect(S.nextInspection[s]).toBeGreaterThanOrEqual(0);
      expect(S.nextInspection[s]).toBeLessThan(cycle);
      expect(S.poorInspectionAt[s]).toBe(-Infinity);
      seen.add(S.grade[s]);
      if (S.grade[s] >= GOOD && S.nextInspection[s] > 2.5) weakLate++;
    }
    expect(seen.has(GOOD)).toBe(true);
    expect(seen.size).toBeGreaterThanOrEqual(3);
    expect(weakLate).toBeGreaterThan(0); // Good schools' dates spread over their whole (longer) cycle
  });

  it('is what the model starts from, and running it again with the same stream gives the same judgements', () => {
    const m = tiny({ schools: { count: 40 }, partnerships: { size: 4 } });
    const S = m.state.schools;
    const grades = Array.from(S.grade);
    const dates = Array.from(S.nextInspection);
    S.grade.fill(0);
    S.nextInspection.fill(99);
    m.ctx.rng.inspection = stream(1, 'inspection-test');
    initialInspections(m.ctx);
    const again = tiny({ schools: { count: 40 }, partnerships: { size: 4 } });
    again.ctx.rng.inspection = stream(1, 'inspection-test');
    initialInspections(again.ctx);
    expect(Array.from(S.grade)).toEqual(Array.from(again.state.schools.grade));
    expect(Array.from(S.nextInspection)).toEqual(Array.from(again.state.schools.nextInspection));
    // The model's own start is a valid state of the same kind.
    for (let s = 0; s < S.n; s++) expect(grades[s]).toBeLessThanOrEqual(OUTSTANDING);
    expect(dates.every((d) => d >= 0 && d < 4)).toBe(true);
  });
});

describe('inspections', () => {
  /** Four schools at tick 12 (year 2 at 6 ticks a year), with a noiseless inspector and cut-points known to the test. */
  function model(input: ScenarioInput = {}) {
    const m = tiny({ model: { inspection: { judgementNoise: 0, goodCycleYears: 4, weakCycleYears: 2.5, ...input.model?.inspection } } });
    m.state.tick = 12;
    const S = m.state.schools;
    S.nextInspection.fill(10); // none due
    S.poorInspectionAt.fill(-Infinity);
    return m;
  }
  const now = 2;

  it('a school is inspected when due: its judgement is read afresh and its next date moves on by its cycle', () => {
    const m = model();
    const S = m.state.schools;
    const [, , good] = cutPoints(m.scenario);
    S.effectiveness.set([0, 0.3, -0.5, 0]);
    S.grade.set([GOOD, GOOD, RI, GOOD]);
    S.nextInspection.set([now, 1.9, 10, 2.1]); // 0 due now, 1 overdue, 2 and 3 not yet
    expect(good).toBeLessThan(0.3);
    inspections(m.ctx);
    expect(Array.from(S.grade)).toEqual([GOOD, OUTSTANDING, RI, GOOD]);
    expect(S.nextInspection[0]).toBeCloseTo(now + 4, 12);
    expect(S.nextInspection[1]).toBeCloseTo(1.9 + 4, 12);
    expect(S.nextInspection[2]).toBe(10);
    expect(S.nextInspection[3]).toBe(2.1);
    // An upgrade, or Good held, is not a poor inspection.
    expect(Array.from(S.poorInspectionAt)).toEqual([-Infinity, -Infinity, -Infinity, -Infinity]);
    // School 3 becomes due a tick later (tick 13 is year 2.1667).
    m.state.tick = 13;
    inspections(m.ctx);
    expect(S.nextInspection[3]).toBeCloseTo(2.1 + 4, 12);
  });

  it('a judgement below Good brings the next inspection within weakCycleYears and is a poor inspection', () => {
    const m = model();
    const S = m.state.schools;
    S.effectiveness.set([-0.5, -0.2, 0, 0]);
    S.grade.set([INADEQUATE, GOOD, GOOD, GOOD]);
    S.nextInspection.set([now, now, 10, 10]);
    const cuts = cutPoints(m.scenario);
    expect(-0.5).toBeLessThan(cuts[0]);
    expect(-0.2).toBeGreaterThanOrEqual(cuts[0]);
    expect(-0.2).toBeLessThan(cuts[1]);
    inspections(m.ctx);
    expect(S.grade[0]).toBe(INADEQUATE); // judged Inadequate again: not a downgrade, but below Good
    expect(S.grade[1]).toBe(RI);
    expect(S.nextInspection[0]).toBeCloseTo(now + 2.5, 12);
    expect(S.nextInspection[1]).toBeCloseTo(now + 2.5, 12);
    expect(S.poorInspectionAt[0]).toBe(now);
    expect(S.poorInspectionAt[1]).toBe(now);
    expect(S.poorInspectionAt[2]).toBe(-Infinity);
  });

  it('a downgrade from Outstanding to Good is a poor inspection; the cycle stays the Good one', () => {
    const m = model();
    const S = m.state.schools;
    S.effectiveness.set([0, 0, 0, 0]);
    S.grade.set([OUTSTANDING, GOOD, GOOD, GOOD]);
    S.nextInspection.set([now, now, 10, 10]);
    inspections(m.ctx);
    expect(S.grade[0]).toBe(GOOD);
    expect(S.poorInspectionAt[0]).toBe(now);
    expect(S.poorInspectionAt[1]).toBe(-Infinity);
    expect(S.nextInspection[0]).toBeCloseTo(now + 4, 12);
  });

  it("a school's drift never changes its grade between inspections; disabled, nobody is inspected", () => {
    const m = model();
    const S = m.state.schools;
    S.grade.fill(GOOD);
    S.effectiveness.fill(-0.9);
    inspections(m.ctx);
    expect(Array.from(S.grade)).toEqual([GOOD, GOOD, GOOD, GOOD]);
    const off = model({ model: { inspection: { enabled: false } } });
    off.state.schools.grade.fill(GOOD);
    off.state.schools.effectiveness.fill(-0.9);
    off.state.schools.nextInspection.fill(0);
    inspections(off.ctx);
    expect(Array.from(off.state.schools.grade)).toEqual([GOOD, GOOD, GOOD, GOOD]);
    expect(Array.from(off.state.schools.nextInspection)).toEqual([0, 0, 0, 0]);
  });

  it('over a run every school is inspected on its cycle: no date falls behind, and gaps are the cycle lengths', () => {
    const m = build({ years: 6, schools: { count: 60 }, partnerships: { size: 6 } }, 2);
    const S = m.state.schools;
    const tpy = m.state.ticksPerYear;
    const last = Float64Array.from(S.nextInspection);
    let inspected = 0;
    for (let t = 0; t < m.ticks; t++) {
      m.step(t);
      const now = m.state.tick / tpy;
      for (let s = 0; s < S.n; s++) {
        expect(S.nextInspection[s]).toBeGreaterThan(now - 1e-9);
        if (S.nextInspection[s] !== last[s]) {
          inspected++;
          const gap = S.nextInspection[s] - last[s];
          expect([4, 2.5].some((c) => Math.abs(gap - c) < 1e-9)).toBe(true);
          expect(gap).toBeCloseTo(S.grade[s] >= GOOD ? 4 : 2.5, 9);
          last[s] = S.nextInspection[s];
        }
      }
    }
    expect(inspected).toBeGreaterThan(S.n); // every school at least once in six years, many twice
  });
});
