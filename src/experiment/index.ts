/**
 * The experiment layer's library API.
 *
 *   import { runSweep, loadSweep } from './experiment/index.ts';
 *   const result = await runSweep('scenarios/sweeps/sobol-core.yaml', {
 *     workers: 4,
 *     onProgress: (e) => console.log(`${e.done}/${e.total}`),
 *   });
 *   console.log(result.dir, result.ok, result.failed);
 */
export { runSweep } from './runner.ts';
export { parseShard, ownsRun } from './shard.ts';
export { loadStoredSweep } from './folder.ts';
export type { RunSweepOptions, SweepResult, SweepProgressEvent, RunEvent, ShardSpec } from './runner.ts';
export { loadSweep, resolveSweep } from './load.ts';
export type { LoadedSweep, LoadSweepOptions } from './load.ts';
export { mergeShards } from './merge.ts';
export type { MergeOptions, MergeResult } from './merge.ts';
export { benchSweepThroughput } from './bench.ts';
export type { SweepThroughput } from './bench.ts';
export { createProgress, formatDuration } from '../common/progress.ts';
export type { Progress, ProgressOptions, ProgressState } from '../common/progress.ts';
export { SweepSchema } from './sweep-schema.ts';
export type { SweepSpec, SweepInput } from './sweep-schema.ts';
export { SweepError } from './errors.ts';
export { deriveSeed, pointIdentity } from './seeding.ts';
export { sobolIndices, morrisIndices, splitSaltelli, elementaryEffects } from './sensitivity.ts';
export { buildDesign, factorialDesign, lhsDesign, saltelliDesign, explicitDesign } from './designs.ts';
export { morrisDesign } from './morris-design.ts';
export type { Design, DesignPoint, DesignSpec, FactorDef } from './designs.ts';
export { sobolPoint, sobolMatrix } from './sobol-sequence.ts';
export { tQuantile, summarise } from './stats.ts';
