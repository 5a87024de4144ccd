/**
 * Sweep worker thread: receives the base scenario and factor paths once,
 * then runs one (design point, replication) per message and posts back the
 * summary and, when kept, the time series values as a transferable buffer.
 * A run that throws is reported as a failed result; the worker stays alive.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from './model.ts';
import { applyFactors } from './paths.ts';
import type { FactorValue } from './designs.ts';
import type { SeriesTable } from '../engine/contract.ts';

export interface WorkerInit {
  type: 'init';
  base: Record<string, unknown>;
  /** Other base scenarios by name, for tasks that name one (calibration runs several scenarios). */
  bases?: Record<string, Record<string, unknown>>;
  paths: string[];
  series: boolean;
  source: string;
}

export interface WorkerTask {
  type: 'run';
  id: number;
  point: number;
  values: FactorValue[];
  seed: number;
  /** Which of `init.bases` to start from (default `init.base`). */
  base?: string;
  /** Simulated years, when not the scenario's own (`collabsim run --years`, whose replications run here too: answer-pool.ts). */
  years?: number;
}

export interface WorkerResult {
  type: 'result';
  id: number;
  ok: boolean;
  summary?: [string, number][];
  series?: SeriesTable;
  error?: string;
  ms: number;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message || e.name;
  return String(e);
}

const port = parentPort;
if (!port) throw new Error('worker.ts must run in a worker thread');
const model = await loadModel((workerData as { model: string }).model);
let init: WorkerInit | null = null;

/**
 * Resolved scenarios by (base, factor values), most recent last: the
 * replications of a design point share one validation (a scenario's schema
 * check costs a sixth of a short run). A run never changes the scenario it
 * is given (the model works on its own copy), so sharing it is safe.
 */
const resolved = new Map<string, unknown>();
const RESOLVED_KEEP = 64;

function resolveCached(base: Record<string, unknown>, baseName: string, point: number, values: FactorValue[]): unknown {
  if (!init) throw new Error('worker received a run before init');
  const key = JSON.stringify([baseName, values]);
  const hit = resolved.get(key);
  if (hit !== undefined) {
    resolved.delete(key);
    resolved.set(key, hit);
    return hit;
  }
  const scenario = model.resolve(applyFactors(base, init.paths, values), `${init.source} (point ${point})`);
  resolved.set(key, scenario);
  if (resolved.size > RESOLVED_KEEP) resolved.delete(resolved.keys().next().value as string);
  return scenario;
}

port.on('message', (msg: WorkerInit | WorkerTask) => {
  if (msg.type === 'init') {
    init = msg;
    resolved.clear();
    return;
  }
  const t0 = performance.now();
  try {
    if (!init) throw new Error('worker received a run before init');
    const base = msg.base === undefined ? init.base : init.bases?.[msg.base];
    if (!base) throw new Error(`worker has no base scenario '${msg.base}'`);
    const scenario = resolveCached(base, msg.base ?? '', msg.point, msg.values);
    const res = model.run(scenario, msg.seed, { series: init.series, ...(msg.years !== undefined ? { years: msg.years } : {}) });
    const summary = Object.entries(res.summary);
    const out: WorkerResult = { type: 'result', id: msg.id, ok: true, summary, ms: performance.now() - t0 };
    const transfer: ArrayBuffer[] = [];
    if (init.series && res.series) {
      let values = res.series.values;
      const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength && values.buffer instanceof ArrayBuffer;
      if (!whole) values = values.slice();
      out.series = { ...res.series, values };
      transfer.push(values.buffer as ArrayBuffer);
    }
    port.postMessage(out, transfer);
  } catch (e) {
    const out: WorkerResult = { type: 'result', id: msg.id, ok: false, error: errorText(e), ms: performance.now() - t0 };
    port.postMessage(out);
  }
});
port.postMessage({ type: 'ready' });
