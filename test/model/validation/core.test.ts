/**
 * Validation suite, model brief section 7, behaviours 1-5: each asserts an
 * outcome that emerges at population level (30 schools in partnerships of
 * six, REPS seeded replications) and runs, inside the test, an ablation that
 * switches off the mechanism behind it and makes the same check fail.
 * Effects are paired differences between two settings run on the same seeds
 * (the same schools and heads); each tolerance is a multiple of the measured
 * standard error of those differences, or a share of the effect, as the test
 * name says. The figures are written to docs/validation.md by
 * scripts/validation-doc.ts from what these tests measure.
 */
import { describe, expect, it } from 'vitest';
import { replicate } from '../../helpers/replicate.ts';
import { meanSe, recorder } from '../../helpers/validation-record.ts';
import {
  REPS,
  REPS_B2,
  avg,
  lastYear,
  paired,
  effectOn,
  improvementWork,
  gateOff,
  candour,
  cascadeOff,
  review,
  leaderTurnover,
  TURNOVER_LOW,
  TURNOVER_HIGH,
  instantTrust,
  withPractices,
  PRACTICES,
  allPractices,
  practiceOff,
  trustAtTwoYears,
} from '../../helpers/validation-settings.ts';
import type { RunOutput } from '../../../src/engine/contract.ts';

const fig = recorder(import.meta.filename);
const B1 = '1. Little or no relational trust: improvement work does not take hold';
const B2 =
  '2. The Lencioni cascade drives behaviour: candour lifts conflict, commitment and results above trust alone, and the levels turn challenge into improvement';
const B3 = '3. Peer review works as critical friendship';
const B4 = '4. Leader turnover lowers trust and the top of the pyramid';
const B5 = '5. Structural practices speed up trust building';

describe(B1, () => {
  const effect = (high: boolean, model?: Parameters<typeof improvementWork>[2]) =>
    meanSe(effectOn(replicate(improvementWork(high, false, model), REPS), replicate(improvementWork(high, true, model), REPS)));
  const low = effect(false);
  const high = effect(true);
  fig({
    behaviour: B1,
    what: 'Effect of four years of partnership and peer review on effectiveness, schools with high staff trust (pupil SD)',
    ...val(high),
    check: 'above 4 SE',
  });
  fig({ behaviour: B1, what: 'The same for schools with low staff trust (pupil SD)', ...val(low), check: 'below a fifth of the high-trust effect' });

  it('high internal trust: the work raises effectiveness (mean paired effect above 4 SE)', () => {
    expect(high.mean).toBeGreaterThan(4 * high.se);
  });
  it('low internal trust: the same work has under a fifth of that effect', () => {
    expect(low.mean).toBeLessThan(0.2 * high.mean);
  });
  it('fails with the trust gate always open: low-trust schools then gain at least a fifth of the high-trust effect', () => {
    const off = effect(false, gateOff);
    fig({
      behaviour: B1,
      what: 'Ablation (trust gate always open): low-trust effect (pupil SD)',
      ...val(off),
      check: 'at least a fifth of the high-trust effect',
      ablation: true,
    });
    expect(off.mean).toBeGreaterThanOrEqual(0.2 * high.mean);
  });
});

describe(B2, () => {
  const run = (candid: boolean, model?: Parameters<typeof candour>[1]) => replicate(candour(candid, model), REPS_B2);
  const guarded = run(false);
  const candid = run(true);
  const results = meanSe(paired(guarded, candid, (o) => lastYear(o, 'lencioni_results')));
  const gain = meanSe(effectOn(guarded, candid));
  fig({ behaviour: B2, what: 'Lencioni results, candid minus guarded heads', ...val(results), check: 'above 4 SE' });
  fig({ behaviour: B2, what: 'Effectiveness, candid minus guarded heads (pupil SD)', ...val(gain), check: 'above 4 SE' });

  it('candour lifts the cascade (results above 4 SE) and, through it, effectiveness (above 4 SE)', () => {
    expect(results.mean).toBeGreaterThan(4 * results.se);
    expect(gain.mean).toBeGreaterThan(4 * gain.se);
  });
  it('fails when the levels do not feed back (lencioni.feedback = false, collectiveGain = 0): effectiveness then gains under three quarters as much from candour', () => {
    const g = meanSe(effectOn(run(false, cascadeOff), run(true, cascadeOff)));
    fig({
      behaviour: B2,
      what: 'Ablation (no feedback from the levels): effectiveness, candid minus guarded (pupil SD)',
      ...val(g),
      check: 'under three quarters of the gain with feedback',
      ablation: true,
    });
    expect(g.mean).toBeLessThan(0.75 * gain.mean);
  });
});

