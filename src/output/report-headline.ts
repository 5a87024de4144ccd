/**
 * The headline box of the run report: key numbers at the start and end of
 * the run, and plain-language sentences generated from them.
 */
import type { RunOutput } from '../engine/contract.ts';
import { LENCIONI_LEVELS } from '../common/palette.ts';
import { changeText, DASH, durationText, fixed2, fixed3, pct, plural } from './report-format.ts';
import { firstLast, getSeries, runYears, type Obs } from './run-series.ts';

interface HeadlineRow {
  label: string;
  start: string;
  end: string;
  change: string;
}

export interface Headline {
  rows: HeadlineRow[];
  sentences: string[];
}

type Span = { first: Obs; last: Obs };

function yearOf(out: RunOutput, tick: number): string {
  const y = tick / out.series.ticksPerYear;
  return `year ${Math.round(y * 10) / 10}`;
}

/** rose / fell / stayed, judged on the values as displayed (`fmt`), with an optional unit after the numbers. */
function movement(s: Span, fmt = fixed2, unit = ''): string {
  const a = fmt(s.first.value);
  const b = fmt(s.last.value);
  if (a === b) return `stayed at ${b}${unit}`;
  return `${s.last.value > s.first.value ? 'rose' : 'fell'} from ${a} to ${b}${unit}`;
}

/** A row of 0 to 1 scores with two decimals. */
function scoreRow(label: string, s: Span): HeadlineRow {
  return { label, start: fixed2(s.first.value), end: fixed2(s.last.value), change: changeText(s.first.value, s.last.value) };
}

/** A row of values in pupil SD with three decimals. */
function sdRow(label: string, s: Span): HeadlineRow {
  return { label, start: fixed3(s.first.value), end: fixed3(s.last.value), change: changeText(s.first.value, s.last.value, false, 3) };
}

/** A row of shares as whole percentages. */
function shareRow(label: string, s: Span): HeadlineRow {
  return { label, start: pct(s.first.value), end: pct(s.last.value), change: changeText(s.first.value, s.last.value, true) };
}

/** The biggest step down between neighbouring levels of the final pyramid, if at least 0.05. */
function pyramidStep(out: RunOutput): string | undefined {
  const ends = LENCIONI_LEVELS.map((l) => ({ label: l.label, v: firstLast(out, l.metric)?.last.value ?? NaN }));
  let worst: { from: string; to: string; a: number; b: number; drop: number } | undefined;
  for (let i = 0; i + 1 < ends.length; i++) {
    const a = ends[i].v;
    const b = ends[i + 1].v;
    if (!Number.isFinite(a) || !Number.isFinite(b)) continue;
    const drop = a - b;
    if (!worst || drop > worst.drop) worst = { from: ends[i].label, to: ends[i + 1].label, a, b, drop };
  }
  if (!worst || worst.drop < 0.05) return undefined;
  return `The biggest step down in the final pyramid is from ${worst.from.toLowerCase()} (${fixed2(worst.a)}) to ${worst.to.toLowerCase()} (${fixed2(worst.b)}): on average, that is the level where groups are most held back.`;
}

/**
 * The gap (others minus disadvantaged, pupil SD) in words: positive means
 * disadvantaged schools are behind, negative that they are ahead; judged on
 * the values as displayed.
 */
function gapMovement(s: Span): string {
  const a = Number(fixed3(s.first.value));
  const b = Number(fixed3(s.last.value));
  const abs = (x: number) => fixed3(Math.abs(x));
  if (a >= 0 && b >= 0) {
    if (a === b) return `stayed at ${abs(b)} pupil SD, with disadvantaged schools behind`;
    return `${b < a ? 'narrowed' : 'widened'}: disadvantaged schools were ${abs(a)} pupil SD behind the rest at the start and ${abs(b)} at the end`;
  }
  if (a < 0 && b < 0) return `ran the other way: disadvantaged schools were ahead of the rest, by ${abs(a)} pupil SD at the start and ${abs(b)} at the end`;
  return `moved from ${fixed3(a)} to ${fixed3(b)} pupil SD (positive: disadvantaged schools behind the rest; negative: ahead)`;
}

