/**
 * Charts rendered on a thread of their own, for `collabsim run`: started
 * before the model runs, the thread loads Vega (about half a second) while
 * the model works, and renders the charts while the main thread formats and
 * writes the tables. The SVGs are the bytes renderSvg gives on the main
 * thread (the thread renders one chart at a time, with the same code).
 * Once the model is built, the command asks the thread to rehearse charts of
 * the run's shape (rehearse), so that Vega's code is compiled before the
 * real charts arrive.
 *
 * The thread is only a way to save time: if it cannot start, or stops, the
 * charts it had not delivered are rendered on the main thread instead, so it
 * never makes a run fail that would succeed without it. A chart's own error
 * (a bad spec) is reported as renderSvg reports it.
 *
 * The thread does not keep the process alive on its own: it holds the event
 * loop only while a chart is being rendered.
 */
import { Worker } from 'node:worker_threads';
import type { RehearsalShape } from './chart-worker.ts';
import { renderSvg, type RenderOptions } from './render.ts';

const BOOT = new URL('./chart-worker-boot.mjs', import.meta.url);

interface Pending {
  spec: object;
  opts: RenderOptions;
  resolve: (svg: string) => void;
  reject: (e: Error) => void;
}

export class ChartThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private next = 0;
  /** The thread stopped or never started: charts are rendered here. */
  private broken = false;
  private closed = false;
  /** Told how many charts the thread rehearsed, when it has (see rehearse). */
  private rehearsed: ((drawn: number) => void) | undefined;

  constructor() {
    try {
      const worker = new Worker(BOOT);
      worker.unref();
      worker.on('message', (m: { id?: number; svg?: string; error?: string; rehearsed?: number }) => this.delivered(m));
      worker.on('error', () => this.fallBack());
      worker.on('exit', () => this.fallBack());
      this.worker = worker;
    } catch {
      this.broken = true;
    }
  }

  private delivered(m: { id?: number; svg?: string; error?: string; rehearsed?: number }): void {
    if (m.rehearsed !== undefined) this.rehearsalDone(m.rehearsed);
    if (m.id === undefined) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    if (this.pending.size === 0) this.worker?.unref();
    if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.svg as string);
  }

  /** The thread is gone: render here what it had not delivered (unless it was closed on purpose). */
  private fallBack(): void {
    if (this.broken) return;
    this.broken = true;
    this.rehearsalDone(0);
    const left = [...this.pending.values()];
    this.pending.clear();
    for (const p of left) {
      if (this.closed) p.reject(new Error('the chart thread was closed'));
      else renderSvg(p.spec, p.opts).then(p.resolve, p.reject);
    }
  }

  /** Render a Vega-Lite spec to SVG (the signature of renderSvg): on the thread, or here if it is gone. */
  readonly render = (spec: object, opts: RenderOptions = {}): Promise<string> => {
    if (this.closed) return Promise.reject(new Error('the chart thread was closed'));
    if (this.broken || !this.worker) return renderSvg(spec, opts);
    const worker = this.worker;
    const id = this.next++;
    return new Promise<string>((resolve, reject) => {
      this.pending.set(id, { spec, opts, resolve, reject });
      worker.ref();
      worker.postMessage({ id, spec, opts });
    });
  };

  private rehearsalDone(drawn: number): void {
    const tell = this.rehearsed;
    this.rehearsed = undefined;
    tell?.(drawn);
  }

  /**
   * Have the thread rehearse, while the model runs, the charts of a run with
   * a series of this shape (chart-worker.ts): the run's own charts are then
   * drawn sooner. The rehearsal gives way as soon as a chart is asked for.
   * Resolves with the number of charts rehearsed (0 if the thread is gone,
   * closed, or already rehearsing); nothing needs to wait for it.
   */
  rehearse(shape: RehearsalShape): Promise<number> {
    if (this.broken || this.closed || !this.worker || this.rehearsed) return Promise.resolve(0);
    const worker = this.worker;
    return new Promise<number>((resolve) => {
      this.rehearsed = resolve;
      worker.postMessage({ rehearse: shape });
    });
  }

  /** Stop the thread (charts not yet delivered are refused). */
  async close(): Promise<void> {
    this.closed = true;
    await this.worker?.terminate();
  }

  /** Stop the thread as a failure would (for tests): what it had not delivered is rendered here. */
  async breakForTest(): Promise<void> {
    await this.worker?.terminate();
    this.fallBack();
  }
}