describe(B3, () => {
  const effect = (trusting: boolean, candid: boolean, model?: Parameters<typeof review>[3]) => {
    const off = replicate(review(trusting, candid, false, model), REPS);
    const on = replicate(review(trusting, candid, true, model), REPS);
    return { eff: meanSe(effectOn(off, on)), trust: meanSe(paired(off, on, (o) => lastYear(o, 'trust_mean'))) };
  };
  const critical = effect(true, true);
  const friends = effect(true, false);
  const inspectors = effect(false, true);
  fig({
    behaviour: B3,
    what: 'Effect of five years of peer review on effectiveness: critical friends (trusting, candid) (pupil SD)',
    ...val(critical.eff),
    check: 'above 4 SE, and above friends and inspectors by 3 SE',
  });
  fig({ behaviour: B3, what: '"Friends" (trusting, not candid) (pupil SD)', ...val(friends.eff), check: 'not above 2 SE (collusion)' });
  fig({ behaviour: B3, what: '"Inspectors" (candid, not trusting) (pupil SD)', ...val(inspectors.eff), check: 'below critical friends' });
  fig({ behaviour: B3, what: 'Effect of peer review on trust among "inspectors"', ...val(inspectors.trust), check: 'below -3 SE' });

  it('critical friends gain more than "friends" and "inspectors" (by more than 3 SE of each difference)', () => {
    expect(critical.eff.mean).toBeGreaterThan(4 * critical.eff.se);
    expect(critical.eff.mean - friends.eff.mean).toBeGreaterThan(3 * Math.hypot(critical.eff.se, friends.eff.se));
    expect(critical.eff.mean - inspectors.eff.mean).toBeGreaterThan(3 * Math.hypot(critical.eff.se, inspectors.eff.se));
  });
  it('"friends" collude: their reviews raise effectiveness by no more than 2 SE', () => {
    expect(friends.eff.mean).toBeLessThan(2 * friends.eff.se + 1e-9);
  });
  it('"inspectors" damage trust (paired fall below -3 SE)', () => {
    expect(inspectors.trust.mean).toBeLessThan(-3 * inspectors.trust.se);
  });
  it('fails without collusion and defensiveness (collusion = 0, damage = 0): "friends" then gain, and "inspectors" no longer lose trust', () => {
    const f = effect(true, false, { peerReview: { collusion: 0 } });
    const i = effect(false, true, { peerReview: { damage: 0 } });
    fig({ behaviour: B3, what: 'Ablation (collusion = 0): "friends" effect (pupil SD)', ...val(f.eff), check: 'above 2 SE', ablation: true });
    fig({ behaviour: B3, what: 'Ablation (damage = 0): "inspectors" effect on trust', ...val(i.trust), check: 'not below -3 SE', ablation: true });
    expect(f.eff.mean).toBeGreaterThan(2 * f.eff.se);
    expect(i.trust.mean).toBeGreaterThan(-3 * i.trust.se);
  });
});

describe(B4, () => {
  const diff = (model?: Parameters<typeof leaderTurnover>[1]) => {
    const low = replicate(leaderTurnover(TURNOVER_LOW, model), REPS);
    const high = replicate(leaderTurnover(TURNOVER_HIGH, model), REPS);
    return {
      trust: meanSe(paired(low, high, (o) => lastYear(o, 'trust_mean'))),
      results: meanSe(paired(low, high, (o) => lastYear(o, 'lencioni_results'))),
      departures: avg(high, (o) => Number(o.summary.leader_departures_total)) / avg(low, (o) => Number(o.summary.leader_departures_total)),
    };
  };
  const d = diff();
  fig({ behaviour: B4, what: `Trust at ${TURNOVER_HIGH} a year turnover minus at ${TURNOVER_LOW}`, ...val(d.trust), check: 'below -4 SE' });
  fig({ behaviour: B4, what: 'The same for Lencioni results', ...val(d.results), check: 'below -4 SE' });

  it('high turnover lowers trust and results (each below -4 SE of the paired difference)', () => {
    expect(d.departures).toBeGreaterThan(3);
    expect(d.trust.mean).toBeLessThan(-4 * d.trust.se);
    expect(d.results.mean).toBeLessThan(-4 * d.results.se);
  });
  it("fails when a newcomer is met like an established partner (no restart from a stranger's baseline): the fall in trust is then under a quarter as large", () => {
    const off = diff(instantTrust);
    fig({
      behaviour: B4,
      what: 'Ablation (newcomers met like established partners): trust difference',
      ...val(off.trust),
      check: 'under a quarter of the fall with the mechanism',
      ablation: true,
    });
    expect(Math.abs(off.trust.mean)).toBeLessThan(0.25 * Math.abs(d.trust.mean));
  });
});

describe(B5, () => {
  const run = (practices: Record<string, boolean>, model?: Parameters<typeof withPractices>[1]) => replicate(withPractices(practices, model), REPS);
  const none = run({});
  const rise = (outs: RunOutput[], base = none) => meanSe(paired(base, outs, trustAtTwoYears));
  const all = rise(run(allPractices));
  fig({ behaviour: B5, what: 'Trust after two years, all four practices minus none', ...val(all), check: 'above 4 SE' });

  it('all four practices raise trust after two years (above 4 SE)', () => {
    expect(all.mean).toBeGreaterThan(4 * all.se);
  });
  for (const p of PRACTICES)
    it(`${p} on its own raises trust (above 3 SE), and fails with the parameters it acts through switched off`, () => {
      const on = rise(run({ [p]: true }));
      const offModel = practiceOff[p];
      const off = rise(run({ [p]: true }, offModel), run({}, offModel));
      fig({ behaviour: B5, what: `${p} alone: rise in trust after two years`, ...val(on), check: 'above 3 SE' });
      fig({ behaviour: B5, what: `Ablation (${p} acts on nothing): rise in trust`, ...val(off), check: 'not above 3 SE', ablation: true });
      expect(on.mean).toBeGreaterThan(3 * on.se);
      expect(off.mean).toBeLessThanOrEqual(3 * off.se);
    });
});

function val(x: { mean: number; se: number }): { value: number; se: number } {
  return { value: x.mean, se: x.se };
}
