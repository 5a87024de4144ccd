/**
 * Unit tests, one block per rule: each sets up a small state, applies the
 * rule and checks the values its equation (docs/ODD.md §7) gives.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../src/api.ts';
import { createModel } from '../src/simulate.ts';
import { perTickProbability } from '../src/engine/loop.ts';
import { binomial, stream } from '../src/engine/rng.ts';
import { relationalTrust } from '../src/model/state.ts';
import { lencioni } from '../src/model/rules/lencioni.ts';
import { knowledgeExchange } from '../src/model/rules/knowledge.ts';
import { trustGate, improvement } from '../src/model/rules/improvement.ts';
import { cycleTicks, findEdge, peerReview, reviewerOf } from '../src/model/rules/peerReview.ts';
import { replaceLeader, teacherRetention, communityStrength } from '../src/model/rules/turnover.ts';
import { meetings, refreshLeaderBehaviour } from '../src/model/rules/meetings.ts';
import { applyEvent } from '../src/model/rules/events.ts';
import type { ScenarioInput } from '../src/scenario/schema.ts';

function tiny(input: ScenarioInput = {}, seed = 1) {
  const s = resolveScenario({ schools: { count: 4 }, partnerships: { size: 4 }, ...input });
  return createModel(s, { seed });
}

function setAllTrust(m: ReturnType<typeof tiny>, v: number) {
  const E = m.state.edges;
  for (let e = 0; e < E.n; e++) {
    E.respect[e] = E.regard[e] = E.competence[e] = E.integrity[e] = v;
    E.trust[e] = relationalTrust(v, v, v, v);
  }
}

describe('engine conversions', () => {
  it('per-tick probabilities compound back to the yearly probability', () => {
    const p = perTickProbability(0.2, 6);
    expect(1 - (1 - p) ** 6).toBeCloseTo(0.2, 12);
    expect(perTickProbability(1, 6)).toBe(1);
    expect(perTickProbability(0, 6)).toBe(0);
  });
  it('named streams are independent and reproducible', () => {
    const a = stream(5, 'interactions');
    const b = stream(5, 'interactions');
    const c = stream(5, 'turnover');
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect([c(), c(), c()]).not.toEqual(xa);
  });
  it('binomial draws have the right mean', () => {
    const r = stream(1, 'x');
    let s = 0;
    for (let k = 0; k < 4000; k++) s += binomial(r, 30, 0.1);
    expect(s / 4000).toBeCloseTo(3, 0);
    let big = 0;
    for (let k = 0; k < 2000; k++) big += binomial(r, 200, 0.25);
    expect(big / 2000).toBeGreaterThan(48);
    expect(big / 2000).toBeLessThan(52);
  });
});

describe('relational trust', () => {
  it('is the power mean with exponent -4, dominated by the weakest perception', () => {
    const t = relationalTrust(0.9, 0.9, 0.9, 0.2);
    const expected = ((3 * 0.9 ** -4 + 0.2 ** -4) / 4) ** -0.25;
    expect(t).toBeCloseTo(expected, 12);
    expect(t).toBeLessThan(0.3);
  });
});

describe('meetings', () => {
  it('a group with no meetings a year changes nothing; a group that meets updates every relationship', () => {
    const quiet = tiny({ partnerships: { size: 4, meetingsPerYear: 0 } });
    const before = Float32Array.from(quiet.state.edges.trust);
    refreshLeaderBehaviour(quiet.ctx);
    meetings(quiet.ctx);
    expect(Array.from(quiet.state.edges.trust)).toEqual(Array.from(before));

    const busy = tiny({ partnerships: { size: 4, meetingsPerYear: 12, practices: { partnershipLead: true } } });
    refreshLeaderBehaviour(busy.ctx);
    meetings(busy.ctx);
    expect(busy.state.tallies.relationshipUpdates).toBe(2 * busy.state.edges.n);
    expect(busy.state.groups.meetingsHeld[0]).toBe(2);
  });

  it('perceptions move toward observations: up slowly, down quickly', () => {
    // Everyone fully open, caring, competent and reliable: perceptions rise from a low start.
    const up = tiny({
      leaders: { openness: { mean: 1, sd: 0 }, moralPurpose: { mean: 1, sd: 0 }, competence: { mean: 1, sd: 0 }, followThrough: { mean: 1, sd: 0 }, competitiveness: { mean: 0, sd: 0 }, candour: { mean: 0, sd: 0 } },
      partnerships: { size: 4, meetingsPerYear: 6, practices: { partnershipLead: true } },
    });
    setAllTrust(up, 0.2);
    refreshLeaderBehaviour(up.ctx);
    meetings(up.ctx);
    const rise = up.state.edges.respect[0] - 0.2;
    expect(rise).toBeGreaterThan(0);
    expect(rise).toBeLessThan(0.06 * 0.8 + 1e-6); // one meeting, build rate 0.06, gap at most 0.8

    const down = tiny({
      leaders: { openness: { mean: 0, sd: 0 }, competitiveness: { mean: 1, sd: 0 }, candour: { mean: 0, sd: 0 } },
      partnerships: { size: 4, meetingsPerYear: 6, practices: { partnershipLead: true } },
    });
    setAllTrust(down, 0.9);
    refreshLeaderBehaviour(down.ctx);
    meetings(down.ctx);
    const fall = 0.9 - down.state.edges.respect[0];
    // listen = 0.25 for a closed, competitive head; the lose rate closes 25% of the gap.
    expect(fall).toBeGreaterThan(0.25 * (0.9 - 0.25 - 0.12) - 1e-6);
    expect(fall).toBeGreaterThan(2 * rise);
  });
});

describe('Lencioni cascade', () => {
  it('levels move toward their targets and are capped by the level beneath', () => {
    const m = tiny({ leaders: { candour: { mean: 0.9, sd: 0 }, followThrough: { mean: 0.9, sd: 0 }, moralPurpose: { mean: 0.9, sd: 0 } } });
    setAllTrust(m, 0.4);
    const G = m.state.groups;
    G.lConflict[0] = G.lCommitment[0] = G.lAccountability[0] = G.lResults[0] = 0.8;
    lencioni(m.ctx);
    expect(G.lTrust[0]).toBeCloseTo(0.4, 6);
    for (const lv of [G.lConflict, G.lCommitment, G.lAccountability, G.lResults]) expect(lv[0]).toBeLessThanOrEqual(0.4 + 1e-7);
    expect(G.binding[0]).toBe(1); // conflict is the lowest level held down by the level beneath (trust 0.4 < candour 0.9)
  });

  it('without candour, conflict (and everything above it) stays low however high trust is', () => {
    const m = tiny({ leaders: { candour: { mean: 0.1, sd: 0 } } });
    setAllTrust(m, 0.9);
    for (let k = 0; k < 30; k++) lencioni(m.ctx);
    const G = m.state.groups;
    expect(G.lConflict[0]).toBeCloseTo(0.1, 3);
    expect(G.lResults[0]).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(G.binding[0]).toBe(2); // conflict is held by candour, not by trust; commitment is then held by conflict
  });

  it('results focus pushes member schools by collectiveGain × L5', () => {
    const m = tiny();
    m.state.groups.lResults[0] = 0.5;
    setAllTrust(m, 0.9);
    m.state.groups.lConflict[0] = m.state.groups.lCommitment[0] = m.state.groups.lAccountability[0] = 0.9;
    lencioni(m.ctx);
    expect(m.state.schools.collective[0]).toBeCloseTo(0.05 * m.state.groups.lResults[0], 6);
  });
});

describe('knowledge exchange', () => {
  it('flows from more effective partners in proportion to trust and stance', () => {
    const m = tiny();
    setAllTrust(m, 0.5);
    const S = m.state.schools;
    S.effectiveness.set([0.4, 0.6, 0.6, 0.4]);
    S.learning.fill(0);
    knowledgeExchange(m.ctx);
    // School 0 (3 partners): two are 0.2 better, trust 0.5, stance share: 0.25 * (2 * 0.5 * 0.2) / 3
    expect(S.learning[0]).toBeCloseTo((0.25 * (2 * relationalTrust(0.5, 0.5, 0.5, 0.5) * 0.2)) / 3, 6);
    expect(S.learning[1]).toBe(0);
    S.learning.fill(0);
    S.stance[1] = 0; // protect
    knowledgeExchange(m.ctx);
    expect(S.learning[0]).toBeCloseTo((0.25 * 0.5 * 0.2 * (1 + 0.15)) / 3, 6);
  });
});

describe('improvement', () => {
  it('the trust gate is closed below the low threshold and open above the high one', () => {
    expect(trustGate(0.2, 0.3, 0.75)).toBe(0);
    expect(trustGate(0.8, 0.3, 0.75)).toBe(1);
    expect(trustGate(0.525, 0.3, 0.75)).toBeCloseTo(0.5, 9);
  });
  it('with internal trust below the gate, drive does not raise effectiveness', () => {
    const m = tiny({ model: { improvement: { noise: 0 } } });
    const S = m.state.schools;
    S.internalTrust.fill(0.1);
    S.effectiveness.fill(0.5);
    S.learning.fill(1);
    m.state.leaders.openness.fill(0);
    m.state.leaders.moralPurpose.fill(0);
    m.state.leaders.competence.fill(0);
    m.state.leaders.followThrough.fill(0);
    m.state.tick = 1;
    improvement(m.ctx);
    for (let s = 0; s < 4; s++) expect(S.effectiveness[s]).toBeLessThan(0.5);
    S.internalTrust.fill(0.9);
    m.state.leaders.openness.fill(1);
    m.state.leaders.moralPurpose.fill(1);
    m.state.leaders.competence.fill(1);
    m.state.leaders.followThrough.fill(1);
    const before = S.effectiveness[0];
    improvement(m.ctx);
    expect(S.effectiveness[0]).toBeGreaterThan(before);
  });
});

describe('peer review', () => {
  it('schedules the visit in the second half term and the follow-up about 90 days later', () => {
    expect(cycleTicks(6)).toEqual({ visit: 1, followUp: 2 });
    expect(cycleTicks(52)).toEqual({ visit: 9, followUp: 22 });
  });
  it('reviewers are never the host and rotate by year', () => {
    for (let n = 2; n <= 8; n++)
      for (let y = 0; y < 5; y++)
        for (let p = 0; p < n; p++) {
          const seen = new Set<number>();
          for (let q = 0; q < Math.min(2, n - 1); q++) {
            const r = reviewerOf(p, q, y, n);
            expect(r).not.toBe(p);
            seen.add(r);
          }
          expect(seen.size).toBe(Math.min(2, n - 1));
        }
  });
  it('rigour without trust makes the host defensive; trust with rigour builds a plan', () => {
    const run = (trust: number) => {
      const m = tiny({ leaders: { candour: { mean: 1, sd: 0 }, openness: { mean: 1, sd: 0 } }, partnerships: { size: 4, peerReview: { enabled: true, trainingQuality: 1 } } });
      setAllTrust(m, trust);
      m.state.tick = 2; // phase 1 of year 0: the visit
      peerReview(m.ctx);
      return m;
    };
    const low = run(0.1);
    // The host at position 0 is reviewed first by the member at position 1.
    const host = low.state.groups.members[0];
    const reviewer = low.state.groups.members[reviewerOf(0, 0, 0, 4)];
    const e = findEdge(low.state.edges, host, reviewer);
    const T0 = relationalTrust(0.1, 0.1, 0.1, 0.1);
    expect(low.state.edges.regard[e]).toBeCloseTo(0.1 * (1 - 0.35 * (1 - T0)), 6);
    const high = run(0.9);
    expect(high.state.schools.reviewPlan[0]).toBeGreaterThan(3 * low.state.schools.reviewPlan[0]);
    const T = relationalTrust(0.9, 0.9, 0.9, 0.9);
    const disclosure = 0.2 + 0.8 * T;
    const rigour = 0.5 + 0.5 * T;
    // The first host's plan, computed before any other visit changed trust.
    const first = high.state.leaders.school[high.state.groups.members[0]];
    expect(high.state.schools.reviewPlan[first]).toBeCloseTo(0.1 * disclosure * rigour, 6);
  });
});

describe('turnover and retention', () => {
  it('a replaced head starts every relationship again, in both directions', () => {
    const m = tiny();
    setAllTrust(m, 0.95);
    replaceLeader(m.ctx, 0);
    const E = m.state.edges;
    for (let e = E.outStart[0]; e < E.outStart[1]; e++) {
      expect(E.trust[e]).toBeLessThan(0.7);
      expect(E.trust[E.rev[e]]).toBeLessThan(0.7);
      expect(E.interactions[e]).toBe(0);
    }
    expect(E.trust[findEdge(E, 1, 2)]).toBeCloseTo(0.95, 5);
    expect(m.state.leaders.changes[0]).toBe(1);
    expect(m.state.tallies.departuresThisTick).toBe(1);
  });
  it('without a community, about 60% of teachers remain after five years', () => {
    const m = tiny({ schools: { count: 400, teachersPerSchool: { primary: 50 } }, partnerships: { coverage: 0 } });
    communityStrength(m.ctx);
    for (let t = 0; t < 30; t++) teacherRetention(m.ctx);
    const S = m.state.schools;
    let left = 0, start = 0, ml = 0, ms = 0;
    for (let s = 0; s < S.n; s++) {
      left += S.cohortLeft[s];
      start += S.cohortStart[s];
      ml += S.mathsLeft[s];
      ms += S.mathsStart[s];
    }
    expect(left / start).toBeCloseTo(0.6, 1);
    expect(ml / ms).toBeCloseTo(0.5, 1);
  });
});

describe('events', () => {
  it('a hidden agenda collapses partners\' integrity perceptions of that head', () => {
    const m = tiny();
    setAllTrust(m, 0.8);
    applyEvent(m.ctx, { event: 'hiddenAgenda', year: 1, school: 2 });
    const E = m.state.edges;
    expect(E.integrity[findEdge(E, 0, 2)]).toBeCloseTo(0.16, 5);
    expect(E.trust[findEdge(E, 0, 2)]).toBeLessThan(0.25);
    expect(E.integrity[findEdge(E, 2, 0)]).toBeCloseTo(0.8, 5);
  });
  it('an unknown school is a clear error', () => {
    const m = tiny();
    expect(() => applyEvent(m.ctx, { event: 'leaderLeaves', year: 1, school: 'Nowhere' })).toThrow(/no school named 'Nowhere'/);
  });
});

describe('interaction trace', () => {
  it('reports each challenge, disclosure and commitment without changing the run', async () => {
    const { TRACE } = await import('../src/model/context.ts');
    const { runLoop } = await import('../src/engine/loop.ts');
    const plain = tiny({ partnerships: { size: 4, practices: { partnershipLead: true } } }, 3);
    const traced = tiny({ partnerships: { size: 4, practices: { partnershipLead: true } } }, 3);
    const seen = { [TRACE.promise]: 0, [TRACE.vulnerability]: 0, [TRACE.challenge]: 0 } as Record<number, number>;
    let accepted = 0;
    traced.ctx.trace = (kind, actor, target, ok) => {
      seen[kind]++;
      expect(actor).not.toBe(target);
      if (kind === TRACE.challenge && ok) accepted++;
    };
    runLoop(plain, { ticks: 12 });
    runLoop(traced, { ticks: 12 });
    expect(Array.from(traced.observer.rec.values)).toEqual(Array.from(plain.observer.rec.values));
    for (const k of [TRACE.promise, TRACE.vulnerability, TRACE.challenge]) expect(seen[k]).toBeGreaterThan(0);
    expect(seen[TRACE.challenge]).toBeGreaterThanOrEqual(traced.state.tallies.challenges);
    expect(accepted).toBeGreaterThan(0);
  });
});
