/** Parts the views share: the trust legend, chart lines, and a pyramid's levels for one group or all partnerships. */
import { h } from './dom.ts';
import { GRADE_COLORS, GRADE_SHORT, LEVELS, OI, PARTS, trustColor } from './palette.ts';
import type { RunData } from './run.ts';

export function trustLegend(): HTMLElement {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${trustColor(t)} ${t * 100}%`).join(', ');
  return h(
    'div',
    { class: 'legend' },
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'legend-label' }, 'Trust'),
      h('span', { class: 'ramp', style: `background:linear-gradient(90deg, ${stops})` }),
      h('span', { class: 'legend-ends' }, '0 low · high 1'),
    ),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'legend-label' }, 'Grade'),
      ...GRADE_SHORT.map((g, k) => h('span', { class: 'chip', style: `background:${GRADE_COLORS[k]}`, title: g }, g)),
    ),
  );
}

export const TRUST_LINES: { metric: string; label: string; color: string }[] = [
  { metric: 'trust_mean', label: 'Relational trust', color: OI.black },
  ...PARTS.map((p) => ({ metric: `${p.key}_mean`, label: p.label, color: p.color })),
];
export const LEVEL_LINES = LEVELS.map((l) => ({ metric: l.metric, label: l.label, color: l.color }));

/** The five Lencioni levels and the binding gate of group g, or (g < 0) the mean over partnerships with the most common gate. */
export function groupLevels(run: RunData, g = -1): { levels: number[]; binding: number } {
  const snap = run.snap;
  if (!snap) return { levels: [0, 0, 0, 0, 0], binding: 0 };
  const G = run.info.groups;
  if (g >= 0) return { levels: Array.from(snap.levels.subarray(g * 5, g * 5 + 5)), binding: snap.binding[g] };
  const levels = [0, 0, 0, 0, 0];
  const votes = [0, 0, 0, 0, 0];
  let n = 0;
  for (let k = 0; k < G.names.length; k++) {
    if (G.kind[k] !== 0) continue;
    for (let l = 0; l < 5; l++) levels[l] += snap.levels[k * 5 + l];
    votes[snap.binding[k]]++;
    n++;
  }
  let binding = 0;
  for (let b = 1; b < 5; b++) if (votes[b] > votes[binding]) binding = b;
  return { levels: levels.map((v) => (n ? v / n : 0)), binding };
}
