/**
 * A run's saved state (docs/branching.md, docs/outputs.md): everything the
 * model needs to continue a run exactly from the end of a tick, as one
 * binary tree (engine/state-codec.ts). Platform-free; the file around it
 * (header, compression, checksum, versions) is output/state-container.ts.
 *
 * What is saved, in this order:
 *   state        every typed array and counter of the model (core/state.ts:
 *                schools, head slots, groups, the relationships' CSR arrays,
 *                tallies, the policy layer's structure and arrays), the tick
 *   streams      the names and Alea states of the random streams
 *   series       the recorded series' keys and its rows up to the tick
 *   persistence  the observer's yearly effectiveness snapshots
 *   scenario     the scenario the run was given (resolved), and
 *   working      its working copy at the saved tick, as timeline events changed it
 *
 * The rest of a run is derived again on restore: the per-tick conversion of
 * the rates (from the continuing scenario's parameters), the schedule of
 * events, the observer's column lookups; caches (the policy observer's edge
 * facts) rebuild themselves. Restoring skips setup altogether.
 */
import type { SeriesKey } from '../engine/contract.ts';
import { setStreamStates, streamStates } from '../engine/rng.ts';
import { decodeTree, encodeTree, type TreeValue } from '../engine/state-codec.ts';
import { appliedEvents, branchScenario } from './branch.ts';
import type { ModelState } from './core/state.ts';
import { STREAM_NAMES } from './core/streams.ts';
import { SchoolModel } from './model.ts';
import type { Scenario } from './schema.ts';
import { scenarioHash } from './simulate.ts';

/** The header of a saved state: what it is, at a glance (also written as the file's readable header). */
export interface StateMeta {
  scenarioName: string;
  scenarioHash: string;
  seed: number;
  /** The saved tick and the year it ends. */
  tick: number;
  year: number;
  ticksPerYear: number;
  /** Horizon of the run that saved it (years). */
  years: number;
  schools: number;
  relationships: number;
  groups: number;
  eventsApplied: number;
}

/** A decoded saved state. */
export interface SavedRun {
  meta: StateMeta;
  state: ModelState;
  streamNames: string[];
  streams: Float64Array;
  seriesKeys: SeriesKey[];
  /** Rows 0..tick of the series, row-major. */
  series: Float64Array;
  persistence: Float64Array;
  /** The scenario the saved run was given, and its working copy at the saved tick. */
  scenario: Scenario;
  working: Scenario;
}

/**
 * Save `model` as it is now: between ticks, just after it observed `tick`
 * (the scenario's tick, as runLoop counts it and passes to onTick).
 * `scenario` is the scenario the run was given, `seed` its run seed. The
 * bytes are a copy: the run may go on.
 */
export function saveRun(model: SchoolModel, scenario: Scenario, seed: number, tick: number): { meta: StateMeta; body: Uint8Array } {
  const state = model.state;
  const tpy = state.ticksPerYear;
  const meta: StateMeta = {
    scenarioName: scenario.name,
    scenarioHash: scenarioHash(scenario),
    seed,
    tick,
    year: tick / tpy,
    ticksPerYear: tpy,
    years: model.ticks / tpy,
    schools: state.schools.n,
    relationships: state.edges.n,
    groups: state.groups.n,
    eventsApplied: appliedEvents(scenario, tick).length,
  };
  const { series, persistence } = model.observer.savedArrays();
  const keys = model.observer.rec.keys;
  // A run recorded once a year is saved at a year's end, where its row (and the year's flows) is complete.
  const every = model.observer.rec.ticksPerRow;
  if (tick % every !== 0) throw new Error(`a run recorded once a year is saved at a year's end, not at tick ${tick}`);
  const tree = {
    state: withFreshComponents(state),
    streams: { names: [...STREAM_NAMES], states: streamStates(model.ctx.rng, STREAM_NAMES) },
    series: { metrics: keys.map((k) => k.metric), levels: keys.map((k) => k.level), rows: series.slice(0, (tick / every + 1) * keys.length) },
    persistence,
    scenario,
    working: model.scenario,
  };
  return { meta, body: encodeTree(tree as unknown as TreeValue) };
}

/**
 * The state to save, with the policy observer's union-find of the knowledge
 * network (parent, component sizes and best effectiveness) as every
 * observation starts it: each observation rebuilds it before reading it,
 * and on a team of threads its labels depend on which thread joined which
 * components, so saving it as it was left would make the file's bytes
 * depend on the number of threads.
 */
function withFreshComponents(state: ModelState): ModelState {
  const P = state.policy;
  if (!P) return state;
  const n = P.parent.length;
  const parent = new Int32Array(n);
  for (let s = 0; s < n; s++) parent[s] = s;
  return { ...state, policy: { ...P, parent, compSize: new Int32Array(n).fill(1), compMax: new Float64Array(n) } };
}

interface Tree {
  state: ModelState;
  streams: { names: string[]; states: Float64Array };
  series: { metrics: string[]; levels: string[]; rows: Float64Array };
  persistence: Float64Array;
  scenario: Scenario;
  working: Scenario;
}

/** Decode the body of a saved state written by saveRun (the file's checksum has vouched for it). */
export function loadSavedRun(meta: StateMeta, body: Uint8Array): SavedRun {
  const t = decodeTree(body) as unknown as Tree;
  return {
    meta,
    state: t.state,
    streamNames: t.streams.names,
    streams: t.streams.states,
    seriesKeys: t.series.metrics.map((metric, i) => ({ metric, level: t.series.levels[i] })),
    series: t.series.rows,
    persistence: t.persistence,
    scenario: t.scenario,
    working: t.working,
  };
}

/**
 * A model that continues `saved` under `scenario` (checked with
 * branchIssues first) for `ticks` ticks in all: step it from tick
 * `saved.meta.tick + 1` (runLoop's `from`). Its state is the saved one (the
 * SavedRun is consumed: decode again to restore twice).
 */
export function restoreRun(saved: SavedRun, scenario: Scenario, ticks: number): SchoolModel {
  const names = [...STREAM_NAMES] as string[];
  if (saved.streamNames.join() !== names.join())
    throw new Error(`the saved run has streams ${saved.streamNames.join(', ')}; this model has ${names.join(', ')}`);
  const working = branchScenario(saved, scenario, saved.meta.tick);
  const model = new SchoolModel(working, saved.meta.seed, ticks, { state: saved.state, seriesKeys: saved.seriesKeys });
  setStreamStates(model.ctx.rng, STREAM_NAMES, saved.streams);
  const { series, persistence } = model.observer.savedArrays();
  series.set(saved.series);
  persistence.set(saved.persistence);
  return model;
}
