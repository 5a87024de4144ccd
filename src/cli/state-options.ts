/**
 * `collabsim run`'s state options (docs/branching.md):
 *
 *   --save-state-at YEAR [--state-out FILE]   also save the run's state at the end of year YEAR
 *   --from-state FILE                          continue a saved run under this scenario
 *
 * Everything is checked before the run starts (exit 2, nothing written): a
 * year that is not at the end of a tick or lies beyond the horizon, a state
 * file that is not one, is corrupted or was saved by another model version,
 * and a scenario that cannot continue the saved run (the key that differs).
 * The state is captured in memory at its tick (the run goes on unchanged)
 * and written, atomically, once the run's folder is published.
 */
import { InvalidArgumentError, Option } from 'commander';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { codeVersion } from '../experiment/code-version.ts';
import { branchIssues } from '../model/branch.ts';
import type { SchoolModel } from '../model/model.ts';
import type { Scenario } from '../model/schema.ts';
import { ticksOf } from '../model/simulate.ts';
import { ticksPerRow } from '../model/recording.ts';
import { checkYearsOption } from './args.ts';
import { loadSavedRun, restoreRun, saveRun } from '../model/state-file.ts';
import { encodeStateFile, readStateFile, STATE_FILE_EXTENSION, writeStateFile } from '../output/state-container.ts';
import { sha256Hex } from '../common/hash.ts';
import { InputError } from '../scenario/input-error.ts';

export interface StateOptions {
  saveStateAt?: number;
  stateOut?: string;
  fromState?: string;
}

function yearArg(v: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 100)
    throw new InvalidArgumentError(`--save-state-at must be a year after the start, up to 100, found '${v}'`);
  return n;
}

/** The options, for `run` to add. */
export const STATE_OPTIONS = {
  saveAt: new Option(
    '--save-state-at <year>',
    `also save the run's state at the end of this year (a tick boundary) to continue or branch from (default file <out>/state-y<year>${STATE_FILE_EXTENSION})`,
  ).argParser(yearArg),
  out: new Option('--state-out <file>', 'where --save-state-at writes the state file'),
  from: new Option('--from-state <file>', 'continue a run saved with --save-state-at, under this scenario (the same population; docs/branching.md)'),
} as const;

type TickListener = (tick: number, total: number) => void;

