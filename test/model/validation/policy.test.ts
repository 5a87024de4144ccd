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
 *   11 word of mouth                 off: simple contagion (minSources = 1, steepness = 1) on a lattice
 *                                    and its random rewiring; model.practice.rate = 0; network.tieTrust = 1
 * The numbers the thresholds sit inside are in docs/policy.md (section
 * "Validation").
 */
import { describe, expect, it } from 'vitest';
import { replicate, mean, at } from '../../helpers/replicate.ts';
import { meanCurve } from '../../helpers/contagion.ts';
import { meanSe, recorder } from '../../helpers/validation-record.ts';
import type { RunOutput } from '../../../src/engine/contract.ts';
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

const fig = recorder(import.meta.filename);
const B6 = '6. Closed-trust consolidation turns ties inward and cuts hub engagement';
const B7 = '7. Replacing alliances by a few hubs loses distant schools unless a dense network carries the hub in';
const B8 = '8. Losing boundary spanners fragments the knowledge network';
const B9 = '9. Competition lowers sharing and trust between nearby schools';
const B10 = '10. An active professional community raises teacher retention';
const B11 = '11. A practice that works spreads by word of mouth as a complex contagion';

describe('behaviour 6: closed-MAT consolidation strengthens within-trust ties, weakens cross-trust ties and hub engagement, and widens unequal access', () => {
  const { REPS, OFF_REPS, consolidate, town, city, off, late } = consolidation;
  const none = replicate(town, REPS);
  const closed = replicate({ ...town, timeline: consolidate('closed') }, REPS);
  const open = replicate({ ...town, timeline: consolidate('open') }, REPS);

  it('within-trust relationships per head rise by at least 3 with consolidation (tolerance: +3 ties)', () => {
    expect(avg(closed, late('mat_share'))).toBeGreaterThan(0.99);
    const d = fig({
      behaviour: B6,
      what: 'Town: within-trust relationships per head, closed consolidation minus none',
      value: avg(closed, late('within_mat_ties_per_school')) - avg(none, late('within_mat_ties_per_school')),
      check: 'above 3',
    });
    expect(d).toBeGreaterThan(3);
  });

  it('cross-trust relationships per head fall by at least 1.5 against no consolidation and against open trusts, in every seed against open', () => {
    const m = late('cross_mat_ties_per_school');
    const d = fig({ behaviour: B6, what: 'Cross-trust relationships per head, none minus closed', value: avg(none, m) - avg(closed, m), check: 'above 1.5' });
    expect(d).toBeGreaterThan(1.5);
    for (const d of paired(open, closed, m)) expect(d).toBeLessThan(-1);
  });

  it('hub engagement falls by at least 0.15 against no consolidation and 0.3 against open trusts', () => {
    const m = late('hub_engagement');
    const a = fig({ behaviour: B6, what: 'Hub engagement, none minus closed', value: avg(none, m) - avg(closed, m), check: 'above 0.15' });
    const b = fig({ behaviour: B6, what: 'Hub engagement, open minus closed', value: avg(open, m) - avg(closed, m), check: 'above 0.3' });
    expect(a).toBeGreaterThan(0.15);
    expect(b).toBeGreaterThan(0.3);
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
      const d = fig({
        behaviour: B6,
        what: `Ablation (closedness off): ${m}, open minus closed`,
        value: mean(paired(o, c, late(m))),
        check: 'zero',
        ablation: true,
      });
      expect(Math.abs(d)).toBeLessThan(1e-9);
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
    const d = fig({
      behaviour: B7,
      what: 'Sparse network: fall in engagement of distant schools after the reform',
      value: avg(sparse, before) - avg(sparse, after),
      check: 'above 0.08',
    });
    expect(d).toBeGreaterThan(0.08);
  });

  it('dense network: engagement after the reform stays within 0.05 of before (or rises) and beats the sparse network by at least 0.15', () => {
    const fall = fig({
      behaviour: B7,
      what: 'Dense network: fall in engagement after the reform',
      value: avg(dense, before) - avg(dense, after),
      check: 'under 0.05',
    });
    const gap = fig({
      behaviour: B7,
      what: 'After the reform: dense minus sparse network',
      value: avg(dense, after) - avg(sparse, after),
      check: 'above 0.15',
    });
    expect(fall).toBeLessThan(0.05);
    expect(gap).toBeGreaterThan(0.15);
  });

  it('fails when network carry is switched off (networkCarry = 0): the dense network then loses engagement too', () => {
    const off = replicate(place(true, 0), OFF_REPS);
    const d = fig({
      behaviour: B7,
      what: 'Ablation (networkCarry = 0): dense network, fall after the reform',
      value: avg(off, before) - avg(off, after),
      check: 'above 0.08',
      ablation: true,
    });
    expect(d).toBeGreaterThan(0.08);
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
    const d = fig({ behaviour: B8, what: 'Fall in mean reach of the knowledge network', value: avg(keep, reach) - avg(lost, reach), check: 'above 0.2' });
    expect(d).toBeGreaterThan(0.2);
    expect(avg(lost, comps)).toBeGreaterThan(avg(keep, comps));
  });

  // Measured with heads seated at tables of at most eight (docs/ODD.md 7.1): 0.095 fewer (SE 0.015 over 40 seeds;
  // 0.151, SE 0.023, when every head met every other); 0.05 lies 3 SE below the 40-seed mean.
  it('the practice reaches at least 0.05 fewer schools by year 5', () => {
    const d = fig({
      behaviour: B8,
      what: 'Fewer schools using the practice by year 5 (share)',
      value: avg(keep, adoption) - avg(lost, adoption),
      check: 'above 0.05',
    });
    expect(d).toBeGreaterThan(0.05);
  });

  it('fails when spanners have no extra groups (extraGroups = 0): losing them then changes reach by less than 0.1', () => {
    const k0 = replicate(place(0), OFF_REPS);
    const l0 = replicate({ ...place(0), timeline: loss }, OFF_REPS);
    const d = fig({
      behaviour: B8,
      what: 'Ablation (extraGroups = 0): change in reach',
      value: avg(k0, reach) - avg(l0, reach),
      check: 'under 0.1',
      ablation: true,
    });
    expect(Math.abs(d)).toBeLessThan(0.1);
  });
});

