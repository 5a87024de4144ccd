/**
 * Unit tests of one rule each: a small state, the rule applied, and the values its equation (docs/ODD.md) gives.
 */
import { describe, expect, it } from 'vitest';
import { meetings, refreshLeaderBehaviour } from '../../../../src/model/mechanisms/trust/meetings.ts';
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
