/**
 * Threads inside one run (experiment/threads/team.ts): the same scenario and
 * seed give byte-identical outputs on one thread and on a team of two or
 * three (meetings, knowledge flows, the observer's pass, the Lencioni
 * levels and school improvement shared out), through structural rebuilds (a city whose trusts consolidate, so the
 * groups, their relationships and the meeting plan are rebuilt mid-run).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSha256 } from '../../src/common/hash.ts';
import { createModel, simulate } from '../../src/model/simulate.ts';
import { saveRun } from '../../src/model/state-file.ts';
import { runLoop } from '../../src/engine/loop.ts';
import type { RunOutput } from '../../src/engine/contract.ts';
import { ThreadTeam } from '../../src/experiment/threads/team.ts';
import { loadScenarioFile } from '../../src/scenario/scenario-file.ts';
import { at } from '../helpers/replicate.ts';

function digest(out: RunOutput): string {
  const v = out.series.values;
  return createSha256()
    .update(JSON.stringify(out.series.keys))
    .update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength))
    .update(JSON.stringify(out.summary))
    .update(JSON.stringify(out.groups))
    .update(JSON.stringify(out.schools))
    .hex();
}

describe('threads inside one run', () => {
  const scenario = { ...loadScenarioFile('scenarios/mat-consolidation-2030.yaml').scenario, burnInYears: 1 };
  const opts = { seed: 3, years: 2.5 };
  const alone = digest(simulate(scenario, opts));
  const teams: ThreadTeam[] = [];
  afterAll(() => teams.forEach((t) => t.close()));

  it.each([2, 3])('%i threads give the same bytes as one, sharing every round', (threads) => {
    // minSharedUpdates 0: every round is shared out, however small (the default keeps small rounds on one thread).
    const team = new ThreadTeam(threads, { minSharedUpdates: 0 });
    teams.push(team);
    const t0 = performance.now();
    expect(digest(simulate(scenario, { ...opts, parallel: team }))).toBe(alone);
    // The time the threads had work (what the bench sets against the main thread's time alone) is counted, and within the run.
    expect(team.sharedMs).toBeGreaterThan(0);
    expect(team.sharedMs).toBeLessThanOrEqual(performance.now() - t0);
    expect(team.sharedRounds).toBeGreaterThan(0);
    expect(team.sharedKnowledge).toBeGreaterThan(0);
    expect(team.sharedPasses).toBeGreaterThan(0);
    expect(team.sharedLencioni).toBeGreaterThan(0);
    expect(team.sharedImprovement).toBeGreaterThan(0);
    // The shocks were drawn while the workers began the meetings, and are the draws improvement would have made.
    expect(team.shocksDrawnAhead).toBeGreaterThan(0);
    // The policy observer's school sums were made while the workers began the pass over the relationships.
    expect(team.meanwhileRuns).toBeGreaterThan(0);
    expect(team.sharedResets).toBeGreaterThan(0);
    // The structure was rebuilt during the run (trusts consolidating), and the threads followed.
    expect(team.rebinds).toBeGreaterThan(1);
  });

  it('a practice that spreads during the run: the adoption chances are shared, the draws stay in school order', () => {
    const practice = { ...scenario.model.practice, seedShare: 0.2, minSources: 1, steepness: 1, halfExposure: 0.5 };
    const spreading = { ...scenario, model: { ...scenario.model, practice } };
    const one = simulate(spreading, opts);
    // The test means something only if schools adopt during the run.
    expect(at(one, 'practice_adoption', one.series.values.length / one.series.keys.length - 1)).toBeGreaterThan(at(one, 'practice_adoption', 0) + 0.05);
    const team = new ThreadTeam(2, { minSharedUpdates: 0 });
    teams.push(team);
    expect(digest(simulate(spreading, { ...opts, parallel: team }))).toBe(digest(one));
    expect(team.sharedPractice).toBeGreaterThan(0);
    // Teacher retention was made on the main thread while the worker began every shared exposure pass.
    expect(team.practiceMeanwhileRuns).toBe(team.sharedPractice);
  });

  it("the observer's pass is shared without the policy layer too (a cluster of partnerships)", () => {
    const cluster = loadScenarioFile('scenarios/peer-review-cluster.yaml').scenario;
    const team = new ThreadTeam(3, { minSharedUpdates: 0 });
    teams.push(team);
    const one = digest(simulate(cluster, { seed: 5, years: 2 }));
    expect(digest(simulate(cluster, { seed: 5, years: 2, parallel: team }))).toBe(one);
    expect(team.sharedPasses).toBeGreaterThan(0);
  });

  it('a state saved from a run on a team has the same bytes as one saved on one thread', () => {
    const saved = (parallel?: ThreadTeam): Uint8Array => {
      const model = createModel(scenario, { ...opts, parallel });
      runLoop(model, { ticks: model.ticks });
      return saveRun(model, scenario, opts.seed, model.ticks).body;
    };
    const team = new ThreadTeam(2, { minSharedUpdates: 0 });
    teams.push(team);
    const one = saved();
    expect(Buffer.from(saved(team)).equals(Buffer.from(one))).toBe(true);
    expect(team.sharedRounds).toBeGreaterThan(0);
  });

  it('a team serves one run after another (each run posts its own arrays)', () => {
    const team = new ThreadTeam(2, { minSharedUpdates: 0 });
    teams.push(team);
    const first = digest(simulate(scenario, { ...opts, seed: 4, parallel: team }));
    expect(digest(simulate(scenario, { ...opts, parallel: team }))).toBe(alone);
    expect(first).not.toBe(alone);
  });

  it('arrays replaced by others already in shared memory are followed by the next shared step, whichever it is', () => {
    // A structural rebuild on a team makes the new relationship arrays in shared memory, so nothing has to be
    // moved there; the threads must still be given them, even when the first shared step after is not the meetings.
    const team = new ThreadTeam(2, { minSharedUpdates: 0 });
    teams.push(team);
    const model = createModel(scenario, { seed: 3, years: 1, parallel: team });
    runLoop(model, { ticks: 2 });
    const E = model.state.edges;
    E.trust = new Float32Array(new SharedArrayBuffer(E.n * Float32Array.BYTES_PER_ELEMENT)).fill(0.25);
    model.observe(2);
    expect(team.sharedPasses).toBeGreaterThan(0);
    expect(model.observer.rec.get(2, model.observer.rec.col('trust_mean'))).toBeCloseTo(0.25, 6);
  });
});
