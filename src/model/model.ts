/**
 * The school collaboration model: state, parameters and random streams of
 * one run, stepped by the engine's loop. The order of a tick is in
 * schedule.ts; each rule lives with its mechanism under mechanisms/.
 */
import type { Steppable } from '../engine/loop.ts';
import type { Cell, SeriesKey } from '../engine/contract.ts';
import type { Scenario, TimelineEvent } from './schema.ts';
import { perTickRates, type Ctx, type ParallelWork } from './core/context.ts';
import type { ModelState } from './core/state.ts';
import { eventTick } from './events.ts';
import { Observer } from './observe/observer.ts';
import { groupRows, schoolRows } from './observe/rows.ts';
import { tick, timed, type StepClock } from './schedule.ts';
import { useSharedMemory } from './core/arrays.ts';
import { buildState } from './setup/build-state.ts';
import { startState } from './setup/start.ts';
import { modelKeys, modelStreams } from './core/streams.ts';
import { installPolicy } from './structure/install.ts';
import { burnIn } from './burn-in.ts';

/** What a run restored from a saved state supplies in place of setup (state-file.ts restores the streams and the series). */
export interface RestoredState {
  state: ModelState;
  /** The series the saved run records (its groups at setup). */
  seriesKeys: SeriesKey[];
}

export class SchoolModel implements Steppable {
  readonly ctx: Ctx;
  readonly observer: Observer;
  /**
   * The run's working copy of its parameters (a clone of the scenario it was
   * given): timeline events and the workshop's live controls change it, the
   * caller's scenario never changes.
   */
  readonly scenario: Scenario;
  private readonly schedule: Map<number, TimelineEvent[]>;
  /** Told how long each step of a tick and the observer took (the bench's budget of a run; schedule.ts). */
  clock: StepClock | undefined = undefined;

  constructor(
    scenario: Scenario,
    seed: number,
    readonly ticks: number,
    restored?: RestoredState,
    parallel?: ParallelWork,
  ) {
    this.scenario = structuredClone(scenario);
    const rng = modelStreams(seed);
    const state = restored ? restored.state : buildState(this.scenario, rng.setup);
    // A team of threads shares the run: its relationship arrays are made in shared memory from the start.
    if (parallel) useSharedMemory(state);
    this.ctx = { state, scenario: this.scenario, rng, keys: modelKeys(seed), perTick: perTickRates(this.scenario), parallel };
    this.schedule = new Map();
    for (const ev of this.scenario.timeline) {
      const t = eventTick(ev, this.scenario.ticksPerYear);
      const due = this.schedule.get(t);
      if (due) due.push(ev);
      else this.schedule.set(t, [ev]);
    }
    if (!restored) {
      // Policy layer: locality, trusts, hubs, spanners, competition, practice.
      installPolicy(this.ctx);
      // Long-run levels, judgements, Lencioni levels and community start from the initial network.
      startState(this.ctx);
      // Years of ordinary ticks before year 0, so that the run starts settled (burn-in.ts).
      burnIn(this.ctx);
    }
    this.observer = new Observer(state, this.scenario, ticks, restored?.seriesKeys, () => this.ctx.parallel);
  }

  get state(): ModelState {
    return this.ctx.state;
  }

  step(t: number): void {
    // The scenario's tick t follows the burn-in's t0 ticks.
    tick(this.ctx, this.ctx.state.t0 + t, this.schedule.get(t), this.clock);
  }

  /** Record the state after tick t: a row of the series when t falls on one (every tick, or each year's end; recording.ts). */
  observe(t: number): void {
    if (this.clock === undefined) this.observer.afterTick(t);
    else timed(this.clock, 'observer', (row) => this.observer.afterTick(row), t);
  }

  /** Final state per school. */
  schoolRows(): Record<string, Cell>[] {
    return schoolRows(this.state);
  }

  /** Final state per group. */
  groupRows(): Record<string, Cell>[] {
    return groupRows(this.state);
  }
}
