/** The tooltip card of one relationship: the four Bryk–Schneider parts and the relational trust they cap. */
import type { Snapshot } from '../protocol.ts';
import { f2, h } from './dom.ts';
import { PARTS } from './palette.ts';

export interface EdgeCardOptions {
  /** Who sees, and whom. */
  from: string;
  to: string;
  snap: Snapshot;
  /** The edge from -> to, and (for a tie) the edge back. */
  edge: number;
  back?: number;
}

/** The four parts and the trust of an edge, as a small table for the tooltip. */
export function edgeCard({ from, to, snap, edge: e, back }: EdgeCardOptions): HTMLElement {
  const parts = [snap.respect[e], snap.regard[e], snap.competence[e], snap.integrity[e]];
  let weakest = 0;
  for (let k = 1; k < 4; k++) if (parts[k] < parts[weakest]) weakest = k;
  const rows = PARTS.map((p, k) =>
    h(
      'div',
      { class: 'part-row' },
      h('span', { class: 'part-label' }, p.label),
      h('span', { class: 'bar' }, h('span', { class: 'fill', style: `width:${Math.round(parts[k] * 100)}%;background:${p.color}` })),
      h('span', { class: 'num' }, f2(parts[k])),
    ),
  );
  const card = h(
    'div',
    { class: 'edge-card' },
    h('div', { class: 'tt-title' }, `${from} → ${to}`),
    h('div', { class: 'tt-sub' }, `How ${from} sees ${to}`),
    ...rows,
    h(
      'div',
      { class: 'tt-total' },
      `Relational trust ${f2(snap.trust[e])}`,
      h('span', { class: 'tt-note' }, ` — held down by the weakest part (${PARTS[weakest].label.toLowerCase()})`),
    ),
  );
  if (back !== undefined) card.append(h('div', { class: 'tt-sub' }, `${to}'s trust in ${from}: ${f2(snap.trust[back])}`));
  return card;
}
