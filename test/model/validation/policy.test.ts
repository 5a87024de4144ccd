/**
 * Validation suite, model brief section 7, behaviours 6-11 (the policy layer).
 *
 * Each behaviour is checked over seeded replications against the tolerance
 * stated in the test name, and each has a "mechanism off" case run here too
 * (a parameter set to 0 or a switch turned off) that makes the same check
 * fail, so the test shows it can fail:
 *   6  closed-MAT consolidation      off: mats.closedHubBarrier = 0 and mats.closedWithdrawal = 0
 *   7  alliances replaced by hubs    off: hubs.networkCarry = 0
 *   8  boundary spanners             off: spanners.extraGroups = 0
 *   9  competition                   off: competition.trustPenalty = 0 and competition.stanceSensitivity = 0
 *   10 teacher retention             off: turnover.communityEffect = 0
 *   11 word-of-mouth S-curve         off: model.practice.rate = 0, and model.network.tieTrust = 1 (no trusted ties)
 * The numbers the thresholds sit inside are in docs/policy.md (section
 * "Validation").
 */
import { describe, expect, it } from 'vitest';
import { replicate, mean, at } from '../../helpers/replicate.ts';
import {
  TPY,
  avg,
  paired,
  consolidation,
  hubReform,
  spannerLoss,
  competition,
  retention,
  wordOfMouth,
  wordOfMouthDud,
  wordOfMouthOff,
  wordOfMouthUntrusted,
} from '../../helpers/validation-settings.ts';

describe('behaviour 6: closed-MAT consolidation strengthens within-trust ties, weakens cross-trust ties and hub engagement, and widens unequal access', () => {
  const { REPS, OFF_REPS, consolidate, town, city, off, late } = consolidation;
  const none = replicate(town, REPS);
  const closed = replicate({ ...town, timeline: consolidate('closed') }, REPS);
  const open = replicate({ ...town, timeline: consolidate('open') }, REPS);

  it('within-trust relationships per head rise by at least 3 with consolidation (tolerance: +3 ties)', () => {
    expect(avg(closed, late('mat_share'))).toBeGreaterThan(0.99);
    expect(avg(closed, late('within_mat_ties_per_school')) - avg(none, late('within_mat_ties_per_school'))).toBeGreaterThan(3);
  });

  it('cross-trust relationships per head fall by at least 1.5 against no consolidation and against open trusts, in every seed against open', () => {
    const m = late('cross_mat_ties_per_school');
    expect(avg(none, m) - avg(closed, m)).toBeGreaterThan(1.5);
    for (const d of paired(open, closed, m)) expect(d).toBeLessThan(-1);
  });

  it('hub engagement falls by at least 0.15 against no consolidation and 0.3 against open trusts', () => {
    const m = late('hub_engagement');
    expect(avg(none, m) - avg(closed, m)).toBeGreaterThan(0.15);
    expect(avg(open, m) - avg(closed, m)).toBeGreaterThan(0.3);
  });

  it('access to expertise is more unequal where closed trusts fragment the locality: reach dispersion higher than with open trusts by at least 0.01 (City, mean over seeds)', () => {
    const cClosed = replicate({ ...city, timeline: consolidate('closed') }, REPS);
    const cOpen = replicate({ ...city, timeline: consolidate('open') }, REPS);
    expect(avg(cClosed, late('knowledge_components'))).toBeGreaterThan(avg(cOpen, late('knowledge_components')));
    expect(mean(paired(cOpen, cClosed, late('pl_reach_sd')))).toBeGreaterThan(0.01);
  });

  it('fails when closedness is switched off (closedHubBarrier = 0, closedWithdrawal = 0): closed and open trusts then do the same', () => {
    const c = replicate({ ...town, ...off, timeline: consolidate('closed') }, OFF_REPS);
    const o = replicate({ ...town, ...off, timeline: consolidate('open') }, OFF_REPS);
    for (const m of ['cross_mat_ties_per_school', 'hub_engagement', 'pl_reach_sd']) {
      expect(Math.abs(mean(paired(o, c, late(m))))).toBeLessThan(1e-9);
    }
  });
});

