/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { relationalTrust } from '../../../../src/model/core/state.ts';
import { cycleTicks, peerReview, reviewerOf } from '../../../../src/model/mechanisms/peer-review/peer-review.ts';
import { tiny, setAllTrust, findEdge } from '../../../helpers/tiny-model.ts';

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
      const m = tiny({
        leaders: { candour: { mean: 1, sd: 0 }, openness: { mean: 1, sd: 0 } },
        partnerships: { size: 4, peerReview: { enabled: true, trainingQuality: 1 } },
        model: { peerReview: { gain: 0.15 } },
      });
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
    // gain is pupil SD a year at full honesty and rigour.
    expect(high.state.schools.reviewPlan[first]).toBeCloseTo(0.15 * disclosure * rigour, 6);
    // Full rigour leaves no room for collusion.
    expect(high.state.schools.complacency[first]).toBeCloseTo(0, 12);
  });
  it('a trusting review without challenge breeds complacency: collusion × trust × (1 - rigour)', () => {
    const m = tiny({
      leaders: { candour: { mean: 0.4, sd: 0 }, openness: { mean: 1, sd: 0 } },
      partnerships: { size: 4, peerReview: { enabled: true, trainingQuality: 0.5 } },
      model: { peerReview: { gain: 0.15, collusion: 0.08 } },
    });
    setAllTrust(m, 0.9);
    m.state.schools.complacency.fill(0);
    m.state.schools.reviewPlan.fill(0);
    m.state.tick = 2;
    peerReview(m.ctx);
    const T = relationalTrust(0.9, 0.9, 0.9, 0.9);
    const rigourRaw = 0.5 * 0.4;
    const first = m.state.leaders.school[m.state.groups.members[0]];
    expect(m.state.schools.complacency[first]).toBeCloseTo(0.08 * T * (1 - rigourRaw), 6);
    expect(m.state.schools.reviewPlan[first]).toBeCloseTo(0.15 * (0.2 + 0.8 * T) * rigourRaw * (0.5 + 0.5 * T), 6);
  });
});
