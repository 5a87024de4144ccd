/** Trust shocks (docs/ODD.md 7.8): an inspection downgrade and a hidden agenda change only perceptions of the one head, and trust stays the power mean. */
import { describe, expect, it } from 'vitest';
import { relationalTrust, type EdgeArrays } from '../../../../src/model/core/state.ts';
import { hiddenAgenda, inspectionDowngrade } from '../../../../src/model/mechanisms/trust/shocks.ts';
import { findEdge, setAllTrust, tiny } from '../../../helpers/tiny-model.ts';

const snapshot = (E: EdgeArrays) => ({
  respect: Array.from(E.respect),
  regard: Array.from(E.regard),
  competence: Array.from(E.competence),
  integrity: Array.from(E.integrity),
  trust: Array.from(E.trust),
});
const powerMean = (E: EdgeArrays, e: number) => Math.fround(relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]));

describe('inspectionDowngrade', () => {
  it("lowers the judgement a grade (a poor inspection) and internal trust by drop, and partners' competence perceptions of the head by the factor 1 - drop; effectiveness is untouched", () => {
    const m = tiny();
    setAllTrust(m, 0.8);
    const S = m.state.schools;
    const E = m.state.edges;
    S.effectiveness[1] = 0.1;
    S.grade[1] = 3;
    S.internalTrust[1] = 0.5;
    m.state.tick = 9;
    const eff = Array.from(S.effectiveness);
    const grades = Array.from(S.grade);
    const before = snapshot(E);
    inspectionDowngrade(m.ctx, { event: 'inspectionDowngrade', year: 1.5, school: 1, drop: 0.15 });
    expect(Array.from(S.effectiveness)).toEqual(eff);
    expect(S.grade[1]).toBe(2);
    expect(S.poorInspectionAt[1]).toBe(9 / m.state.ticksPerYear);
    expect(S.internalTrust[1]).toBeCloseTo(0.35, 12);
    for (const s of [0, 2, 3]) {
      expect(S.grade[s]).toBe(grades[s]);
      expect(S.poorInspectionAt[s]).toBe(-Infinity);
    }
    const head = S.leader[1];
    for (let e = 0; e < E.n; e++) {
      if (E.dst[e] === head) {
        expect(E.competence[e]).toBeCloseTo(0.8 * 0.85, 6);
        expect(E.integrity[e]).toBe(before.integrity[e]);
        expect(E.trust[e]).toBe(powerMean(E, e));
        expect(E.trust[e]).toBeLessThan(before.trust[e]);
      } else {
        // The head's own perceptions, and those between other heads, do not change.
        expect(E.competence[e]).toBe(before.competence[e]);
        expect(E.trust[e]).toBe(before.trust[e]);
      }
    }
  });

  it('a judgement below Good brings the next inspection within weakCycleYears; a Good judgement keeps the cycle', () => {
    const m = tiny();
    const S = m.state.schools;
    const I = m.ctx.scenario.model.inspection;
    m.state.tick = 6;
    const now = 6 / m.state.ticksPerYear;
    S.grade[1] = 2; // Good -> Requires improvement
    S.nextInspection[1] = now + 3.9;
    S.grade[2] = 3; // Outstanding -> Good
    S.nextInspection[2] = now + 1.5;
    S.grade[3] = 2; // Good -> RI, but an inspection is already due sooner
    S.nextInspection[3] = now + 0.5;
    for (const school of [1, 2, 3]) inspectionDowngrade(m.ctx, { event: 'inspectionDowngrade', year: 1, school, drop: 0.1 });
    expect(S.nextInspection[1]).toBeCloseTo(now + I.weakCycleYears, 12);
    expect(S.nextInspection[2]).toBeCloseTo(now + 1.5, 12);
    expect(S.nextInspection[3]).toBeCloseTo(now + 0.5, 12);
  });

  it('finds the school by name; the judgement stops at Inadequate and internal trust at 0', () => {
    const m = tiny();
    const S = m.state.schools;
    S.grade[2] = 0;
    S.internalTrust[2] = 0.05;
    const grades = Array.from(S.grade);
    inspectionDowngrade(m.ctx, { event: 'inspectionDowngrade', year: 0, school: S.names[2], drop: 0.3 });
    expect(S.grade[2]).toBe(0);
    expect(S.internalTrust[2]).toBe(0);
    expect(S.poorInspectionAt[2]).toBe(0);
    expect(Array.from(S.grade)).toEqual(grades);
  });
});

describe('hiddenAgenda', () => {
  it("multiplies partners' integrity perceptions of the head by 0.2; trust falls to the power mean of what is stored", () => {
    const m = tiny();
    setAllTrust(m, 0.9);
    const E = m.state.edges;
    const before = snapshot(E);
    const head = m.state.schools.leader[3];
    hiddenAgenda(m.ctx, { event: 'hiddenAgenda', year: 2, school: 3 });
    const e = findEdge(E, m.state.schools.leader[0], head);
    expect(E.integrity[e]).toBeCloseTo(0.18, 6);
    expect(E.trust[e]).toBe(powerMean(E, e));
    expect(E.trust[e]).toBeLessThan(0.3); // the weak link dominates the power mean
    const back = E.rev[e]; // the head's own view of its partner is untouched
    expect(E.integrity[back]).toBe(before.integrity[back]);
    expect(E.trust[back]).toBe(before.trust[back]);
    for (let k = 0; k < E.n; k++) expect([E.respect[k], E.regard[k], E.competence[k]]).toEqual([before.respect[k], before.regard[k], before.competence[k]]);
  });

  it('rejects a school that does not exist', () => {
    const m = tiny();
    expect(() => hiddenAgenda(m.ctx, { event: 'hiddenAgenda', year: 1, school: 9 })).toThrow(/out of range/);
    expect(() => hiddenAgenda(m.ctx, { event: 'hiddenAgenda', year: 1, school: 'Nowhere' })).toThrow(/no school named/);
  });
});
