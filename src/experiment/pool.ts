/**
 * A pool of long-lived worker threads. Each worker loads the model once and
 * then runs tasks one at a time, in the order it receives them. `exec` hands
 * a task to the least-loaded worker and resolves with its result.
 *
 * Each worker is given up to `depth` tasks at once (default 2): while it
 * runs one, the next is already waiting in its message queue, so a worker
 * never sits idle for the round trip through the main thread between runs
 * (for runs of a few milliseconds that round trip was 15 to 30% of the time).
 *
 * A worker that dies (or exceeds the run timeout) yields a failed result for
 * the task it was running and is replaced; the tasks queued behind it are
 * sent again to the replacement, so one bad run never fails another and never
 * stops the sweep. The timeout clock of a task starts when the worker starts
 * it (when the task before it finished), not when it was queued.
 */
import { Worker } from 'node:worker_threads';
import type { WorkerInit, WorkerResult, WorkerTask } from './worker.ts';

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

interface Pending {
  id: number;
  message: WorkerTask;
  resolve: (r: WorkerResult) => void;
  timer?: NodeJS.Timeout;
  /** When the worker started this task (set when it reaches the head of the queue). */
  started: number;
}

interface Slot {
  worker: Worker;
  /** Not usable until the worker has loaded the model (a replacement starting). */
  starting: boolean;
  started: boolean;
  ready: Promise<void>;
  /** Tasks sent to this worker, in order; the first is running. */
  queue: Pending[];
}

export interface PoolOptions {
  size: number;
  model: string;
  init: WorkerInit;
  /** A run taking longer is stopped (worker replaced) and reported failed. */
  runTimeoutMs?: number;
  /** Tasks a worker holds at once: the running one and those queued behind it (default 2). */
  depth?: number;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private closed = false;
  private nextId = 1;
  private waiters: (() => void)[] = [];
  private broken: string | null = null;
  private readonly depth: number;

  constructor(private readonly opts: PoolOptions) {
    this.depth = Math.max(1, Math.floor(opts.depth ?? 2));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Tasks the pool can hold at once (workers x depth): how many callers may wait on exec together. */
  get capacity(): number {
    return this.slots.length * this.depth;
  }

  /** Start the workers and wait until each has loaded the model. */
  async start(): Promise<void> {
    for (let i = 0; i < this.opts.size; i++) this.slots.push(this.spawn());
    await Promise.all(this.slots.map((s) => s.ready));
  }

  private spawn(): Slot {
    const worker = new Worker(BOOT, { workerData: { model: this.opts.model } });
    const slot: Slot = { worker, starting: true, started: false, ready: Promise.resolve(), queue: [] };
    slot.ready = new Promise<void>((resolve, reject) => {
      const onMessage = (m: { type: string }) => {
        if (m.type === 'ready') {
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.postMessage(this.opts.init);
          slot.started = true;
          slot.starting = false;
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
      const head = slot.queue[0];
      if (!head || head.id !== m.id) return;
      this.settleHead(slot, m);
    });
    worker.on('error', (e: Error) => {
      if (slot.started) this.crashed(slot, `worker error: ${e.message}`);
    });
    worker.on('exit', (code: number) => {
      if (slot.started && !this.closed) this.crashed(slot, `worker thread exited with code ${code}`);
    });
    return slot;
  }

  /** The task at the head of a worker's queue has started: start its clock. */
  private startHead(slot: Slot): void {
    const head = slot.queue[0];
    if (!head) return;
    head.started = performance.now();
    const ms = this.opts.runTimeoutMs;
    if (ms && ms > 0) head.timer = setTimeout(() => this.crashed(slot, `run timed out after ${ms / 1000} s`), ms);
  }

  private settleHead(slot: Slot, result: WorkerResult): void {
    const head = slot.queue.shift();
    if (!head) return;
    if (head.timer) clearTimeout(head.timer);
    this.startHead(slot);
    head.resolve(result);
    this.waiters.shift()?.();
  }

  private crashed(slot: Slot, reason: string): void {
    const idx = this.slots.indexOf(slot);
    if (idx < 0) return; // already replaced
    const [head, ...behind] = slot.queue.splice(0);
    if (head?.timer) clearTimeout(head.timer);
    if (this.closed) {
      for (const p of head ? [head, ...behind] : []) p.resolve({ type: 'result', id: p.id, ok: false, error: 'aborted', ms: performance.now() - p.started });
      return;
    }
    const fresh = this.spawn();
    this.slots[idx] = fresh;
    // The tasks queued behind the one that failed never started: the replacement runs them.
    fresh.queue.push(...behind);
    void fresh.ready.then(
      () => {
        for (const p of fresh.queue) fresh.worker.postMessage(p.message);
        this.startHead(fresh);
        this.waiters.shift()?.();
      },
      (e: Error) => {
        // A replacement that cannot start means the model cannot load any more: give up.
        this.broken = e.message;
        for (const p of fresh.queue.splice(0)) p.resolve({ type: 'result', id: p.id, ok: false, error: e.message, ms: 0 });
        for (const w of this.waiters.splice(0)) w();
      },
    );
    void slot.worker.terminate().catch(() => undefined);
    if (head) head.resolve({ type: 'result', id: head.id, ok: false, error: reason, ms: performance.now() - head.started });
  }

  /** The usable worker with the fewest tasks, if it has room for one more. */
  private pick(): Slot | undefined {
    let best: Slot | undefined;
    for (const s of this.slots) if (!s.starting && s.queue.length < this.depth && (!best || s.queue.length < best.queue.length)) best = s;
    return best;
  }

  /** Run one task on the least-loaded worker (waiting while every worker is full). */
  async exec(task: Omit<WorkerTask, 'type' | 'id'>): Promise<WorkerResult> {
    if (this.closed) throw new Error('pool is closed');
    if (this.broken) throw new Error(this.broken);
    let slot = this.pick();
    while (!slot) {
      await new Promise<void>((r) => this.waiters.push(r));
      if (this.closed) throw new Error('pool is closed');
      if (this.broken) throw new Error(this.broken);
      slot = this.pick();
    }
    const id = this.nextId++;
    const chosen = slot;
    return new Promise<WorkerResult>((resolve) => {
      const message: WorkerTask = { type: 'run', id, ...task };
      chosen.queue.push({ id, message, resolve, started: performance.now() });
      if (chosen.queue.length === 1) this.startHead(chosen);
      chosen.worker.postMessage(message);
    });
  }

  /** Stop every worker now; tasks in flight or queued resolve as failed with error 'aborted'. */
  async terminate(): Promise<void> {
    this.closed = true;
    for (const s of this.slots) {
      for (const p of s.queue.splice(0)) {
        if (p.timer) clearTimeout(p.timer);
        p.resolve({ type: 'result', id: p.id, ok: false, error: 'aborted', ms: performance.now() - p.started });
      }
    }
    for (const w of this.waiters.splice(0)) w();
    await Promise.all(this.slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  /** Stop the workers once idle work is done (call after the last exec resolved). */
  async close(): Promise<void> {
    await this.terminate();
  }
}
