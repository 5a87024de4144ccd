/**
 * The calibration report: one self-contained HTML page with what the
 * targets say in words, the parameter table, marginal and pairwise plots of
 * the posterior, the posterior predictive checks and the diagnostics.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { escapeHtml, page } from '../../output/html.ts';
import { sig3 } from '../../output/report-format.ts';
import { r6, vegaLiteSpec } from '../../output/chart-spec.ts';
import { renderSvg } from '../../output/render.ts';
import { writeFileAtomicSync } from '../../output/atomic.ts';
import { OKABE_ITO } from '../../common/palette.ts';
import type { CalibrationOutcome, OutputInput } from './outcome.ts';

const CSS = `body{font-family:Helvetica,Arial,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.6em;margin-bottom:.2em}h2{font-size:1.25em;margin-top:1.6em;border-bottom:1px solid #ddd;padding-bottom:.2em}
table{border-collapse:collapse;width:100%;font-size:.88em;margin:.8em 0}th,td{border-bottom:1px solid #e3e3e3;padding:.35em .5em;text-align:left;vertical-align:top}
td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}.miss{color:#a33}
figure{margin:1em 0;overflow-x:auto}svg{max-width:100%;height:auto}.note{color:#444;font-size:.92em}code{background:#f3f3f3;padding:0 .25em}`;

const f = sig3;

/** Weighted histograms of the final population, one panel per parameter. */
function marginalChart(input: OutputInput, pop: { theta: number[]; weight: number }[]): Record<string, unknown> {
  const values: Record<string, unknown>[] = [];
  input.loaded.priors.forEach((p, j) => {
    const xs = pop.map((q) => q.theta[j]);
    const lo = Math.min(...xs);
    const hi = Math.max(...xs);
    const bins = 20;
    const w = (hi - lo) / bins || 1;
    const mass = new Array<number>(bins).fill(0);
    pop.forEach((q) => (mass[Math.min(bins - 1, Math.floor((q.theta[j] - lo) / w))] += q.weight));
    mass.forEach((m, b) => values.push({ parameter: p.name, x0: r6(lo + b * w), x1: r6(lo + (b + 1) * w), mass: r6(m) }));
  });
  return vegaLiteSpec(
    { text: 'Posterior of each parameter', subtitle: 'Weighted histogram of the final population (share of posterior mass per bin).' },
    {
      data: { values },
      facet: { field: 'parameter', type: 'nominal', title: null, columns: 3 },
      spec: {
        width: 240,
        height: 120,
        mark: { type: 'rect', color: OKABE_ITO.blue },
        encoding: {
          x: { field: 'x0', type: 'quantitative', title: null, scale: { zero: false } },
          x2: { field: 'x1' },
          y: { field: 'mass', type: 'quantitative', title: 'mass' },
        },
      },
      resolve: { scale: { x: 'independent' } },
    },
  );
}

/** Scatter of each pair of (up to six) parameters, one panel per pair (the lower triangle only), point size by weight. */
function pairsChart(input: OutputInput, pop: { theta: number[]; weight: number }[]): Record<string, unknown> | null {
  const names = input.loaded.priors.slice(0, 6).map((p) => p.name);
  if (names.length < 2) return null;
  const values: Record<string, unknown>[] = [];
  for (let a = 0; a < names.length; a++)
    for (let b = a + 1; b < names.length; b++)
      for (const q of pop) values.push({ pair: `${names[b]} against ${names[a]}`, x: r6(q.theta[a]), y: r6(q.theta[b]), weight: r6(q.weight) });
  return vegaLiteSpec(
    {
      text: 'Pairs of parameters',
      subtitle: 'Final population; larger points carry more weight. A ridge means the targets fix a combination, not each parameter.',
    },
    {
      data: { values },
      facet: { field: 'pair', type: 'nominal', title: null, columns: 3 },
      spec: {
        width: 200,
        height: 150,
        mark: { type: 'circle', opacity: 0.5, color: OKABE_ITO.vermillion },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: null, scale: { zero: false } },
          y: { field: 'y', type: 'quantitative', title: null, scale: { zero: false } },
          size: { field: 'weight', type: 'quantitative', legend: null },
        },
      },
      resolve: { scale: { x: 'independent', y: 'independent' } },
    },
  );
}

/** Each target in z units: the stated 95% interval of the observation against the simulated 90% interval. */
function checksChart(outcome: CalibrationOutcome): Record<string, unknown> {
  const values = outcome.checks.map((c) => ({
    target: c.name,
    z: r6(c.z),
    lo: r6((c.q05 - c.observed) / c.uncertainty),
    hi: r6((c.q95 - c.observed) / c.uncertainty),
    verdict: c.met ? 'inside the stated interval' : 'outside the stated interval',
  }));
  return vegaLiteSpec(
    {
      text: 'Posterior predictive checks',
      subtitle: 'Simulated median and 90% interval, in standard errors of the observation from the observed value; the grey band is the stated 95% interval.',
    },
    {
      width: 520,
      height: { step: 24 },
      data: { values },
      layer: [
        { mark: { type: 'rect', color: '#dddddd' }, encoding: { x: { datum: -1.96, type: 'quantitative' }, x2: { datum: 1.96 } } },
        {
          mark: { type: 'rule', strokeWidth: 2 },
          encoding: { y: { field: 'target', type: 'nominal', title: null }, x: { field: 'lo', type: 'quantitative', title: 'z' }, x2: { field: 'hi' } },
        },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y: { field: 'target', type: 'nominal' },
            x: { field: 'z', type: 'quantitative' },
            color: {
              field: 'verdict',
              type: 'nominal',
              title: null,
              scale: { domain: ['inside the stated interval', 'outside the stated interval'], range: [OKABE_ITO.green, OKABE_ITO.vermillion] },
            },
          },
        },
      ],
    },
  );
}

