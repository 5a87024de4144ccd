/** Competition (docs/ODD.md P7.7): rivalry between nearby rivals per tick, and the yearly rolls, pressure and stances. */
import { describe, expect, it } from 'vitest';
import { standingOf } from '../../../../src/model/core/attainment-scale.ts';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { buildNeighbours, competitionYear, rivalry } from '../../../../src/model/mechanisms/competition/competition.ts';
import { changeCompetition } from '../../../../src/model/mechanisms/competition/events.ts';
import type { ScenarioInput } from '../../../../src/model/schema.ts';
import { stream } from '../../../../src/engine/rng.ts';
import { findEdge, setAllTrust, tiny } from '../../../helpers/tiny-model.ts';

/** Four schools: 0 and 1 are 1 km apart (10 km per unit), 2 and 3 are far from everyone (radius 3 km). */
function model(input: ScenarioInput = {}) {
  const m = tiny(input);
  m.state.schools.x.set([0.5, 0.6, 0.1, 0.9]);
  m.state.schools.y.set([0.5, 0.5, 0.1, 0.9]);
  m.state.policy!.nbStart = null; // rival lists are rebuilt from these positions
  return m;
}
/** Effectiveness (pupil SD) and the national standing the model keeps with it. */
function setEffectiveness(m: ReturnType<typeof tiny>, es: number[]) {
  const S = m.state.schools;
  S.effectiveness.set(es);
  S.standing.set(es.map((e) => standingOf(e, m.scenario.model.improvement.betweenSchoolSd)));
}
const dKm = (m: ReturnType<typeof tiny>, a: number, b: number) => {
  const S = m.state.schools;
  return Math.hypot(S.x[a] - S.x[b], S.y[a] - S.y[b]) * 10;
};

describe('rivalry', () => {
  it("moves i's regard and integrity of a nearby rival toward 0.2 at 1 - exp(-trustPenalty dt w); far pairs keep their trust exactly", () => {
    const m = model();
    setAllTrust(m, 0.8);
    const P = m.state.policy!;
    P.competitionActive = true;
    P.pressure.set([0.6, 0.2, 1, 1]);
    m.state.leaders.competitiveness[0] = 0.5;
    const E = m.state.edges;
    const far = findEdge(E, 0, 2);
    const before = [E.regard[far], E.integrity[far], E.trust[far]];
    rivalry(m.ctx);
    const e = findEdge(E, 0, 1);
    const w = 0.5 * (0.6 + 0.2) * (1 - dKm(m, 0, 1) / 3) * (0.5 + 0.5);
    const k = 1 - Math.exp(-0.6 * (1 / 6) * w);
    const v = 0.8 + k * (0.2 - 0.8);
    expect(E.regard[e]).toBeCloseTo(v, 6);
    expect(E.integrity[e]).toBeCloseTo(v, 6);
    expect(E.respect[e]).toBeCloseTo(0.8, 6);
    expect(E.trust[e]).toBe(Math.fround(relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e])));
    expect([E.regard[far], E.integrity[far], E.trust[far]]).toEqual(before);
  });

  it('changes nothing when competition is off or both rivals feel no pressure', () => {
    const m = model();
    setAllTrust(m, 0.8);
    const E = m.state.edges;
    const e = findEdge(E, 0, 1);
    const t0 = E.trust[e];
    m.state.policy!.pressure.fill(1);
    rivalry(m.ctx); // competitionActive is false
    expect(E.trust[e]).toBe(t0);
    m.state.policy!.competitionActive = true;
    m.state.policy!.pressure.fill(0);
    rivalry(m.ctx);
    expect(E.trust[e]).toBe(t0);
  });
});

