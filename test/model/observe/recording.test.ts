/**
 * A run recorded once a year (scenario `output.every: year`, src/model/recording.ts):
 * the same model as the run recorded every tick, observed at each year's end,
 * with its flows (heads leaving, challenges, review visits, the knowledge
 * flow) taken over the year. Checked against the same run recorded every
 * tick, whose own rows and tallies give what each yearly row must hold.
 */
import { describe, expect, it } from 'vitest';
import { resolveScenario } from '../../../src/api.ts';
import { rowTick } from '../../../src/engine/contract.ts';
import { runLoop } from '../../../src/engine/loop.ts';
import { ScenarioSchema, type Scenario, type ScenarioInput } from '../../../src/model/schema.ts';
import { collectOutput, createModel } from '../../../src/model/simulate.ts';
import { loadSavedRun, restoreRun, saveRun } from '../../../src/model/state-file.ts';
import { timeseriesRows } from '../../../src/output/csv.ts';

/** A town with trusts, hubs, competition, turnover and peer review switched on in year 1: every flow the observer counts. */
const TOWN: ScenarioInput = {
  years: 4,
  locality: { preset: 'town' },
  competition: { choiceIntensity: 0.9, fallingRolls: 0.03 },
  turnover: { leaderRate: 0.15 },
  partnerships: { peerReview: { enabled: false, startYear: 1, trainingQuality: 0.75 } },
  timeline: [{ event: 'peerReview', year: 1, enabled: true }],
};

const yearly = (s: Scenario): Scenario => ({ ...s, output: { ...s.output, every: 'year' } });

/** The flows each tick of a run recorded every tick, read from the state's tallies after the tick. */
interface TickFlows {
  challenges: number[];
  accepted: number[];
  reviews: number[];
  honesty: number[];
}

function everyTick(s: Scenario, seed: number) {
  const model = createModel(s, { seed });
  const flows: TickFlows = { challenges: [0], accepted: [0], reviews: [0], honesty: [0] };
  runLoop(model, {
    ticks: model.ticks,
    onTick: () => {
      const T = model.state.tallies;
      flows.challenges.push(T.challenges);
      flows.accepted.push(T.challengesAccepted);
      flows.reviews.push(T.reviewCount);
      flows.honesty.push(T.reviewHonestySum);
    },
  });
  return { out: collectOutput(model, seed), flows };
}

const FLOWS = ['leader_departures', 'leader_turnover_rate', 'knowledge_flow', 'challenge_acceptance', 'peer_review_honesty', 'peer_review_rigour'];

