/**
 * Scaling-harness worker: runs whole replications and returns each run's
 * series values as a transferred Float64Array (no copy), with its own timing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { simulate } from '../../src/api.ts';
import { scalingScenario, type ScalingData } from './workload.ts';

const { scenario, years } = scalingScenario(workerData as ScalingData);
const port = parentPort!;
port.on('message', (m: { seed: number }) => {
  const t0 = performance.now();
  const out = simulate(scenario, { seed: m.seed, years });
  const computeMs = performance.now() - t0;
  const values = out.series.values;
  port.postMessage({ seed: m.seed, computeMs, values, sent: performance.timeOrigin + performance.now() }, [values.buffer as ArrayBuffer]);
});
port.postMessage({ ready: true });