describe('competitionYear', () => {
  it('rivals are schools within the radius, with their distances', () => {
    const m = model();
    buildNeighbours(m.state, 3);
    const P = m.state.policy!;
    expect(Array.from(P.nbStart!)).toEqual([0, 1, 2, 2, 2]);
    expect(Array.from(P.nb!)).toEqual([1, 0]);
    expect(P.nbDist![0]).toBeCloseTo(dKm(m, 0, 1), 5);
  });

  it('pressure = choice × crowding × (0.5 + rollsSensitivity × surplus), crowding ρ/(1+ρ); a school without rivals feels none', () => {
    const m = model({ competition: { choiceIntensity: 0.8 } });
    const P = m.state.policy!;
    const S = m.state.schools;
    S.pupils[0] = 0.9 * P.pupilsStart[0];
    competitionYear(m.ctx, m.ctx.rng.competition, true);
    const rho = 1 - dKm(m, 0, 1) / 3;
    const crowd = rho / (1 + rho);
    const u = 1 - S.pupils[0] / P.pupilsStart[0];
    expect(P.competitionActive).toBe(true);
    expect(P.pressure[0]).toBeCloseTo(0.8 * crowd * (0.5 + 5 * u), 6);
    expect(P.pressure[1]).toBeCloseTo(0.8 * crowd * 0.5, 6);
    expect(P.pressure[2]).toBe(0);
    expect(P.pressure[3]).toBe(0);
  });

  it('rolls fall by fallingRolls and, with choice, move toward the rival with the higher national standing (not in the setup year)', () => {
    const m = model({ competition: { choiceIntensity: 1, fallingRolls: 0.1 } });
    const S = m.state.schools;
    const sd = m.scenario.model.improvement.betweenSchoolSd;
    setEffectiveness(m, [0.15, -0.1, 0, 0]);
    const st = [0.15, -0.1].map((e) => standingOf(e, sd));
    const p = Array.from(S.pupils);
    competitionYear(m.ctx, m.ctx.rng.competition, true);
    expect(Array.from(S.pupils)).toEqual(p);
    competitionYear(m.ctx, m.ctx.rng.competition, false);
    // Parents read a school's standing (percentile), not its effect in pupil SD: 0.0125 × choice × standing gap × pupils.
    expect(S.pupils[0]).toBeCloseTo(p[0] * 0.9 + 0.0125 * (st[0] - st[1]) * p[0], 2);
    expect(S.pupils[1]).toBeCloseTo(p[1] * 0.9 + 0.0125 * (st[1] - st[0]) * p[1], 2);
    expect(S.pupils[0]).toBeGreaterThan(p[0] * 0.9 + 0.005 * p[0]);
    expect(S.pupils[2]).toBeCloseTo(p[2] * 0.9, 2);
  });

  it('the most effective school expands 5%, taking its pupils from its rivals, who then feel the threat', () => {
    const m = model({ competition: { choiceIntensity: 1, selectiveExpansion: 0.25 } });
    const S = m.state.schools;
    const P = m.state.policy!;
    setEffectiveness(m, [0.2, 0.2, 0, 0]); // equal rivals: choice moves no pupils; school 0 wins the tie by index
    const p = Array.from(S.pupils);
    competitionYear(m.ctx, m.ctx.rng.competition, false);
    expect(Array.from(P.expanding)).toEqual([1, 0, 0, 0]);
    expect(S.pupils[0]).toBeCloseTo(1.05 * p[0], 2);
    expect(S.pupils[1]).toBeCloseTo(p[1] - 0.05 * p[0], 2);
    const crowd = (1 - dKm(m, 0, 1) / 3) / (2 - dKm(m, 0, 1) / 3);
    const u = Math.max(0, 1 - S.pupils[1] / P.pupilsStart[1]);
    expect(P.pressure[1]).toBeCloseTo(Math.min(1, crowd * (0.5 + 5 * u + 1)), 5);
  });

  it('under full pressure a competitive head with no moral purpose protects; without pressure every school shares', () => {
    const m = model({ competition: { choiceIntensity: 1, stanceRate: 1 } });
    const S = m.state.schools;
    const L = m.state.leaders;
    L.competitiveness.fill(1);
    L.moralPurpose.fill(0);
    S.pupils[0] = S.pupils[1] = 0.5 * m.state.policy!.pupilsStart[0]; // surplus 0.5: pressure capped at 1
    m.state.policy!.pupilsStart[1] = m.state.policy!.pupilsStart[0];
    competitionYear(m.ctx, m.ctx.rng.competition, true);
    expect(m.state.policy!.pressure[0]).toBe(1);
    expect(S.stance[0]).toBe(0); // P(protect) = min(1, 1.5 × 1 × 1.5) = 1
    expect(S.stance[1]).toBe(0);
    expect(S.stance[2]).toBe(2); // no rivals, no pressure
    m.state.policy!.localities[0].choice = 0;
    m.state.policy!.localities[0].fallingRolls = 0.01; // competition stays on, but without choice there is no pressure
    competitionYear(m.ctx, m.ctx.rng.competition, false);
    expect(Array.from(S.stance)).toEqual([2, 2, 2, 2]);
  });

  it('a standing school sells rather than shares more often than a weak one under the same pressure (pSell uses standing)', () => {
    const sells = (e: number) => {
      let n = 0;
      for (let seed = 1; seed <= 40; seed++) {
        const m = model({ competition: { choiceIntensity: 1, stanceRate: 1, stanceSensitivity: 4 } });
        const L = m.state.leaders;
        L.competitiveness.fill(0);
        L.moralPurpose.fill(0.5);
        setEffectiveness(m, [e, e, 0, 0]);
        competitionYear(m.ctx, stream(seed, 'stance-test'), true);
        n += m.state.schools.stance[0] === 1 ? 1 : 0;
      }
      return n;
    };
    // Pressure 0.2 × 4 = 0.8: P(sell) = 0.8 × standing × 0.5, about 0.39 at +0.3 SD (standing 0.98) and 0.01 at -0.3 SD.
    expect(sells(0.3)).toBeGreaterThan(8);
    expect(sells(-0.3)).toBeLessThan(3);
  });

  it('once competition is over, stances lapse back to sharing at stanceRate', () => {
    const m = model({ competition: { stanceRate: 1 } });
    const S = m.state.schools;
    S.stance.set([0, 1, 0, 2]);
    competitionYear(m.ctx, m.ctx.rng.competition, false);
    expect(m.state.policy!.competitionActive).toBe(false);
    expect(Array.from(S.stance)).toEqual([2, 2, 2, 2]);
    const never = model({ competition: { stanceRate: 0 } });
    never.state.schools.stance.set([0, 1, 0, 2]);
    competitionYear(never.ctx, never.ctx.rng.competition, false);
    expect(Array.from(never.state.schools.stance)).toEqual([0, 1, 0, 2]);
  });

  it('with no choice, falling rolls or expansion competition is off and pressure is cleared', () => {
    const m = model();
    m.state.policy!.pressure.fill(0.5);
    competitionYear(m.ctx, m.ctx.rng.competition, false);
    expect(m.state.policy!.competitionActive).toBe(false);
    expect(Array.from(m.state.policy!.pressure)).toEqual([0, 0, 0, 0]);
  });

  it('the competition event sets choice in every locality and recomputes pressure at once', () => {
    const m = model();
    changeCompetition(m.ctx, { event: 'competition', year: 2, choiceIntensity: 0.8, fallingRolls: 0.05 });
    const P = m.state.policy!;
    expect(P.localities[0]).toMatchObject({ choice: 0.8, fallingRolls: 0.05 });
    expect(P.competitionActive).toBe(true);
    expect(P.pressure[0]).toBeGreaterThan(0);
    expect(P.pressure[2]).toBe(0);
  });
});
