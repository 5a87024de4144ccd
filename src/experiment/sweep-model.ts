/**
 * What a sweep model is (the interface of experiment/model.ts, which loads
 * one): its own module, so that the built-in models, which model.ts imports,
 * do not import model.ts back.
 */
import type { SeriesTable } from '../engine/contract.ts';

export interface ModelRunResult {
  /** Final metrics, in a stable key order. */
  summary: Record<string, number>;
  /** Time series (only needed when the sweep keeps time series). */
  series?: SeriesTable;
}

/** A sweep model; `S` is its validated scenario type (what `resolve` returns and `run` takes). */
export interface SweepModel<S = unknown> {
  /** Name and version; part of the sweep's identity (hash). */
  id: string;
  /** Read and validate a base scenario file; returns the raw object factors are applied to. Throws InputError. */
  loadBase(file: string): Record<string, unknown>;
  /** Validate a raw scenario object and fill in defaults. Throws InputError. */
  resolve(raw: unknown, source: string): S;
  /** Names of the final metrics a run can report, so a sweep file naming another is refused before any run (optional). */
  metricNames?(): readonly string[];
  /** Run one replication with the given seed (for `years` when given, else the scenario's own). */
  run(resolved: S, seed: number, opts: { series: boolean; years?: number }): ModelRunResult;
}
