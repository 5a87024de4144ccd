/**
 * The answer at the top of a run report: the effect of the scenario on its
 * question's outcome against its counterfactual, over replications, in the
 * outcome's unit and in plain words; the supporting metrics; and the tables
 * written beside the report (answer.csv, replications.csv, bands.csv).
 */
import type { AnswerRow, ReplicatedAnswer } from './answer-types.ts';
import { toCsv } from './csv.ts';
import { escapeHtml } from './html.ts';
import { diffText, metricLabel, valueText } from './metric-labels.ts';
import { htmlTable } from './report-tables.ts';

const cap = (s: string) => s.replace(/^./, (c) => c.toUpperCase());

/** Two values with the unit written once (`+0.001 to +0.003 pupil SD`), each formatted by `fmt`. */
function unitOnce(low: number, high: number, unit: string, fmt: (x: number, unit: string) => string): string {
  const hi = fmt(high, unit);
  const suffix = hi.replace(/^[^ ]+/, '');
  return `${fmt(low, unit).replace(suffix, '')} to ${hi}`;
}

/** `+0.001 to +0.003 pupil SD`: two differences, the unit written once. */
export const rangeText = (low: number, high: number, unit: string): string => unitOnce(low, high, unit, diffText);

/** `-0.004 to 0.000 pupil SD`: two values, the unit written once. */
export const valueRange = (low: number, high: number, unit: string): string => unitOnce(low, high, unit, valueText);

/** Whether the 95% interval of the effect excludes zero. */
export function effectIsClear(r: AnswerRow): boolean {
  return r.effectLow !== undefined && Number.isFinite(r.effectLow) && (r.effectLow > 0 || r.effectHigh! < 0);
}

function interval(low: number | undefined, high: number | undefined, unit: string): string {
  if (low === undefined || high === undefined || !Number.isFinite(low)) return 'no interval';
  return `95% CI ${rangeText(low, high, unit)}`;
}

/**
 * The size of an effect on pupil attainment in words, against published
 * magnitudes (docs/sources.md): professional development programmes average
 * about 0.05 to 0.09 pupil SD; collaboration trials found no measurable effect.
 */
export function pupilSdWords(effect: number): string {
  const a = Math.abs(effect);
  if (a < 0.01)
    return 'under a hundredth of a pupil standard deviation: too small to show in a school\u2019s results, and in line with trials of school collaboration, which found no measurable effect on attainment';
  if (a < 0.05) return 'a small effect, below the 0.05 to 0.09 pupil SD that professional development programmes average in trials';
  return 'a large effect for a whole-school programme: professional development programmes average 0.05 to 0.09 pupil SD in trials, so treat it with caution';
}

/** The lead sentence for the outcome. */
export function answerSentence(a: ReplicatedAnswer, name: string): string {
  const r = a.rows[0];
  const label = metricLabel(r.metric);
  if (!a.counterfactual || r.effect === undefined) {
    const iv = Number.isFinite(r.meanLow) ? ` (95% CI of the mean ${valueRange(r.meanLow, r.meanHigh, r.unit)})` : '';
    return `At year ${a.year}, ${label} averages ${valueText(r.mean, r.unit)}${iv} over ${a.reps} runs of ${name}.`;
  }
  const clear = effectIsClear(r);
  const verb = !clear ? 'does not clearly change' : r.effect > 0 ? 'raises' : 'lowers';
  const by = clear ? ` by ${diffText(Math.abs(r.effect), r.unit).replace(/^\+/, '')}` : ` (mean difference ${diffText(r.effect, r.unit)})`;
  return `Compared with ${a.counterfactual.label}, ${name} ${verb} ${label} at year ${a.year}${by}, ${interval(r.effectLow, r.effectHigh, r.unit)}, over ${r.n} paired replications.`;
}

function supportingSentence(a: ReplicatedAnswer): string | undefined {
  if (!a.counterfactual) return undefined;
  const moved = a.rows.slice(1).filter(effectIsClear);
  const still = a.rows.slice(1).filter((r) => !effectIsClear(r) && r.effect !== undefined);
  const parts: string[] = [];
  if (moved.length) parts.push(`It clearly moves ${moved.map((r) => `${metricLabel(r.metric)} (${diffText(r.effect!, r.unit)})`).join(', ')}.`);
  if (still.length) parts.push(`It does not clearly move ${still.map((r) => metricLabel(r.metric)).join(', ')}.`);
  return parts.join(' ') || undefined;
}

