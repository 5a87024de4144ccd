/**
 * The model a sweep runs, behind a small interface so the sweep machinery
 * (designs, workers, journal, tables) does not depend on the simulation's
 * internals. The default is collabsim itself (`collabsim-model.ts`); the
 * analytic test functions in `analytic-model.ts` use the same interface to
 * check the machinery against known answers.
 *
 * A model module exports `createModel(): SweepModel | Promise<SweepModel>`.
 * Workers import the module themselves, so it must be importable by URL.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  /** Run one replication with the given seed. */
  run(resolved: S, seed: number, opts: { series: boolean }): ModelRunResult;
}

/** `.ts` in the repository (tsx, vitest), `.js` in the built package (dist/): a URL names the file that is there. */
const EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

const DEFAULT_MODEL = new URL(`./collabsim-model${EXT}`, import.meta.url).href;

/** The built-in analytic test model (Ishigami, g-function, linear). */
const ANALYTIC_MODEL = new URL(`./analytic-model${EXT}`, import.meta.url).href;

/** Turn a module path or URL into an importable URL string. */
export function modelUrl(spec: string | undefined): string {
  if (!spec || spec === 'collabsim') return DEFAULT_MODEL;
  if (spec === 'analytic') return ANALYTIC_MODEL;
  if (/^[a-z][a-z0-9+.-]*:/i.test(spec)) return spec;
  return pathToFileURL(isAbsolute(spec) ? spec : resolve(spec)).href;
}

const cache = new Map<string, Promise<SweepModel>>();

export function loadModel(spec?: string): Promise<SweepModel> {
  const url = modelUrl(spec);
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      const mod = (await import(url)) as { createModel?: () => SweepModel | Promise<SweepModel> };
      if (typeof mod.createModel !== 'function') throw new Error(`model module ${url} does not export createModel()`);
      return await mod.createModel();
    })();
    cache.set(url, p);
  }
  return p;
}
