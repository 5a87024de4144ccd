/**
 * The end card: when a run reaches its scenario's horizon it stops, and this
 * card says in a few lines what happened over the run (trust, the top of
 * the Lencioni pyramid, effectiveness, head departures), with "continue" for
 * a room that wants to see more and "start again".
 */
import { byId, clear, h } from './dom.ts';
import type { PageState, Send } from './page-state.ts';
import type { RunData } from './run.ts';

/** Start and end of a metric over the run (NaN when not observed). */
function span(run: RunData, metric: string): [number, number] {
  return [run.value(0, metric), run.last(metric)];
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** The lines of the card, in plain words. */
export function endCardLines(run: RunData, years: number): string[] {
  const [t0, t1] = span(run, 'trust_mean');
  const [r0, r1] = span(run, 'lencioni_results');
  const [e0, e1] = span(run, 'effectiveness_mean');
  let departures = 0;
  for (let row = 1; row < run.rows; row++) {
    const d = run.value(row, 'leader_departures');
    if (Number.isFinite(d)) departures += d;
  }
  const lines: string[] = [];
  if (Number.isFinite(t0) && Number.isFinite(t1))
    lines.push(`Trust between the heads went from ${pct(t0)} to ${pct(t1)} (${t1 >= t0 ? 'up' : 'down'} ${Math.abs(Math.round((t1 - t0) * 100))} points).`);
  if (Number.isFinite(r0) && Number.isFinite(r1)) lines.push(`Attention to collective results, the top of the pyramid: ${pct(r0)} then, ${pct(r1)} now.`);
  if (Number.isFinite(e0) && Number.isFinite(e1)) {
    const d = e1 - e0;
    lines.push(
      Math.abs(d) < 0.01
        ? `Pupil attainment barely moved (${d >= 0 ? '+' : ''}${d.toFixed(3)} SD): real programmes move it by hundredths of an SD.`
        : `Pupil attainment ${d > 0 ? 'rose' : 'fell'} by ${Math.abs(d).toFixed(2)} SD on average.`,
    );
  }
  lines.push(departures === 0 ? 'No head left.' : `${departures} head${departures === 1 ? '' : 's'} left and ${departures === 1 ? 'was' : 'were'} replaced.`);
  lines.unshift(`The run has reached its horizon: ${years} year${years === 1 ? '' : 's'}.`);
  return lines;
}

/** Show or hide the card for the current status. */
export function updateEndCard(state: PageState): void {
  const card = byId('endcard');
  const run = state.runs[0];
  const show = state.status.ended && !state.status.running && !!run?.snap && run.rows > 1;
  if (!show) {
    card.hidden = true;
    return;
  }
  const years = Math.round(((run.rows - 1) / run.info.ticksPerYear) * 10) / 10;
  const body = byId('endcard-text');
  clear(body);
  for (const line of endCardLines(run, years)) body.append(h('p', {}, line));
  card.hidden = false;
}

/** Wire the card's buttons. */
export function wireEndCard(send: Send): void {
  byId('endcard-continue').addEventListener('click', () => send({ type: 'continue' }));
  byId('endcard-again').addEventListener('click', () => send({ type: 'reset' }));
}
