/**
 * Child-process entry: measure one workload in a fresh process (so memory
 * high-water marks belong to that workload alone) and print one JSON line.
 *
 *   node --import tsx bench/case.ts '{"case":{...},"minReps":3,"maxReps":20,"minMs":1000}'
 */
import { measureCase } from './lib/measure.ts';
import type { CaseSpec } from './lib/cases.ts';

const arg = JSON.parse(process.argv[2] ?? '{}') as { case: CaseSpec; minReps: number; maxReps: number; minMs: number };
const result = measureCase(arg.case, { minReps: arg.minReps, maxReps: arg.maxReps, minMs: arg.minMs });
process.stdout.write(`@@RESULT ${JSON.stringify(result)}\n`);