function parameterTable(outcome: CalibrationOutcome): string {
  const rows = outcome.parameters.map(
    (p) =>
      `<tr><td><code>${escapeHtml(p.path)}</code></td><td>${escapeHtml(p.prior)}</td><td class="num">${f(p.median)}</td><td class="num">${f(p.q05)} to ${f(p.q95)}</td><td class="num">${f(p.priorQ05)} to ${f(p.priorQ95)}</td><td>${escapeHtml(p.identified)} (${f(p.widthRatio)})</td></tr>`,
  );
  return `<table><thead><tr><th>parameter</th><th>prior</th><th>median</th><th>90% interval</th><th>prior 90%</th><th>constrained? (width ratio)</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

function checksTable(outcome: CalibrationOutcome): string {
  const rows = outcome.checks.map(
    (c) =>
      `<tr${c.met ? '' : ' class="miss"'}><td>${escapeHtml(c.name)}</td><td class="num">${f(c.observed)} (${f(c.low)} to ${f(c.high)})</td><td class="num">${f(c.median)} (${f(c.q05)} to ${f(c.q95)})</td><td>${c.met ? 'met' : 'missed'}</td><td class="note">${escapeHtml(c.source)}</td></tr>`,
  );
  return `<table><thead><tr><th>target</th><th>observed (95%)</th><th>simulated median (90%)</th><th></th><th>source</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/** What the calibration found, in words. */
export function findingsText(outcome: CalibrationOutcome): string[] {
  const out: string[] = [];
  const by = (w: string) => outcome.parameters.filter((p) => p.identified === w).map((p) => p.path);
  const c = by('constrained');
  const n = by('not constrained');
  if (c.length) out.push(`The targets constrain ${c.join(', ')} (90% interval under half the prior's).`);
  if (by('weakly constrained').length) out.push(`They narrow ${by('weakly constrained').join(', ')} only a little.`);
  if (n.length)
    out.push(
      `They say almost nothing about ${n.join(', ')}: the posterior is close to the prior, so results that depend on these carry their prior uncertainty.`,
    );
  for (const r of outcome.correlations) out.push(`${r.a} and ${r.b} trade off (correlation ${f(r.r)}): the targets fix a combination of the two.`);
  const missed = outcome.checks.filter((x) => !x.met);
  out.push(
    missed.length
      ? `${outcome.checks.length - missed.length} of ${outcome.checks.length} targets are met; the model misses ${missed.map((x) => `${x.name} (simulated ${f(x.median)}, observed ${f(x.observed)})`).join(', ')}.`
      : `All ${outcome.checks.length} targets are met: each simulated median lies inside the observation's stated 95% interval.`,
  );
  return out;
}

async function figure(dir: string, name: string, spec: Record<string, unknown> | null): Promise<string> {
  if (!spec) return '';
  mkdirSync(join(dir, 'charts'), { recursive: true });
  writeFileAtomicSync(join(dir, 'charts', `${name}.vl.json`), JSON.stringify(spec, null, 2) + '\n');
  return `<figure>${await renderSvg(spec, { idPrefix: name })}</figure>`;
}

export async function writeCalibrationReport(dir: string, input: OutputInput, outcome: CalibrationOutcome): Promise<void> {
  const { loaded, abc } = input;
  const pop = abc ? abc.population : [];
  const gens = abc
    ? `<table><thead><tr><th>generation</th><th>tolerance</th><th>ESS</th><th>acceptance</th><th>runs</th></tr></thead><tbody>\n${abc.generations
        .map(
          (g) =>
            `<tr><td>${g.generation}</td><td class="num">${f(g.tolerance)}</td><td class="num">${f(g.ess)}</td><td class="num">${f(g.acceptance)}</td><td class="num">${g.runs}</td></tr>`,
        )
        .join('\n')}\n</tbody></table>`
    : '';
  const body = [
    `<h1>Calibration: ${escapeHtml(loaded.spec.name)}</h1>`,
    loaded.spec.description ? `<p>${escapeHtml(loaded.spec.description)}</p>` : '',
    `<p class="note">${input.method === 'abc-smc' ? 'ABC-SMC' : 'Simulated method of moments'} against ${loaded.targets.length} published targets, ${loaded.priors.length} parameters, ${loaded.spec.replications} replications per scenario and parameter set; ${input.runs.executed + input.runs.replayed} model runs. Stopped because ${escapeHtml(outcome.stopped)}.</p>`,
    '<h2>What the targets say</h2>',
    `<ul>${findingsText(outcome)
      .map((x) => `<li>${escapeHtml(x)}</li>`)
      .join('\n')}</ul>`,
    '<h2>Parameters</h2>',
    parameterTable(outcome),
    abc ? await figure(dir, 'marginals', marginalChart(input, pop)) : '',
    abc ? await figure(dir, 'pairs', pairsChart(input, pop)) : '',
    '<h2>Posterior predictive checks</h2>',
    `<p class="note">${input.checks.length} draws from the ${abc ? 'posterior' : 'estimate'}, each run with fresh seeds. A target is met when the simulated median lies inside the observation's stated 95% interval.</p>`,
    checksTable(outcome),
    await figure(dir, 'checks', checksChart(outcome)),
    abc ? '<h2>Diagnostics</h2>' : '',
    gens,
  ];
  writeFileAtomicSync(join(dir, 'report.html'), page({ title: `Calibration: ${loaded.spec.name}`, css: CSS, body: body.filter(Boolean).join('\n') }));
}
