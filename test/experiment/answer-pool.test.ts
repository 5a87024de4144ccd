/**
 * The replications answering a question on worker threads (answer-pool.ts):
 * the same answer as one after another in this process, and when workers pay.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestion, replicationSeeds } from '../../src/experiment/answer.ts';
import { answerQuestionOnWorkers, POOL_PAYS_MS, replicateOnWorkers, replicationWorkers } from '../../src/experiment/answer-pool.ts';
import { loadScenarioFile } from '../../src/scenario/scenario-file.ts';
import { simulate, simulateSummary } from '../../src/model/simulate.ts';

describe('answerQuestionOnWorkers', () => {
  it('gives the answer answerQuestion gives, to the bit, with a counterfactual and years other than the scenario’s', async () => {
    const { scenario, counterfactual } = loadScenarioFile('scenarios/peer-review-cluster.yaml');
    expect(counterfactual).toBeDefined();
    const seed = 11;
    const years = 2; // the scenario runs 6: the workers must be told
    const first = simulate(scenario, { seed, years });
    const opts = { reps: 4, seed, years, first };
    const here = answerQuestion(scenario, counterfactual, opts);
    const done: number[] = [];
    const there = await answerQuestionOnWorkers(scenario, counterfactual, { ...opts, onRun: (d) => done.push(d) }, 2);
    expect(there).toEqual(here);
    expect(JSON.stringify(there)).toBe(JSON.stringify(here));
    // Every run counted once, the first included.
    expect([...done].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The runs differ by seed: the answer is not one run repeated.
    expect(new Set(here.runs.filter((r) => r.arm === 'scenario').map((r) => JSON.stringify(r.values))).size).toBe(4);
  }, 60_000);

  it('makes each run as simulateSummary makes it here: same seed, same years, same series and summary', async () => {
    const { scenario, counterfactual } = loadScenarioFile('scenarios/peer-review-cluster.yaml');
    const seed = 5;
    const years = 1.5;
    const opts = { reps: 3, seed, years, first: simulateSummary(scenario, { seed, years }) };
    const { runsB, runsA } = await replicateOnWorkers(scenario, counterfactual, opts, 2);
    const seeds = replicationSeeds(opts);
    for (let i = 0; i < 3; i++) {
      expect(runsB[i]).toEqual(simulateSummary(scenario, { seed: seeds[i], years }));
      expect(runsA[i]).toEqual(simulateSummary(counterfactual!.scenario, { seed: seeds[i], years }));
    }
  }, 60_000);
});

describe('replicationWorkers', () => {
  it('runs the replications here when there is one, when runs are short, or with one CPU; else one worker per run up to the CPUs', () => {
    expect(replicationWorkers(1, 10_000, 16)).toBe(0);
    expect(replicationWorkers(2, POOL_PAYS_MS - 1, 16)).toBe(0);
    expect(replicationWorkers(30, 100, 16)).toBe(0);
    expect(replicationWorkers(2, 10_000, 1)).toBe(0);
    expect(replicationWorkers(2, POOL_PAYS_MS, 16)).toBe(2);
    expect(replicationWorkers(15, 5_000, 4)).toBe(4);
  });
});