describe('behaviour 7: replacing many small alliances by a few large hubs lowers engagement of distant schools unless a dense local network carries the hub in', () => {
  // All schools lie 25-45 km from the one Teaching School Hub.
  const { REPS, OFF_REPS, place, before, after } = hubReform;
  const sparse = replicate(place(false), REPS);
  const dense = replicate(place(true), REPS);

  it('every school is distant (15 km or more from the hub)', () => {
    for (const o of sparse) expect(at(o, 'hub_engagement_0_5km', 0)).toBeNaN();
    for (const o of sparse) expect(at(o, 'hub_engagement_5_15km', 0)).toBeNaN();
  });

  it('sparse network: engagement falls by at least 0.08 after the reform', () => {
    expect(avg(sparse, before) - avg(sparse, after)).toBeGreaterThan(0.08);
  });

  it('dense network: engagement after the reform stays within 0.05 of before (or rises) and beats the sparse network by at least 0.15', () => {
    expect(avg(dense, after)).toBeGreaterThan(avg(dense, before) - 0.05);
    expect(avg(dense, after) - avg(sparse, after)).toBeGreaterThan(0.15);
  });

  it('fails when network carry is switched off (networkCarry = 0): the dense network then loses engagement too', () => {
    const off = replicate(place(true, 0), OFF_REPS);
    expect(avg(off, before) - avg(off, after)).toBeGreaterThan(0.08);
    expect(avg(off, after)).toBeLessThan(avg(dense, after) - 0.15);
  });
});

describe('behaviour 8: removing boundary spanners fragments the knowledge network and slows the spread of practice', () => {
  // Six settlements whose partnerships and heads' clusters form within them:
  // only the spanners (governors and specialist leaders) link them.
  const { REPS, OFF_REPS, place, loss, reach, comps, adoption } = spannerLoss;
  const keep = replicate(place(), REPS);
  const lost = replicate({ ...place(), timeline: loss }, REPS);

  it('mean reach of the knowledge network falls by at least 0.2 and components rise', () => {
    expect(avg(keep, reach) - avg(lost, reach)).toBeGreaterThan(0.2);
    expect(avg(lost, comps)).toBeGreaterThan(avg(keep, comps));
  });

  it('the practice reaches at least 0.15 fewer schools by year 5', () => {
    expect(avg(keep, adoption) - avg(lost, adoption)).toBeGreaterThan(0.15);
  });

  it('fails when spanners have no extra groups (extraGroups = 0): losing them then changes reach by less than 0.1', () => {
    const k0 = replicate(place(0), OFF_REPS);
    const l0 = replicate({ ...place(0), timeline: loss }, OFF_REPS);
    expect(Math.abs(avg(k0, reach) - avg(l0, reach))).toBeLessThan(0.1);
  });
});

describe('behaviour 9: competition lowers sharing and trust between nearby schools', () => {
  const { REPS, OFF_REPS, town, late } = competition;
  const calm = replicate(town(competition.calm), REPS);
  const rival = replicate(town(competition.rival), REPS);

  it('share of schools that share knowledge falls by at least 0.4 (tolerance 0.4)', () => {
    expect(avg(calm, late('stance_share'))).toBeCloseTo(1, 6);
    expect(avg(calm, late('stance_share')) - avg(rival, late('stance_share'))).toBeGreaterThan(0.4);
  });

  it('trust between nearby rivals is lower in every seed, by at least 0.01 on average; knowledge flow falls', () => {
    const d = paired(calm, rival, late('rival_trust_mean'));
    for (const x of d) expect(x).toBeLessThan(0);
    expect(mean(d)).toBeLessThan(-0.01);
    expect(avg(rival, late('knowledge_flow'))).toBeLessThan(avg(calm, late('knowledge_flow')));
  });

  it('fails when rivalry has no effect (trustPenalty = 0, stanceSensitivity = 0): sharing and rival trust then match the calm locality', () => {
    const off = replicate(town(competition.rivalOff), OFF_REPS);
    expect(avg(off, late('stance_share'))).toBeCloseTo(1, 6);
    expect(Math.abs(mean(paired(calm.slice(0, OFF_REPS), off, late('rival_trust_mean'))))).toBeLessThan(1e-9);
  });
});

