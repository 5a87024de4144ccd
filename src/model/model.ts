/**
 * The school collaboration model: state, parameters and random streams of
 * one run, stepped by the engine's loop. The order of a tick is in
 * schedule.ts; each rule lives with its mechanism under mechanisms/.
 */
import type { Steppable } from '../engine/loop.ts';
import type { Cell } from '../engine/contract.ts';
import type { Scenario, TimelineEvent } from './schema.ts';
import { perTickRates, type Ctx } from './core/context.ts';
import type { ModelState } from './core/state.ts';
import { eventTick } from './events.ts';
import { Observer } from './observe/observer.ts';
import { groupRows, schoolRows } from './observe/rows.ts';
import { tick } from './schedule.ts';
import { buildState } from './setup/build-state.ts';
import { startState } from './setup/start.ts';
import { modelStreams } from './core/streams.ts';
import { installPolicy } from './structure/install.ts';

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

  constructor(
    scenario: Scenario,
    seed: number,
    readonly ticks: number,
  ) {
    this.scenario = structuredClone(scenario);
    const rng = modelStreams(seed);
    const state = buildState(this.scenario, rng.setup);
    this.ctx = { state, scenario: this.scenario, rng, perTick: perTickRates(this.scenario) };
    this.schedule = new Map();
    for (const ev of this.scenario.timeline) {
      const t = eventTick(ev, this.scenario.ticksPerYear);
      const due = this.schedule.get(t);
      if (due) due.push(ev);
      else this.schedule.set(t, [ev]);
    }
    // Policy layer: locality, trusts, hubs, spanners, competition, practice.
    installPolicy(this.ctx);
    // Long-run levels, judgements, Lencioni levels and community start from the initial network.
    startState(this.ctx);
    this.observer = new Observer(state, this.scenario, ticks);
  }

  get state(): ModelState {
    return this.ctx.state;
  }

  step(t: number): void {
    tick(this.ctx, t, this.schedule.get(t));
  }

  observe(t: number): void {
    this.observer.observe(t);
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