describe('behaviour 9: competition lowers sharing and trust between nearby schools', () => {
  const { REPS, OFF_REPS, town, late } = competition;
  const calm = replicate(town(competition.calm), REPS);
  const rival = replicate(town(competition.rival), REPS);

  it('share of schools that share knowledge falls by at least 0.4 (tolerance 0.4)', () => {
    expect(avg(calm, late('stance_share'))).toBeCloseTo(1, 6);
    const d = fig({
      behaviour: B9,
      what: 'Fall in the share of schools that share knowledge',
      value: avg(calm, late('stance_share')) - avg(rival, late('stance_share')),
      check: 'above 0.4',
    });
    expect(d).toBeGreaterThan(0.4);
  });

  it('trust between nearby rivals is lower in every seed, by at least 0.01 on average; knowledge flow falls', () => {
    const d = paired(calm, rival, late('rival_trust_mean'));
    for (const x of d) expect(x).toBeLessThan(0);
    fig({ behaviour: B9, what: 'Trust between nearby rivals, competition minus calm', value: mean(d), check: 'below -0.01, and below 0 in every seed' });
    expect(mean(d)).toBeLessThan(-0.01);
    expect(avg(rival, late('knowledge_flow'))).toBeLessThan(avg(calm, late('knowledge_flow')));
  });

  it('fails when rivalry has no effect (trustPenalty = 0, stanceSensitivity = 0): sharing and rival trust then match the calm locality', () => {
    const off = replicate(town(competition.rivalOff), OFF_REPS);
    expect(avg(off, late('stance_share'))).toBeCloseTo(1, 6);
    const d = fig({
      behaviour: B9,
      what: 'Ablation (trustPenalty = 0, stanceSensitivity = 0): rival trust, competition minus calm',
      value: mean(paired(calm.slice(0, OFF_REPS), off, late('rival_trust_mean'))),
      check: 'zero',
      ablation: true,
    });
    expect(Math.abs(d)).toBeLessThan(1e-9);
  });
});

