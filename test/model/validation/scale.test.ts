/**
 * Validation of the model's scale: answers that do not depend on the tick
 * length, and a population that is stationary without policy change. Both
 * are population-level outcomes of every mechanism together, each with an
 * ablation inside the test that makes it fail. Tolerances are stated against
 * the measured seed noise (standard errors over seeds).
 */
import { loadScenarioFile } from '../../../src/scenario/scenario-file.ts';
import { describe, expect, it } from 'vitest';
import { deepMerge, replicate, at, last } from '../../helpers/replicate.ts';
import { meanSe, recorder } from '../../helpers/validation-record.ts';
import type { ScenarioInput } from '../../../src/model/schema.ts';
import type { RunOutput } from '../../../src/engine/contract.ts';

const fig = recorder(import.meta.filename);
const S1 = 'S1. The same answer at any tick length';
const S2 = 'S2. Without policy change the population is stationary';

// Scenario files as the CLI reads them (with their profile applied), then the test's changes.
const fromFile = (f: string, over: object = {}): ScenarioInput => deepMerge(loadScenarioFile(`scenarios/${f}`).raw as ScenarioInput, over);
const change = (o: RunOutput) => at(o, 'effectiveness_mean', last(o)) - at(o, 'effectiveness_mean', 0);
const paired = (a: RunOutput[], b: RunOutput[]) => b.map((o, i) => at(o, 'effectiveness_mean', last(o)) - at(a[i], 'effectiveness_mean', last(a[i])));

describe(S1, () => {
  const REPS = 32;
  const TICKS = [3, 6, 12, 26];
  /** peer-review-cluster against the same cluster without the programme (no peer review, no new practices), same seeds. */
  const measure = (tpy: number, model?: ScenarioInput['model']) => {
    const withReview = replicate(fromFile('peer-review-cluster.yaml', { ticksPerYear: tpy, model }), REPS);
    const without = replicate(
      fromFile('peer-review-cluster.yaml', { ticksPerYear: tpy, model, partnerships: { peerReview: { enabled: false } }, timeline: [] }),
      REPS,
    );
    return {
      effect: meanSe(paired(without, withReview)),
      change: meanSe(withReview.map(change)),
      trust: meanSe(withReview.map((o) => at(o, 'trust_mean', last(o)))),
    };
  };
  const results = TICKS.map((tpy) => measure(tpy));
  results.forEach((r, i) => {
    fig({
      behaviour: S1,
      what: `peer-review-cluster at ${TICKS[i]} ticks a year: effect of the programme on effectiveness after six years (pupil SD)`,
      value: r.effect.mean,
      se: r.effect.se,
      check: 'within 25% of the mean over tick lengths',
    });
    fig({
      behaviour: S1,
      what: `... its mean effectiveness change over the run (pupil SD)`,
      value: r.change.mean,
      se: r.change.se,
      check: 'within 3 SE of the mean over tick lengths',
    });
  });

  it('the programme effect agrees within 25% at 3, 6, 12 and 26 ticks a year, and the raw change and trust within 3 SE', () => {
    const m = results.reduce((s, r) => s + r.effect.mean, 0) / results.length;
    const mc = results.reduce((s, r) => s + r.change.mean, 0) / results.length;
    const mt = results.reduce((s, r) => s + r.trust.mean, 0) / results.length;
    expect(m).toBeGreaterThan(0);
    for (const r of results) {
      expect(Math.abs(r.effect.mean - m)).toBeLessThan(0.25 * m);
      expect(Math.abs(r.change.mean - mc)).toBeLessThan(3 * r.change.se);
      expect(Math.abs(r.trust.mean - mt)).toBeLessThan(3 * r.trust.se + 0.005);
    }
  });

  it('fails when an accepted challenge is a rate per tick rather than an event (the old scaling): the effect then varies by more than 25%', () => {
    // The old rule added challengeInsight per meeting to a per-year rate, so its yearly effect scaled as 1/ticksPerYear:
    // reproduced here by making the impulse proportional to the tick length (challengeInsight * 6 / ticksPerYear).
    const old = [3, 26].map((tpy) => measure(tpy, { knowledge: { challengeInsight: (0.3 * 6) / tpy } }).effect.mean);
    fig({
      behaviour: S1,
      what: 'Ablation (impulse scaled as 1/ticks a year, as before): effect at 3 and at 26 ticks a year, ratio',
      value: old[0] / old[1],
      check: 'differs from 1 by more than 25%',
      ablation: true,
    });
    expect(Math.abs(old[0] / old[1] - 1)).toBeGreaterThan(0.25);
  });
});