describe('a run recorded once a year', () => {
  const s = resolveScenario(TOWN);
  const tpy = s.ticksPerYear;
  const seed = 7;
  const ticks = everyTick(s, seed);
  const a = ticks.out;
  const b = collectOutput(
    (() => {
      const m = createModel(yearly(s), { seed });
      runLoop(m, { ticks: m.ticks });
      return m;
    })(),
    seed,
  );
  const nk = a.series.keys.length;
  const colOf = (m: string) => a.series.keys.findIndex((k) => k.metric === m && k.level === 'all');
  const at = (o: typeof a, m: string, row: number) => o.series.values[row * nk + colOf(m)];
  /** Sum of a per-tick series over year y's ticks. */
  const overYear = (xs: number[], y: number) => xs.slice((y - 1) * tpy + 1, y * tpy + 1).reduce((p, q) => p + q, 0);

  it('has a row at year 0 and at each year end, and says how many ticks a row spans', () => {
    expect(b.series.keys).toEqual(a.series.keys);
    expect(b.series.rows).toBe(s.years + 1);
    expect(b.series.ticksPerYear).toBe(1);
    expect(b.series.ticksPerRow).toBe(tpy);
    expect(a.series.ticksPerRow).toBeUndefined();
    expect([...Array(b.series.rows).keys()].map((r) => rowTick(b.series, r))).toEqual([0, 6, 12, 18, 24]);
  });

  it("holds the state of the run recorded every tick at each year's end, to the bit", () => {
    let compared = 0;
    for (let k = 0; k < nk; k++) {
      if (FLOWS.includes(a.series.keys[k].metric)) continue;
      for (let r = 0; r < b.series.rows; r++) {
        expect(Object.is(b.series.values[r * nk + k], a.series.values[r * tpy * nk + k]), `${a.series.keys[k].metric} year ${r}`).toBe(true);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(200);
    for (const m of ['schools', 'groups'] as const) expect(b[m]).toEqual(a[m]);
  });

  it('counts the heads who left, and the turnover rate, over the whole year', () => {
    let left = 0;
    for (let y = 1; y <= s.years; y++) {
      const perTick: number[] = [];
      for (let t = 0; t <= y * tpy; t++) perTick.push(at(a, 'leader_departures', t) || 0);
      const year = overYear(perTick, y);
      left += year;
      expect(at(b, 'leader_departures', y)).toBe(year);
      expect(at(b, 'leader_turnover_rate', y)).toBeCloseTo(year / a.summary.schools, 12);
    }
    // Enough heads left for the sum to mean something (leaderRate 0.15 over a town's schools).
    expect(left).toBeGreaterThan(20);
    expect(b.summary.leader_departures).toBe(a.summary.leader_departures);
    expect(b.summary.leader_turnover_rate).toBeCloseTo(a.summary.leader_turnover_rate, 12);
  });

  it("takes challenges' acceptance and review visits over the year, and the knowledge flow as the year's mean", () => {
    const { flows } = ticks;
    let reviewYears = 0;
    for (let y = 1; y <= s.years; y++) {
      expect(at(b, 'challenge_acceptance', y)).toBeCloseTo(overYear(flows.accepted, y) / overYear(flows.challenges, y), 12);
      const visits = overYear(flows.reviews, y);
      if (visits > 0) {
        reviewYears++;
        expect(at(b, 'peer_review_honesty', y)).toBeCloseTo(overYear(flows.honesty, y) / visits, 12);
      } else expect(at(b, 'peer_review_honesty', y)).toBeNaN();
      const flow: number[] = [];
      for (let t = 0; t <= y * tpy; t++) flow.push(t === 0 ? 0 : at(a, 'knowledge_flow', t));
      expect(at(b, 'knowledge_flow', y)).toBeCloseTo(overYear(flow, y) / tpy, 12);
    }
    // Peer review starts in year 1: visits fall in some years, so the check above met both branches.
    expect(reviewYears).toBeGreaterThan(0);
  });

  it('writes each row with the model tick it records', () => {
    const ticksWritten = new Set<number>();
    for (const row of timeseriesRows(b, 'r')) ticksWritten.add(row[2] as number);
    expect([...ticksWritten]).toEqual([0, 6, 12, 18, 24]);
  });

  it('saved at a year end and continued, is the same run; a save between rows is refused', () => {
    const sy = yearly(s);
    const straight = createModel(sy, { seed });
    let saved: ReturnType<typeof saveRun> | undefined;
    runLoop(straight, { ticks: straight.ticks, onTick: (t) => (t === 2 * tpy ? (saved = saveRun(straight, sy, seed, t)) : undefined) });
    const restored = restoreRun(loadSavedRun(saved!.meta, saved!.body), sy, straight.ticks);
    runLoop(restored, { ticks: straight.ticks, from: 2 * tpy });
    expect(Array.from(collectOutput(restored, seed).series.values)).toEqual(Array.from(collectOutput(straight, seed).series.values));
    expect(() => saveRun(straight, sy, seed, 2 * tpy + 1)).toThrow(/saved at a year's end/);
  });
});

describe('a scenario recorded once a year', () => {
  const issues = (input: ScenarioInput) => {
    const r = ScenarioSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('lasts whole years and reads its answer at a year end', () => {
    expect(issues({ years: 2.5, output: { every: 'year' } })).toEqual([
      "years: years is 2.5, but output.every is 'year': a run recorded once a year must last whole years",
    ]);
    expect(issues({ years: 3, answer: { at: 1.5 }, output: { every: 'year' } })).toEqual([
      "answer.at: answer.at is 1.5, but output.every is 'year': the answer is read at a recorded row, a year's end",
    ]);
    expect(issues({ years: 2.5 })).toEqual([]);
    expect(issues({ years: 3, answer: { at: 2 }, output: { every: 'year' } })).toEqual([]);
  });

  it('cannot be made to stop between rows', () => {
    const s = yearly(resolveScenario({ years: 2, schools: { count: 20 } }));
    expect(() => createModel(s, { years: 1.5 })).toThrow(/whole years/);
  });
});
