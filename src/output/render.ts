/**
 * Headless, offline rendering of Vega-Lite specs to SVG.
 *
 * The spec is compiled to Vega and run in a view with no renderer attached
 * (`renderer: 'none'`), then serialised with `toSVG()`. No canvas or browser is
 * needed (text widths are estimated from Helvetica metrics, see
 * text-metrics.ts), and the loader refuses every external
 * fetch, so a spec that points at a URL fails instead of touching the network.
 *
 * Vega numbers clip paths and gradients from process-wide counters, which
 * would make the SVG depend on what was rendered before. `renderSvg`
 * renumbers every id in order of appearance, with an optional prefix, so the
 * same spec always gives the same bytes and several SVGs can be inlined into
 * one HTML page without clashing ids.
 *
 * Vega and Vega-Lite (vega-libs.ts: 0.1-0.25 s to load) are loaded on the first
 * render, not when this module is imported, so commands that draw no chart,
 * and a main thread whose charts are drawn on a thread of their own
 * (chart-thread.ts), never load them.
 */
import type * as Vega from 'vega';
import type * as VegaLite from 'vega-lite';
import { installTextMetrics } from './text-metrics.ts';

interface VegaLibs {
  vega: typeof Vega;
  vl: typeof VegaLite;
}
let libs: Promise<VegaLibs> | undefined;

function loadVega(): Promise<VegaLibs> {
  libs ??= import('./vega-libs.ts').then(({ vega, vl }) => {
    installTextMetrics(vega);
    return { vega, vl };
  });
  return libs;
}

export interface RenderOptions {
  /** Prefix for element ids inside the SVG (default `chart`). */
  idPrefix?: string;
}

/**
 * A logger that swallows warnings and either throws errors at once
 * (`onError` absent) or hands them, and failed data loads, to `onError`.
 */
function quietLogger(onError?: (message: string) => void): Vega.LoggerInterface {
  let level = 0;
  const logger = {
    level(l?: number) {
      if (l === undefined) return level;
      level = l;
      return logger;
    },
    error(...args: readonly unknown[]) {
      const message = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
      if (!onError) throw new Error(message);
      onError(message);
      return logger;
    },
    warn(...args: readonly unknown[]) {
      // A failed data load is only a warning in Vega; for a report it is fatal.
      if (onError && args[0] === 'Loading failed') {
        onError(args.map((a) => (a instanceof Error ? a.message : String(a))).join(' '));
      }
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
  };
  return logger;
}

/** A loader that refuses to load anything: charts must carry their data inline. */
function offlineLoader(vega: typeof Vega): Vega.Loader {
  const base = vega.loader();
  const refuse = async (uri: string): Promise<never> => {
    throw new Error(`renderSvg: external resource refused (${uri}); inline the data instead`);
  };
  return {
    ...base,
    load: refuse,
    sanitize: refuse,
    http: refuse,
    file: refuse,
  };
}

/** Make an id safe for XML and CSS selectors. */
function safeIdPart(s: string): string {
  const cleaned = s.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `c_${cleaned}`;
}

/**
 * Renumber every `id="..."` in order of first appearance as `<prefix>-<n>` and
 * rewrite the references to them (`url(#id)`, `href="#id"`).
 */
export function normaliseSvgIds(svg: string, prefix = 'chart'): string {
  const p = safeIdPart(prefix);
  const map = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    if (!map.has(m[1])) map.set(m[1], `${p}-${map.size + 1}`);
  }
  if (map.size === 0) return svg;
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const alt = [...map.keys()]
    .sort((a, b) => b.length - a.length)
    .map(esc)
    .join('|');
  return svg
    .replace(new RegExp(`(\\sid=")(${alt})(")`, 'g'), (_m, a: string, id: string, b: string) => `${a}${map.get(id)}${b}`)
    .replace(new RegExp(`(url\\(#)(${alt})(\\))`, 'g'), (_m, a: string, id: string, b: string) => `${a}${map.get(id)}${b}`)
    .replace(new RegExp(`((?:xlink:)?href="#)(${alt})(")`, 'g'), (_m, a: string, id: string, b: string) => `${a}${map.get(id)}${b}`);
}

/** Compile a Vega-Lite spec to a Vega spec (warnings suppressed). */
function compileVegaLite(vl: typeof VegaLite, vlSpec: object): Vega.Spec {
  return vl.compile(vlSpec as VegaLite.TopLevelSpec, { logger: quietLogger() }).spec;
}

/** The renders asked for and not yet done: one Vega view at a time (views at once would share its process-wide state). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Render a Vega-Lite spec to a standalone SVG string, deterministically and
 * offline. Calls may overlap: each render waits for the one asked before it.
 */
export function renderSvg(vlSpec: object, opts: RenderOptions = {}): Promise<string> {
  const next = queue.then(() => renderNow(vlSpec, opts));
  queue = next.catch(() => undefined);
  return next;
}

async function renderNow(vlSpec: object, opts: RenderOptions): Promise<string> {
  const { vega, vl } = await loadVega();
  const vgSpec = compileVegaLite(vl, vlSpec);
  const errors: string[] = [];
  const view = new vega.View(vega.parse(vgSpec), {
    renderer: 'none',
    loader: offlineLoader(vega),
    logger: quietLogger((m) => errors.push(m)),
    logLevel: vega.Error,
  });
  try {
    const svg = await view.toSVG();
    // Vega logs data-loading and runtime errors instead of throwing them.
    if (errors.length) throw new Error(`renderSvg: ${errors.join('; ')}`);
    return normaliseSvgIds(svg, opts.idPrefix ?? 'chart');
  } finally {
    view.finalize();
  }
}
