/**
 * The thread that renders a run's charts (chart-thread.ts). Importing
 * render.ts loads Vega and Vega-Lite here, while the main thread runs the
 * model; renderSvg then draws the charts one at a time, in the order asked,
 * so the SVGs are the same bytes as rendering them on the main thread.
 */
import { parentPort } from 'node:worker_threads';
import { renderSvg, type RenderOptions } from './render.ts';

interface Job {
  id: number;
  spec: object;
  opts: RenderOptions;
}

/**
 * A small chart of the kinds a run draws (lines with a legend, a band, a
 * bar), rendered once and thrown away while the model runs, so that Vega's
 * code is compiled before the run's charts arrive.
 */
const WARM_UP = {
  width: 200,
  height: 100,
  data: { values: [0, 1, 2, 3].flatMap((x) => ['a', 'b'].map((s) => ({ x, y: x * (s === 'a' ? 1 : 2), lo: x - 1, hi: x + 1, s }))) },
  layer: [
    { mark: 'area', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
    { mark: 'line', encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, color: { field: 's', type: 'nominal' } } },
    { mark: 'bar', encoding: { x: { field: 'x', type: 'ordinal' }, y: { field: 'y', type: 'quantitative', aggregate: 'sum' } } },
  ],
};

const port = parentPort;
if (!port) throw new Error('chart-worker.ts runs only as a worker thread (chart-thread.ts starts it)');
// A failed warm-up is of no consequence: the run's own charts report their errors.
renderSvg(WARM_UP, { idPrefix: 'warm-up' }).catch(() => undefined);
// renderSvg draws one chart at a time, in the order asked.
port.on('message', (job: Job) => {
  renderSvg(job.spec, job.opts).then(
    (svg) => port.postMessage({ id: job.id, svg }),
    (e: unknown) => port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
