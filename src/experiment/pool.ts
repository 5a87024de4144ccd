/**
 * A pool of long-lived worker threads. Each worker loads the model once and
 * then runs tasks one at a time. `exec` hands a task to an idle worker and
 * resolves with its result; a worker that dies (or exceeds the run timeout)
 * yields a failed result for its task and is replaced, so one bad run never
 * stops the sweep.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerResult, WorkerTask } from './worker.ts';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

interface Slot {
  worker: Worker;
  busy: boolean;
  started: boolean;
  ready: Promise<void>;
  pending?: { id: number; resolve: (r: WorkerResult) => void; timer?: NodeJS.Timeout; started: number };
}

export interface PoolOptions {
  size: number;
  model: string;
  init: WorkerInit;
  /** A run taking longer is stopped (worker replaced) and reported failed. */
  runTimeoutMs?: number;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private closed = false;
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private broken: string | null = null;

  constructor(private readonly opts: PoolOptions) {}

  get size(): number {
    return this.slots.length;
  }

  /** Start the workers and wait until each has loaded the model. */
  async start(): Promise<void> {
    for (let i = 0; i < this.opts.size; i++) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { workerData: { model: this.opts.model } });
    const slot: Slot = { worker, busy: false, started: false, ready: Promise.resolve() };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type === 'ready') {
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.postMessage(this.opts.init);
          slot.started = true;
          resolve();
        }
      };
      const onError = (e: Error) => reject(new Error(`sweep worker failed to start: ${e.message}`));
      const onExit = (code: number) => reject(new Error(`sweep worker exited with code ${code} while starting`));
      worker.once('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
    });
    worker.on('message', (m: WorkerResult | { type: 'ready' }) => {
      if (m.type !== 'result') return;
      const p = slot.pending;
      if (!p || p.id !== m.id) return;
      this.settle(slot, m);
    });
    worker.on('error', (e: Error) => {
      if (slot.started) this.crashed(slot, `worker error: ${e.message}`);
    });
    worker.on('exit', (code: number) => {
      if (slot.started && !this.closed) this.crashed(slot, `worker thread exited with code ${code}`);
    });
    return slot;
  }

  private settle(slot: Slot, result: WorkerResult): void {
    const p = slot.pending;
    if (!p) return;
    if (p.timer) clearTimeout(p.timer);
    slot.pending = undefined;
    slot.busy = false;
    p.resolve(result);
    this.waiters.shift()?.();
  }

  private crashed(slot: Slot, reason: string): void {
    const idx = this.slots.indexOf(slot);
    if (idx < 0) return; // already replaced
    const p = slot.pending;
    if (this.closed) {
      if (p) this.settle(slot, { type: 'result', id: p.id, ok: false, error: 'aborted', ms: performance.now() - p.started });
      return;
    }
    const fresh = this.spawn();
    this.slots[idx] = fresh;
    fresh.busy = true; // not usable until ready
    void fresh.ready.then(
      () => {
        fresh.busy = false;
        this.waiters.shift()?.();
      },
      (e: Error) => {
        // A replacement that cannot start means the model cannot load any more: give up.
        this.broken = e.message;
        for (const w of this.waiters.splice(0)) w();
      },
    );
    void slot.worker.terminate().catch(() => undefined);
    if (p) {
      if (p.timer) clearTimeout(p.timer);
      slot.pending = undefined;
      p.resolve({ type: 'result', id: p.id, ok: false, error: reason, ms: performance.now() - p.started });
    }
  }

  /** Run one task on the next idle worker. */
  async exec(task: Omit<WorkerTask, 'type' | 'id'>): Promise<WorkerResult> {
    if (this.closed) throw new Error('pool is closed');
    if (this.broken) throw new Error(this.broken);
    let slot = this.slots.find((s) => !s.busy);
    while (!slot) {
      await new Promise<void>((r) => this.waiters.push(r));
      if (this.closed) throw new Error('pool is closed');
      if (this.broken) throw new Error(this.broken);
      slot = this.slots.find((s) => !s.busy);
    }
    const id = this.nextId++;
    slot.busy = true;
    const chosen = slot;
    return new Promise<WorkerResult>((resolve) => {
      chosen.pending = { id, resolve, started: performance.now() };
      const ms = this.opts.runTimeoutMs;
      if (ms && ms > 0) {
        chosen.pending.timer = setTimeout(() => this.crashed(chosen, `run timed out after ${ms / 1000} s`), ms);
      }
      chosen.worker.postMessage({ type: 'run', id, ...task } satisfies WorkerTask);
    });
  }

  /** Stop every worker now; tasks in flight resolve as failed with error 'aborted'. */
  async terminate(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) {
      const p = s.pending;
      if (p) this.settle(s, { type: 'result', id: p.id, ok: false, error: 'aborted', ms: performance.now() - p.started });
    }
    for (const w of this.waiters.splice(0)) w();
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  /** Stop the workers once idle work is done (call after the last exec resolved). */
  async close(): Promise<void> {
    await this.terminate();
  }
}
