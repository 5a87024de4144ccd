/**
 * Child-process entry for the native comparison: build a workload, export its
 * network for the C kernel, then time the same kernel (meetings + Lencioni)
 * in JavaScript on fresh copies of the model. Prints one JSON line.
 */
import { buildCase } from '../lib/measure.ts';
import type { CaseSpec } from '../lib/cases.ts';
import { exportNetwork, runJsKernel } from './export.ts';
import { renumberForLocality } from './locality.ts';

const arg = JSON.parse(process.argv[2]) as { case: CaseSpec; ticks: number; reps: number; file: string; renumber?: boolean };
const build = () => {
  const m = buildCase(arg.case).model;
  if (arg.renumber) renumberForLocality(m);
  return m;
};
const first = build();
exportNetwork(first, arg.file);
const relationships = first.state.edges.n;
const groupEdges = first.state.groups.edges.length;
let best = Infinity;
let last = { ms: 0, updates: 0, hash: 0 };
for (let r = 0; r < arg.reps; r++) {
  const model = r === 0 ? first : build();
  last = runJsKernel(model, arg.ticks);
  best = Math.min(best, last.ms);
}
process.stdout.write(`@@RESULT ${JSON.stringify({ ms: best, updates: last.updates, hash: last.hash, relationships, groupEdges })}\n`);