function answerTable(a: ReplicatedAnswer): string {
  if (a.counterfactual) {
    return htmlTable(
      ['Measure', 'Counterfactual', 'This scenario', 'Difference', '95% CI', 'Clear?'],
      a.rows.map((r) => [
        cap(metricLabel(r.metric)),
        valueText(r.counterfactualMean ?? NaN, r.unit),
        valueText(r.mean, r.unit),
        diffText(r.effect ?? NaN, r.unit),
        Number.isFinite(r.effectLow ?? NaN) ? rangeText(r.effectLow!, r.effectHigh!, r.unit) : '\u2013',
        effectIsClear(r) ? 'yes' : 'no',
      ]),
      1,
      `Means over ${a.reps} paired replications at year ${a.year}. Difference: this scenario minus the counterfactual; "clear" when its 95% interval excludes zero.`,
    );
  }
  return htmlTable(
    ['Measure', 'Mean', '95% CI of the mean'],
    a.rows.map((r) => [
      cap(metricLabel(r.metric)),
      valueText(r.mean, r.unit),
      Number.isFinite(r.meanLow) ? valueRange(r.meanLow, r.meanHigh, r.unit) : '\u2013',
    ]),
    1,
    `Means over ${a.reps} runs on different seeds at year ${a.year}.`,
  );
}

export interface AnswerFigure {
  name: string;
  title: string;
  explanation: string;
  html: string;
}

/** The answer section: the finding in words, its size, the table, the charts and how it was computed. */
export function answerSectionHtml(a: ReplicatedAnswer, name: string, figures: AnswerFigure[]): string {
  const r = a.rows[0];
  const parts = [`<section class="headline" id="answer">\n<h2>The answer${a.counterfactual ? '' : ' over replications'}</h2>`];
  parts.push(`<p class="finding">${escapeHtml(answerSentence(a, name))}</p>`);
  if (a.counterfactual && r.unit === 'pupil SD' && r.effect !== undefined) {
    parts.push(`<p>In pupil terms that is ${escapeHtml(pupilSdWords(r.effect))}.</p>`);
  }
  const sup = supportingSentence(a);
  if (sup) parts.push(`<p>${escapeHtml(sup)}</p>`);
  if (!a.counterfactual) {
    parts.push(
      '<p>This scenario describes rather than compares: it has no counterfactual (an <code>answer.counterfactual</code> in the scenario file), so the figures are levels, not effects of a policy.</p>',
    );
  }
  parts.push(answerTable(a));
  parts.push('</section>');
  for (const f of figures) parts.push(f.html);
  parts.push(
    `<section class="note" id="answer-method">\n<h2>How the answer was computed</h2>\n<ul>` +
      `<li>${a.reps} replications on different seeds${a.counterfactual ? `; on each seed both this scenario and the counterfactual ran, so chance affects both alike (common random numbers)` : ''}. Replication 1 is the run shown in detail below (seed ${a.seeds[0]}).</li>` +
      (a.counterfactual
        ? `<li>The counterfactual: ${escapeHtml(a.counterfactual.label)} (${escapeHtml(a.counterfactual.source)}).</li>` +
          `<li>The effect is the mean over replications of the paired difference (this scenario minus the counterfactual) at year ${a.year}; its 95% confidence interval is a t interval of that mean. It says how well the model's answer is pinned down by the replications, not how uncertain the model's parameters are (for that, <code>compare --posterior</code>).</li>`
        : `<li>Each figure is the mean over replications at year ${a.year} with the 95% confidence interval of that mean.</li>`) +
      `<li>Files: <code>answer.csv</code> (this table), <code>replications.csv</code> (each replication's values), <code>bands.csv</code> (the bands of the charts).</li></ul>\n</section>`,
  );
  return parts.join('\n');
}

const num = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? null : x);

/** answer.csv: one row per answered metric. */
export function answerCsv(a: ReplicatedAnswer): string {
  return toCsv(
    [
      'metric',
      'unit',
      'year',
      'n',
      'mean',
      'mean_ci95_low',
      'mean_ci95_high',
      'counterfactual_mean',
      'effect',
      'effect_ci95_low',
      'effect_ci95_high',
      'd_z',
      'p_value',
    ],
    a.rows.map((r) => [
      r.metric,
      r.unit,
      r.year,
      r.n,
      num(r.mean),
      num(r.meanLow),
      num(r.meanHigh),
      num(r.counterfactualMean),
      num(r.effect),
      num(r.effectLow),
      num(r.effectHigh),
      num(r.dz),
      num(r.pValue),
    ]),
  );
}

/** replications.csv: each replication's value of each answered metric at the answer's year (tidy). */
export function replicationsCsv(a: ReplicatedAnswer): string {
  const rows: (string | number | null)[][] = [];
  for (const run of a.runs) for (const [m, v] of Object.entries(run.values)) rows.push([run.rep, run.seed, run.arm, m, num(v)]);
  return toCsv(['rep', 'seed', 'arm', 'metric', 'value'], rows);
}

/** bands.csv: the charted bands per row of the series, a tick or a year's end (tidy). */
export function bandsCsv(a: ReplicatedAnswer): string {
  const rows: (string | number | null)[][] = [];
  for (const b of a.bands) {
    for (let t = 0; t < b.mid.length; t++) {
      if (!Number.isFinite(b.mid[t])) continue;
      rows.push([b.metric, b.arm, t * (a.ticksPerRow ?? 1), t / a.ticksPerYear, num(b.low[t]), num(b.mid[t]), num(b.high[t])]);
    }
  }
  return toCsv(['metric', 'arm', 'tick', 'year', 'low', 'mid', 'high'], rows);
}
