/**
 * Child-process entry for the machine's own scaling reference: warm up, then
 * run the given number of replications back to back in this process and
 * print the mean compute time per run. The scaling section starts 1, 2, ...
 * of these at once; how much each slows down when others run beside it is
 * what the machine allows, independent of threads, pools and transfers.
 * Each process warms up, says @@READY, and waits for a line on stdin, so
 * that no process is timed while another is still compiling.
 *
 *   node --import tsx bench/scaling/solo.ts '{"data":{...},"warm":8,"runs":40}'
 */
import { simulate } from '../../src/api.ts';
import { scalingScenario, type ScalingData } from './workload.ts';

const arg = JSON.parse(process.argv[2]) as { data: ScalingData; warm: number; runs: number };
const { scenario, years } = scalingScenario(arg.data);
for (let i = 0; i < arg.warm; i++) simulate(scenario, { seed: 1000 + i, years });
// Barrier: every process has warmed up before any starts timing (one line on stdin says go).
process.stdout.write('@@READY\n');
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
process.stdin.pause();
let compute = 0;
for (let i = 0; i < arg.runs; i++) {
  const t0 = performance.now();
  simulate(scenario, { seed: 1 + i, years });
  compute += performance.now() - t0;
}
process.stdout.write(`@@RESULT ${JSON.stringify({ computeMsPerRun: compute / arg.runs })}\n`);
