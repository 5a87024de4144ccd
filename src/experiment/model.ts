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
import type { SweepModel } from './sweep-model.ts';

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

type ModelModule = { createModel?: () => SweepModel | Promise<SweepModel> };

/**
 * The module at `url`. The built-in models are imported by name, not by URL,
 * so that the bundled command (scripts/build-package.mjs) holds them with the
 * modules they share: importing them by URL there would load a second copy
 * of every module they use (and its error classes would not be ours).
 */
function importModel(url: string): Promise<ModelModule> {
  if (url === DEFAULT_MODEL) return import('./collabsim-model.ts');
  if (url === ANALYTIC_MODEL) return import('./analytic-model.ts');
  return import(url) as Promise<ModelModule>;
}

export function loadModel(spec?: string): Promise<SweepModel> {
  const url = modelUrl(spec);
  let p = cache.get(url);
  if (!p) {
    p = (async () => {
      const mod = await importModel(url);
      if (typeof mod.createModel !== 'function') throw new Error(`model module ${url} does not export createModel()`);
      return await mod.createModel();
    })();
    cache.set(url, p);
  }
  return p;
}
