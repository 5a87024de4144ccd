/**
 * Child-process entry for the CLI-overhead section: the model's share of a
 * `collabsim run` (load the scenario, build, burn in, run, collect the
 * output) for one scenario and seed, timed in a fresh process. Prints one JSON line.
 */
import { loadScenarioFile } from '../src/scenario/scenario-file.ts';
import { collectOutput, createModel } from '../src/model/simulate.ts';
import { runLoop } from '../src/engine/loop.ts';

const arg = JSON.parse(process.argv[2]) as { file: string };
const t0 = performance.now();
const { scenario } = loadScenarioFile(arg.file);
const t1 = performance.now();
const model = createModel(scenario, { seed: scenario.seed });
const t2 = performance.now();
runLoop(model, { ticks: model.ticks });
const out = collectOutput(model, scenario.seed);
const t3 = performance.now();
process.stdout.write(
  `@@RESULT ${JSON.stringify({ loadMs: t1 - t0, buildMs: t2 - t1, loopMs: t3 - t2, modelMs: t3 - t1, schools: out.summary.schools, relationships: out.summary.relationships })}\n`,
);
