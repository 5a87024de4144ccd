/**
 * The thread that renders a run's charts (chart-thread.ts). Importing
 * render.ts loads Vega and Vega-Lite here, while the main thread runs the
 * model; renderSvg then draws the charts one at a time, in the order asked,
 * so the SVGs are the same bytes as rendering them on the main thread.
 *
 * While the model runs, the thread can also rehearse: draw the charts of a
 * run shaped like the coming one, with made-up values, and throw them away.
 * Vega's code for exactly those kinds of chart is then compiled, and the
 * run's own charts take 0.2 s instead of about 0.5 s once the model stops
 * (England). Every SVG's ids are renumbered (render.ts), so what was drawn
 * before never shows in a chart's bytes.
 */
import { parentPort } from 'node:worker_threads';
import type { SeriesKey } from '../engine/contract.ts';
import { runCharts } from './charts.ts';
import { policyRunCharts } from './policy-charts.ts';
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

/** The shape of a run's series, for a rehearsal (its values are made up). */
export interface RehearsalShape {
  keys: SeriesKey[];
  rows: number;
  ticksPerYear: number;
  schoolCount: number;
}

const port = parentPort;
if (!port) throw new Error('chart-worker.ts runs only as a worker thread (chart-thread.ts starts it)');
// A failed warm-up is of no consequence: the run's own charts report their errors.
const warmedUp = renderSvg(WARM_UP, { idPrefix: 'warm-up' }).catch(() => undefined);
/** A chart of the run has been asked for: a rehearsal stops. */
let runChartsAsked = false;

/** Values for a rehearsal: every series a gentle ramp, apart from its neighbours. */
function madeUpValues(shape: RehearsalShape): Float64Array {
  const nk = shape.keys.length;
  const values = new Float64Array(shape.rows * nk);
  for (let t = 0; t < shape.rows; t++) for (let k = 0; k < nk; k++) values[t * nk + k] = 0.1 * ((k % 7) + 1) + (0.05 * t) / shape.rows;
  return values;
}

/**
 * Draw the charts a run of this shape would have, one at a time, until the
 * run asks for its own (then at most the one being drawn finishes first).
 * Returns how many were drawn.
 */
async function rehearse(shape: RehearsalShape): Promise<number> {
  await warmedUp;
  const source = {
    series: { keys: shape.keys, rows: shape.rows, ticksPerYear: shape.ticksPerYear, values: madeUpValues(shape) },
    schoolCount: shape.schoolCount,
  };
  let drawn = 0;
  for (const def of [...runCharts(source), ...policyRunCharts(source)]) {
    if (runChartsAsked) break;
    // A rehearsal's failure is of no consequence either.
    await renderSvg(def.spec, { idPrefix: 'rehearsal' }).catch(() => undefined);
    drawn++;
  }
  return drawn;
}

// renderSvg draws one chart at a time, in the order asked.
port.on('message', (job: Job | { rehearse: RehearsalShape }) => {
  if ('rehearse' in job) {
    void rehearse(job.rehearse).then((drawn) => port.postMessage({ rehearsed: drawn }));
    return;
  }
  runChartsAsked = true;
  renderSvg(job.spec, job.opts).then(
    (svg) => port.postMessage({ id: job.id, svg }),
    (e: unknown) => port.postMessage({ id: job.id, error: e instanceof Error ? e.message : String(e) }),
  );
});