describe('behaviour 10: an active professional community raises teacher retention; without one about 60% stay five years (50% in maths)', () => {
  const { REPS, OFF_REPS, noCommunity, five } = retention;
  const none = replicate(noCommunity, REPS);

  it('no community: 0.60 +/- 0.03 of teachers and 0.50 +/- 0.04 of maths teachers remain after five years', () => {
    expect(Math.abs(avg(none, five('teacher_retention')) - 0.6)).toBeLessThan(0.03);
    expect(Math.abs(avg(none, five('teacher_retention_maths')) - 0.5)).toBeLessThan(0.04);
  });

  it("Shire (heads' network, partnerships, hub work groups): retention at least 0.05 higher, maths at least 0.06 higher", () => {
    const shire = replicate(retention.shire, REPS);
    expect(avg(shire, five('teacher_retention')) - avg(none, five('teacher_retention'))).toBeGreaterThan(0.05);
    expect(avg(shire, five('teacher_retention_maths')) - avg(none, five('teacher_retention_maths'))).toBeGreaterThan(0.06);
  });

  it('hub work groups alone count as community: at least 0.015 higher retention', () => {
    const hubsOnly = replicate(retention.hubsOnly, REPS);
    expect(avg(hubsOnly, five('community_mean'))).toBeGreaterThan(0.2);
    expect(avg(hubsOnly, five('teacher_retention')) - avg(none, five('teacher_retention'))).toBeGreaterThan(0.015);
  });

  it('fails when community has no effect (communityEffect = 0): the Shire then keeps 0.60 +/- 0.03', () => {
    const off = replicate(retention.shireOff, OFF_REPS);
    expect(Math.abs(avg(off, five('teacher_retention')) - 0.6)).toBeLessThan(0.03);
  });
});

describe('behaviour 11: a practice that works spreads by word of mouth along trusted ties in an S-shaped curve', () => {
  const { REPS, DUD_REPS, OFF_REPS, city, curve } = wordOfMouth;
  const outs = replicate(city, REPS);
  const c = curve(outs);
  const steps = c.slice(1).map((v, i) => v - c[i]);

  it('starts slowly (under 0.1 after a year), takes off, and saturates (at least 0.8 by year 8)', () => {
    expect(c[0]).toBeLessThan(0.05);
    expect(c[1]).toBeLessThan(0.1);
    expect(c[8]).toBeGreaterThan(0.8);
  });

  it("S-shape: the fastest yearly rise is in the middle (years 2-5), at least three times the first year's, and the last year's rise is under half the fastest", () => {
    const peak = steps.indexOf(Math.max(...steps));
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(peak).toBeLessThanOrEqual(4);
    expect(steps[peak]).toBeGreaterThan(3 * steps[0]);
    expect(steps[7]).toBeLessThan(0.5 * steps[peak]);
  });

  it("a practice that does not work barely spreads (under a third of the working practice's reach by year 4)", () => {
    const dud = replicate(wordOfMouthDud, DUD_REPS);
    expect(avg(dud, (o) => at(o, 'practice_adoption', 4 * TPY))).toBeLessThan(c[4] / 3);
  });

  it('fails when word of mouth is switched off (rate = 0) or no tie is trusted enough (tieTrust = 1): adoption stays at the first adopters', () => {
    const off = replicate(wordOfMouthOff, OFF_REPS);
    const untrusted = replicate(wordOfMouthUntrusted, OFF_REPS);
    for (const o of [...off, ...untrusted]) expect(at(o, 'practice_adoption', 4 * TPY)).toBe(at(o, 'practice_adoption', 0));
  });
});