/** What `run` does differently for the state options. */
export interface StateRun {
  /** The seed of a continued run (the saved one); undefined for a fresh run. */
  seed?: number;
  /** The restored model of a continued run; undefined for a fresh run (create it as usual). */
  model?: SchoolModel;
  /** Tick the loop continues after (0 for a fresh run). */
  from: number;
  /** The loop's onTick: captures the state at its tick, then calls `inner`. */
  onTick(model: SchoolModel, seed: number, inner: TickListener | undefined): TickListener | undefined;
  /** Keys for the run's manifest (where the state came from or went). */
  manifest(): Record<string, unknown>;
  /** Write the captured state file (after the run's folder `dir` is published). */
  finish(dir: string): Promise<void>;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

function saveTick(year: number, scenario: Scenario, horizon: number, from: number): number {
  const tpy = scenario.ticksPerYear;
  const exact = year * tpy;
  const tick = Math.round(exact);
  // Within a thousandth of a tick: a year typed to four decimals (3.1667 for 19/6) is the tick it names.
  if (Math.abs(exact - tick) > 1e-3)
    throw new InvalidArgumentError(
      `--save-state-at ${year} is not at the end of a tick: with ${tpy} ticks a year a tick ends every 1/${tpy} year (the nearest: ${round4(Math.floor(exact) / tpy)} and ${round4(Math.ceil(exact) / tpy)})`,
    );
  if (tick > horizon) throw new InvalidArgumentError(`--save-state-at ${year} is beyond the run's horizon (year ${horizon / tpy})`);
  if (tick <= from) throw new InvalidArgumentError(`--save-state-at ${year} is not after the year the run continues from (${from / tpy})`);
  if (tick % ticksPerRow(scenario) !== 0)
    throw new InvalidArgumentError(
      `--save-state-at ${year}: the scenario records its series once a year (output.every: year), so a state is saved at a year's end`,
    );
  return tick;
}

interface Continued {
  model: SchoolModel;
  seed: number;
  tick: number;
  info: Record<string, unknown>;
}

function continueFrom(file: string, scenario: Scenario, source: string, opts: { seed?: number; years?: number }): Continued {
  const f = readStateFile(file, codeVersion());
  const h = f.header;
  if (opts.seed !== undefined && opts.seed !== h.seed)
    throw new InvalidArgumentError(`--seed ${opts.seed} differs from the seed of the saved run (${h.seed}): a continued run keeps the seed of its state`);
  const saved = loadSavedRun(h, f.body);
  const ticks = ticksOf(scenario, opts.years);
  const issues = branchIssues(saved.scenario, scenario, h.tick, ticks);
  if (issues.length)
    throw new InputError(
      source,
      issues.map((i) => ({ file: source, line: 0, column: 0, path: i.path, message: `cannot continue the state in ${file}: ${i.message}` })),
    );
  const info = { file, sha256: f.sha256, year: h.year, tick: h.tick, scenario_name: h.scenarioName, scenario_hash: h.scenarioHash };
  return { model: restoreRun(saved, scenario, ticks), seed: h.seed, tick: h.tick, info };
}

/**
 * Check the state options against the scenario and, with --from-state,
 * restore the saved run. Throws before anything runs. A continued run is one
 * run (its state has one seed): it sets `opts.reps` to 1 and refuses more.
 */
export function prepareStateRun(scenario: Scenario, source: string, opts: StateOptions & { seed?: number; years?: number; reps?: number }): StateRun {
  if (opts.stateOut !== undefined && opts.saveStateAt === undefined) throw new InvalidArgumentError('--state-out needs --save-state-at');
  if (opts.stateOut !== undefined && existsSync(opts.stateOut) && statSync(opts.stateOut).isDirectory())
    throw new InvalidArgumentError(`--state-out ${opts.stateOut} is a folder: name the state file to write`);
  if (opts.fromState !== undefined) {
    if ((opts.reps ?? 1) > 1)
      throw new InvalidArgumentError(
        `--reps ${opts.reps} with --from-state: a continued run is one run, from the one seed of its state (save a state per seed to replicate)`,
      );
    opts.reps = 1;
  }
  checkYearsOption(scenario, opts.years, source);
  const cont = opts.fromState !== undefined ? continueFrom(opts.fromState, scenario, source, opts) : undefined;
  const from = cont?.tick ?? 0;
  const year = opts.saveStateAt;
  const tick = year === undefined ? -1 : saveTick(year, scenario, ticksOf(scenario, opts.years), from);
  let bytes: Uint8Array | undefined;
  let saved: Record<string, unknown> | undefined;
  return {
    seed: cont?.seed,
    model: cont?.model,
    from,
    onTick(model, seed, inner) {
      if (tick < 0) return inner;
      return (t, total) => {
        if (t === tick) {
          const { meta, body } = saveRun(model, scenario, seed, tick);
          bytes = encodeStateFile(meta, body, codeVersion());
          const file = opts.stateOut ?? `state-y${year}${STATE_FILE_EXTENSION}`;
          saved = { file, sha256: sha256Hex(bytes), year: meta.year, tick, bytes: bytes.length };
        }
        inner?.(t, total);
      };
    },
    manifest: () => ({ ...(cont ? { from_state: cont.info } : {}), ...(saved ? { saved_state: saved } : {}) }),
    async finish(dir) {
      if (!bytes || !saved) return;
      await writeStateFile(opts.stateOut ?? join(dir, saved.file as string), bytes);
    },
  };
}