describe(`${S1}: locality`, () => {
  const REPS = 24;
  const TICKS = [3, 6, 12, 26];
  /** Yearly outcomes at the end of five years of locality-baseline (70 schools, partnerships, ordinary turnover). */
  const OUTCOMES = [
    ['effectiveness_change', 'change in mean effectiveness (pupil SD)'],
    ['trust_mean', 'mean trust'],
    ['lencioni_conflict', 'Lencioni conflict level'],
    ['lencioni_results', 'Lencioni results level'],
    ['leader_departures_total', 'head departures over the run'],
  ] as const;
  const byTick = TICKS.map((tpy) => replicate(fromFile('locality-baseline.yaml', { ticksPerYear: tpy }), REPS));
  const stats = OUTCOMES.map(([k]) => byTick.map((outs) => meanSe(outs.map((o) => o.summary[k]))));
  OUTCOMES.forEach(([, label], j) =>
    stats[j].forEach((r, i) =>
      fig({
        behaviour: S1,
        what: `locality-baseline at ${TICKS[i]} ticks a year: ${label}`,
        value: r.mean,
        se: r.se,
        check: 'within 3 SE of the mean over tick lengths',
      }),
    ),
  );

  it('effectiveness change, trust, Lencioni levels and departures agree within seed noise (3 SE of the difference) at 3, 6, 12 and 26 ticks a year', () => {
    OUTCOMES.forEach(([k], j) => {
      const m = stats[j].reduce((a, r) => a + r.mean, 0) / TICKS.length;
      for (const [i, r] of stats[j].entries()) expect(Math.abs(r.mean - m), `${k} at ${TICKS[i]} ticks a year`).toBeLessThan(3 * r.se * Math.SQRT2);
    });
  });

  it('fails under the old scaling of accepted challenge (an impulse proportional to the tick length): the effectiveness change then differs between 3 and 26 ticks a year by more than 3 SE', () => {
    // Twice the seeds of the check above: the old scaling's difference (about 0.022 pupil SD) lies near 3 SE of 24 seeds.
    const old = [3, 26].map((tpy) =>
      meanSe(
        replicate(fromFile('locality-baseline.yaml', { ticksPerYear: tpy, model: { knowledge: { challengeInsight: (0.3 * 6) / tpy } } }), 2 * REPS).map(
          (o) => o.summary.effectiveness_change,
        ),
      ),
    );
    const d = old[0].mean - old[1].mean;
    const se = Math.hypot(old[0].se, old[1].se);
    fig({
      behaviour: S1,
      what: 'Ablation (old scaling): locality-baseline effectiveness change at 3 minus at 26 ticks a year (pupil SD)',
      value: d,
      se,
      check: 'beyond 3 SE',
      ablation: true,
    });
    expect(Math.abs(d)).toBeGreaterThan(3 * se);
  });
});

describe(S2, () => {
  const REPS = 24;
  const run = (model?: ScenarioInput['model']) => replicate(fromFile('locality-baseline.yaml', { years: 15, model }), REPS);
  const drift = (outs: RunOutput[]) => meanSe(outs.map(change));
  const sdRatio = (outs: RunOutput[]) => meanSe(outs.map((o) => at(o, 'effectiveness_sd', last(o)) / at(o, 'effectiveness_sd', 0)));
  const base = run();
  const d = drift(base);
  const r = sdRatio(base);
  fig({
    behaviour: S2,
    what: 'locality-baseline over 15 years: change in mean effectiveness (pupil SD)',
    value: d.mean,
    se: d.se,
    check: 'within 2.5 SE of 0',
  });
  fig({ behaviour: S2, what: '... between-school SD at the end over at the start', value: r.mean, se: r.se, check: 'within 0.75-1.25' });

  it('no drift in mean effectiveness beyond seed noise (2.5 SE), and the between-school SD within 25% of its start', () => {
    expect(Math.abs(d.mean)).toBeLessThan(2.5 * d.se);
    expect(r.mean).toBeGreaterThan(0.75);
    expect(r.mean).toBeLessThan(1.25);
  });

  it('fails without the national norm and regression toward long-run levels (norm = 0, persistence 0.99 with no stable share): the mean drifts up or the spread grows beyond 25%', () => {
    const off = run({ improvement: { norm: 0, persistence: 0.99, stableShare: 0 } });
    const od = drift(off);
    const or = sdRatio(off);
    fig({
      behaviour: S2,
      what: 'Ablation (no norm, almost no regression): drift (pupil SD)',
      value: od.mean,
      se: od.se,
      check: 'beyond 2.5 SE (the ablation fails the test if the drift or the SD ratio is out)',
      ablation: true,
    });
    fig({ behaviour: S2, what: 'Ablation: SD ratio', value: or.mean, se: or.se, check: 'reported (out if outside 0.75-1.25)', ablation: true });
    expect(Math.abs(od.mean) > 2.5 * od.se || or.mean > 1.25 || or.mean < 0.75).toBe(true);
  });
});