/** Headteacher departures over the run (from tick 1), if the run records them. */
function departures(out: RunOutput, h: Headline): void {
  const dep = getSeries(out, 'leader_departures');
  if (!dep) return;
  let total = 0;
  let seen = false;
  for (let t = 1; t < dep.length; t++) {
    if (!Number.isNaN(dep[t])) {
      total += dep[t];
      seen = true;
    }
  }
  if (!seen) return;
  total = Math.round(total);
  const years = runYears(out);
  h.rows.push({ label: 'Headteacher departures (total over the run)', start: DASH, end: String(total), change: DASH });
  if (total === 0) {
    h.sentences.push('No headteacher left their post during the run.');
  } else {
    const perYear = years >= 1 ? ` (about ${(total / years).toFixed(1)} a year)` : '';
    h.sentences.push(`${total} ${plural(total, 'headteacher', 'headteachers')} left their posts during the run${perYear}.`);
  }
}

/** Trust, the top of the pyramid and where it narrows most, and effectiveness and its gap. */
function scoreLines(out: RunOutput, h: Headline): void {
  const trust = firstLast(out, 'trust_mean');
  if (trust) {
    h.rows.push(scoreRow('Mean relational trust (0\u20131)', trust));
    h.sentences.push(`Mean relational trust ${movement(trust)} over ${durationText(out)}.`);
  }
  const results = firstLast(out, 'lencioni_results');
  if (results) {
    h.rows.push(scoreRow('Lencioni results level (0\u20131)', results));
    h.sentences.push(`The top of the Lencioni pyramid, a shared focus on results, ${movement(results)}.`);
  }
  const step = pyramidStep(out);
  if (step) h.sentences.push(step);
  const eff = firstLast(out, 'effectiveness_mean');
  if (eff) {
    h.rows.push(sdRow('Mean school effectiveness (pupil SD, national mean 0)', eff));
    h.sentences.push(`Mean school effectiveness ${movement(eff, fixed3, ' pupil SD')} (a whole-school programme moves it by hundredths).`);
  }
  const gap = firstLast(out, 'effectiveness_gap');
  if (gap) {
    h.rows.push(sdRow('Disadvantage gap in pupil SD (others minus disadvantaged)', gap));
    h.sentences.push(`The effectiveness gap between disadvantaged schools and the rest ${gapMovement(gap)}.`);
  }
}

/** First (from year 1, when a school first has a year's history) and last observations of a series. */
function fromYearOne(out: RunOutput, metric: string): Span | undefined {
  const s = getSeries(out, metric);
  if (!s) return undefined;
  const tpy = out.series.ticksPerYear;
  let first: Obs | undefined;
  let last: Obs | undefined;
  for (let t = tpy; t < s.length; t++) {
    if (Number.isNaN(s[t])) continue;
    first ??= { tick: t, value: s[t] };
    last = { tick: t, value: s[t] };
  }
  return first && last && last.tick > first.tick ? { first, last } : undefined;
}

/** Key numbers and plain-language sentences, generated from the run. */
export function headline(out: RunOutput): Headline {
  const h: Headline = { rows: [], sentences: [] };
  scoreLines(out, h);

  const share = fromYearOne(out, 'share_improving');
  if (share) {
    const from = yearOf(out, share.first.tick);
    h.rows.push(shareRow(`Schools improving on a year earlier (from ${from})`, share));
    h.sentences.push(`By the end, ${pct(share.last.value)} of schools were more effective than a year earlier (${pct(share.first.value)} at ${from}).`);
  }

  departures(out, h);

  const ret = firstLast(out, 'teacher_retention');
  if (ret) {
    h.rows.push(shareRow('Teachers from the starting cohort still in post', ret));
    const maths = firstLast(out, 'teacher_retention_maths');
    const mathsText = maths ? ` (maths teachers: ${pct(maths.last.value)})` : '';
    h.sentences.push(`${pct(ret.last.value)} of the teachers in post at the start were still there at the end${mathsText}.`);
  }
  return h;
}
