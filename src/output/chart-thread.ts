/**
 * Charts rendered on a thread of their own, for `collabsim run`: started
 * before the model runs, the thread loads Vega (about half a second) while
 * the model works, and renders the charts while the main thread formats and
 * writes the tables. The SVGs are the bytes renderSvg gives on the main
 * thread (the thread renders one chart at a time, with the same code).
 *
 * The thread does not keep the process alive on its own: it holds the event
 * loop only while a chart is being rendered.
 */
import { Worker } from 'node:worker_threads';
import type { RenderOptions } from './render.ts';

const BOOT = new URL('./chart-worker-boot.mjs', import.meta.url);

interface Pending {
  resolve: (svg: string) => void;
  reject: (e: Error) => void;
}

export class ChartThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  private failure: Error | undefined;

  constructor() {
    this.worker = new Worker(BOOT);
    this.worker.unref();
    this.worker.on('message', (m: { id?: number; svg?: string; error?: string }) => {
      if (m.id === undefined) return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.svg as string);
    });
    this.worker.on('error', (e) => this.fail(e instanceof Error ? e : new Error(String(e))));
    this.worker.on('exit', (code) => this.fail(new Error(`the chart thread stopped (exit code ${code})`)));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  /** Render a Vega-Lite spec to SVG on the thread (the signature of renderSvg). */
  readonly render = (spec: object, opts: RenderOptions = {}): Promise<string> => {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.next++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.ref();
      this.worker.postMessage({ id, spec, opts });
    });
  };

  /** Stop the thread (charts not yet rendered are refused). */
  async close(): Promise<void> {
    this.failure ??= new Error('the chart thread was closed');
    await this.worker.terminate();
  }
}
