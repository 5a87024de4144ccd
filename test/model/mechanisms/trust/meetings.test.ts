/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { meetings, refreshLeaderBehaviour } from '../../../../src/model/mechanisms/trust/meetings.ts';
import { TRACE } from '../../../../src/model/core/context.ts';
import { tiny, setAllTrust } from '../../../helpers/tiny-model.ts';

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
      leaders: {
        openness: { mean: 1, sd: 0 },
        moralPurpose: { mean: 1, sd: 0 },
        competence: { mean: 1, sd: 0 },
        followThrough: { mean: 1, sd: 0 },
        competitiveness: { mean: 0, sd: 0 },
        candour: { mean: 0, sd: 0 },
      },
      partnerships: { size: 4, meetingsPerYear: 6, practices: { partnershipLead: true } },
    });
    setAllTrust(up, 0.2);
    refreshLeaderBehaviour(up.ctx);
    meetings(up.ctx);
    const rise = up.state.edges.respect[0] - 0.2;
    expect(rise).toBeGreaterThan(0);
    // One meeting, build rate 0.06, gap at most 0.8: at most two steps up (observing the partner,
    // and the partner's disclosure met with support, which also moves this perception).
    expect(rise).toBeLessThan((1 - (1 - 0.06) ** 2) * 0.8 + 1e-6);

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

describe('Lencioni feedback into meetings', () => {
  /** A busy partnership of six (many meetings in the tick), every interaction reported. */
  function traced(levels: { conflict: number; commitment: number; accountability: number }, input: Parameters<typeof tiny>[0] = {}) {
    const m = tiny({
      schools: { count: 6 },
      partnerships: { size: 6, meetingsPerYear: 48, practices: { partnershipLead: true } },
      model: { knowledge: { challengeInsight: 0.015 } },
      ...input,
    });
    setAllTrust(m, 0.7);
    const G = m.state.groups;
    G.lConflict[0] = levels.conflict;
    G.lCommitment[0] = levels.commitment;
    G.lAccountability[0] = levels.accountability;
    m.state.schools.learning.fill(0);
    const log = { challenges: 0, acceptedBy: new Array<number>(6).fill(0), kept: 0, promises: 0 };
    m.ctx.trace = (kind, _actor, target, ok) => {
      if (kind === TRACE.challenge) {
        log.challenges++;
        if (ok) log.acceptedBy[target]++;
      }
      if (kind === TRACE.promise) {
        log.promises++;
        if (ok) log.kept++;
      }
    };
    refreshLeaderBehaviour(m.ctx);
    meetings(m.ctx);
    return { m, log };
  }

  it('each accepted challenge adds challengeInsight × commitment / (members - 1) to learning, as a rate (× ticks per year)', () => {
    const { m, log } = traced({ conflict: 0.5, commitment: 0.6, accountability: 0.5 });
    const tpy = m.state.ticksPerYear;
    const impulse = ((0.015 * m.state.groups.lCommitment[0]) / 5) * tpy;
    let total = 0;
    for (let i = 0; i < 6; i++) {
      total += log.acceptedBy[i];
      expect(m.state.schools.learning[m.state.leaders.school[i]]).toBeCloseTo(log.acceptedBy[i] * impulse, 12);
    }
    expect(total).toBeGreaterThan(10);
  });

  it('a group that airs conflict challenges more: the chance scales with 0.5 + conflict', () => {
    const low = traced({ conflict: 0, commitment: 0.5, accountability: 0.5 }).log.challenges;
    const high = traced({ conflict: 1, commitment: 0.5, accountability: 0.5 }).log.challenges;
    // Expected ratio 1.5 / 0.5 = 3 (trust moves a little during the tick).
    expect(high / low).toBeGreaterThan(2);
    expect(high / low).toBeLessThan(4.5);
  });

  it('accountability raises kept commitments: with no follow-through none are kept without it, about half at full accountability', () => {
    const none = traced({ conflict: 0.5, commitment: 0.5, accountability: 0 }, { leaders: { followThrough: { mean: 0, sd: 0 } } }).log;
    const full = traced({ conflict: 0.5, commitment: 0.5, accountability: 1 }, { leaders: { followThrough: { mean: 0, sd: 0 } } }).log;
    expect(none.promises).toBeGreaterThan(20);
    expect(none.kept).toBe(0);
    expect(full.kept / full.promises).toBeGreaterThan(0.3);
    expect(full.kept / full.promises).toBeLessThan(0.7);
  });

  it('without feedback (the ablation) the levels are ignored', () => {
    const a = traced({ conflict: 0, commitment: 0, accountability: 0 }, { model: { lencioni: { feedback: false }, knowledge: { challengeInsight: 0.015 } } });
    const b = traced({ conflict: 1, commitment: 1, accountability: 1 }, { model: { lencioni: { feedback: false }, knowledge: { challengeInsight: 0.015 } } });
    expect(a.log).toEqual(b.log);
    expect(Array.from(a.m.state.schools.learning)).toEqual(Array.from(b.m.state.schools.learning));
    expect(a.log.acceptedBy.some((n) => n > 0)).toBe(true);
  });
});

describe('interaction trace', () => {
  it('reports each challenge, disclosure and commitment without changing the run', async () => {
    const { TRACE } = await import('../../../../src/model/core/context.ts');
    const { runLoop } = await import('../../../../src/engine/loop.ts');
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