describe('behaviour 10: an active professional community raises teacher retention', () => {
  const { REPS, OFF_REPS, noCommunity, five } = retention;
  const none = replicate(noCommunity, REPS);
  const shire = replicate(retention.shire, REPS);
  /** Difference of means between two independent sets of runs, with its standard error. */
  const rise = (a: RunOutput[], b: RunOutput[], m: string) => {
    const x = meanSe(a.map(five(m)));
    const y = meanSe(b.map(five(m)));
    return { mean: y.mean - x.mean, se: Math.hypot(x.se, y.se) };
  };
  const all = rise(none, shire, 'teacher_retention');
  fig({
    behaviour: B10,
    what: "Teacher retention after five years, Shire (heads' network, partnerships, hub work groups) minus isolated schools",
    value: all.mean,
    se: all.se,
    check: 'above 0.01',
  });
  // Maths specialists are few (a run's five-year share has a seed SD of about 0.045 against 0.019 for
  // all teachers), so at these seeds their difference is reported, not tested: the community acts on
  // both through the same hazard.
  const maths = rise(none, shire, 'teacher_retention_maths');
  fig({ behaviour: B10, what: 'The same for maths specialists (reported, too few to test)', value: maths.mean, se: maths.se, check: 'reported' });

  it('the Shire keeps at least 0.01 more of its teachers than isolated schools', () => {
    // Measured 0.023 (SE 0.005 at 24 seeds each), so the bound sits about 2.6 SE below it.
    expect(all.mean).toBeGreaterThan(0.01);
  });

  it('hub work groups alone raise retention (at least 0.01)', () => {
    const hubsOnly = replicate(retention.hubsOnly, REPS);
    const d = rise(none, hubsOnly, 'teacher_retention');
    fig({ behaviour: B10, what: 'Hub work groups only minus isolated schools', value: d.mean, se: d.se, check: 'above 0.01' });
    expect(d.mean).toBeGreaterThan(0.01);
  });

  it('fails when community has no effect (communityEffect = 0): the Shire then keeps under 0.01 more than isolated schools', () => {
    const off = replicate(retention.shireOff, OFF_REPS);
    const d = rise(none, off, 'teacher_retention');
    fig({
      behaviour: B10,
      what: 'Ablation (communityEffect = 0): Shire minus isolated schools',
      value: d.mean,
      se: d.se,
      check: 'under 0.01',
      ablation: true,
    });
    expect(d.mean).toBeLessThan(0.01);
  });
});

describe('behaviour 11: a practice that works spreads by word of mouth as a complex contagion, along trusted ties', () => {
  const { REPS, DUD_REPS, OFF_REPS, city, curve, lattice, simple } = wordOfMouth;
  const outs = replicate(city, REPS);
  const c = curve(outs);
  const steps = c.slice(1).map((v, i) => v - c[i]);

  // The City starts settled (docs/ODD.md §5): its trusted ties are already
  // built, so the first year is held back only by the contagion's need for two
  // trusted sources, not by trust still forming. Measured 2026-12-05 over 12
  // seeds: the fastest yearly rise is 1.56 times the first with the burn-in
  // (2.65 times from the drawn state); the threshold is 1.3.
  it('in the City: starts slowly, takes off and saturates; the fastest yearly rise is after the first year and at least 1.3 times the first', () => {
    fig({ behaviour: B11, what: 'City: adoption after one year', value: c[1], check: 'under 0.25' });
    fig({ behaviour: B11, what: 'City: adoption after eight years', value: c[8], check: 'above 0.6' });
    const peak = steps.indexOf(Math.max(...steps));
    expect(c[1]).toBeLessThan(0.25);
    expect(c[8]).toBeGreaterThan(0.6);
    expect(peak).toBeGreaterThanOrEqual(1);
    expect(steps[peak]).toBeGreaterThan(1.3 * steps[0]);
  });

  it('a clustered network carries it further than the same network rewired at random (equal degree), and a single first adopter does not start it', () => {
    const clustered = meanCurve(lattice(false, 2), REPS);
    const random = meanCurve(lattice(true, 2), REPS);
    const single = meanCurve(lattice(false, 1), REPS);
    fig({ behaviour: B11, what: 'Lattice of 400 heads, adoption after six years: clustered', value: clustered[6], check: 'above the rewired network by 0.3' });
    fig({ behaviour: B11, what: 'The same network rewired at random', value: random[6], check: 'reported' });
    fig({ behaviour: B11, what: 'Clustered, one first adopter', value: single[6], check: 'no take-off: under 0.01' });
    expect(clustered[6] - random[6]).toBeGreaterThan(0.3);
    expect(single[6]).toBeLessThan(0.01);
  });

  it('fails as a simple contagion (minSources = 1, steepness = 1): the rewired network then does at least as well, and one adopter starts it', () => {
    const clustered = meanCurve(lattice(false, 2, simple), REPS);
    const random = meanCurve(lattice(true, 2, simple), REPS);
    const single = meanCurve(lattice(false, 1, simple), REPS);
    fig({
      behaviour: B11,
      what: 'Ablation (simple contagion): clustered minus rewired after six years',
      value: clustered[6] - random[6],
      check: 'not above 0.3',
      ablation: true,
    });
    fig({ behaviour: B11, what: 'Ablation (simple contagion): one first adopter, after six years', value: single[6], check: 'above 0.01', ablation: true });
    expect(clustered[6] - random[6]).toBeLessThanOrEqual(0.3);
    expect(single[6]).toBeGreaterThan(0.01);
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
