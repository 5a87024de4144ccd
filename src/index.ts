/**
 * The library entry point: scenarios, single runs, and sweeps.
 *
 *   import { loadScenario, simulate, runSweep } from 'collabsim';
 */
export * from './api.ts';
export { runSweep, loadSweep, resolveSweep, mergeShards, createProgress, SweepSchema, SweepError, deriveSeed } from './experiment/index.ts';
export type { RunSweepOptions, SweepResult, SweepProgressEvent, SweepSpec, SweepInput } from './experiment/index.ts';
