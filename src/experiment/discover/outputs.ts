/**
 * Writing a discover folder (default `<sweep>/discover/`): the tables, the
 * trade-off chart (spec and SVG), report.html and manifest.json, built in a
 * staging folder and published with one rename (output/atomic.ts). An
 * existing folder is replaced only when it is empty or an earlier discover
 * folder, never a sweep or anything else.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishFolder } from '../../output/atomic.ts';
import { errorMessage } from '../../common/errors.ts';
import { SweepError } from '../errors.ts';
import { boxWords } from './describe.ts';
import type { DiscoverResult } from './discover.ts';
import { discoverReport, type ReportChart } from './report.ts';
import { boxesCsv, reportedBoxes, summaryCsv, trajectoryCsv } from './tables.ts';
import { tradeoffChart } from './tradeoff-chart.ts';

export const DISCOVER_FILES: [string, string][] = [
  ['report.html', 'The finding in words, the boxes, the trade-off chart, the CART leaves and how to read them.'],
  ['boxes.csv', 'One row per box and factor: the limits in the box, whether it is restricted, the quasi-p value of the restriction.'],
  ['box-summary.csv', 'One row per box (PRIM boxes, CART leaves that predict the outcome): cases, coverage, density, mass, lift, the rule in words.'],
  ['trajectory.csv', 'One row per PRIM peeling step (coverage, density, mass, factors restricted, scan statistic), and the final box after pasting.'],
  ['charts/tradeoff.vl.json', 'The coverage-density chart as a Vega-Lite spec (with its data); tradeoff.svg is its rendering.'],
  ['manifest.json', 'The condition, the settings, the counts and the boxes found.'],
];

export interface WrittenDiscover {
  dir: string;
  /** Paths written, relative to `dir`, sorted. */
  files: string[];
  warnings: string[];
}

function isDiscoverFolder(dir: string): boolean {
  const entries = readdirSync(dir);
  if (entries.length === 0) return true;
  const manifest = join(dir, 'manifest.json');
  if (!existsSync(manifest)) return false;
  try {
    return (JSON.parse(readFileSync(manifest, 'utf8')) as { kind?: string }).kind === 'discover';
  } catch {
    return false;
  }
}

function manifest(r: DiscoverResult, files: string[]): Record<string, unknown> {
  return {
    tool: 'collabsim',
    kind: 'discover',
    format: 1,
    sweep: r.sweep,
    condition: r.condition,
    per: r.settings.per,
    settings: r.settings,
    cases: { unit: r.unit, n: r.n, of_interest: r.k, base_rate: r.baseRate },
    boxes: reportedBoxes(r).map((b) => ({
      id: b.id,
      method: b.method,
      ...(b.step !== undefined ? { step: b.step } : {}),
      n: b.stats.n,
      of_interest: b.stats.k,
      coverage: b.stats.coverage,
      density: b.stats.density,
      mass: b.stats.mass,
      rule: boxWords(r.cases.factors, b.box, r.init),
    })),
    notes: r.notes,
    files: [...files, 'manifest.json'].sort(),
  };
}

async function renderChart(spec: object, name: string): Promise<{ svg?: string; error?: string }> {
  try {
    const { renderSvg } = await import('../../output/render.ts');
    return { svg: await renderSvg(spec, { idPrefix: name }) };
  } catch (e) {
    return { error: errorMessage(e) };
  }
}

/** Write the discover folder `dir` for result `r`. */
export async function writeDiscover(r: DiscoverResult, dir: string): Promise<WrittenDiscover> {
  if (existsSync(dir) && !isDiscoverFolder(dir)) {
    throw new SweepError(`${dir} exists and is not an earlier discover folder; choose another --out`);
  }
  const warnings: string[] = [];
  const chart = tradeoffChart(r);
  const charts: ReportChart[] = [];
  if (chart) {
    const rendered = await renderChart(chart.spec, chart.name);
    if (rendered.error) warnings.push(`chart ${chart.name} not rendered: ${rendered.error}`);
    charts.push({ name: chart.name, title: chart.title, explanation: chart.explanation, ...rendered });
  }
  const files = await publishFolder(
    dir,
    async (put) => {
      const written: string[] = [];
      const write = (rel: string, data: string) => {
        put(rel, data);
        written.push(rel);
      };
      write('boxes.csv', boxesCsv(r));
      write('box-summary.csv', summaryCsv(r));
      write('trajectory.csv', trajectoryCsv(r));
      if (chart) {
        write(`charts/${chart.name}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`);
        const svg = charts[0]?.svg;
        if (svg) write(`charts/${chart.name}.svg`, svg);
      }
      const listed = DISCOVER_FILES.filter(([f]) => f === 'report.html' || f === 'manifest.json' || written.includes(f));
      write('report.html', discoverReport(r, charts, listed));
      put('manifest.json', `${JSON.stringify(manifest(r, written), null, 2)}\n`);
    },
    { canReplace: isDiscoverFolder },
  );
  return { dir, files, warnings };
}
