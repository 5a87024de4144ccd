/** Headline tiles: a measure now and its change since the start, for a team or a locality. */
import { f2, h, setAttr, setText } from './dom.ts';
import type { RunData } from './run.ts';

export interface Tile {
  metric: string;
  label: string;
  help: string;
  format?: (v: number) => string;
  /** true when a fall is good news */
  lowerBetter?: boolean;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export const TEAM_TILES: Tile[] = [
  { metric: 'trust_mean', label: 'Relational trust', help: 'Mean relational trust over all relationships in the team.' },
  { metric: 'high_trust_share', label: 'High-trust ties', help: 'Share of relationships with trust of at least 0.7.', format: pct },
  {
    metric: 'challenge_acceptance',
    label: 'Challenge taken well',
    help: 'Share of challenges at the last meeting that were taken well rather than as an attack.',
    format: pct,
  },
  {
    metric: 'effectiveness_mean',
    label: 'Effectiveness',
    help: 'Mean school effect on pupil attainment, in pupil SD (national mean 0; a whole-school programme moves it by hundredths).',
  },
];

export const LOCALITY_TILES: Tile[] = [
  { metric: 'trust_mean', label: 'Mean trust', help: 'Mean relational trust over all ties between partner heads.' },
  { metric: 'high_trust_share', label: 'High-trust ties', help: 'Share of ties with trust of at least 0.7.', format: pct },
  { metric: 'lencioni_results', label: 'Focus on results', help: "Lencioni's top level, mean over partnerships." },
  {
    metric: 'effectiveness_mean',
    label: 'Effectiveness',
    help: 'Mean school effect on pupil attainment, in pupil SD (national mean 0; a whole-school programme moves it by hundredths).',
  },
  { metric: 'share_improving', label: 'Schools improving', help: 'Share of schools whose effectiveness rose over the past year.', format: pct },
  {
    metric: 'effectiveness_gap',
    label: 'Disadvantage gap',
    help: 'Effectiveness of other schools minus that of the most disadvantaged third.',
    lowerBetter: true,
  },
  {
    metric: 'cross_mat_tie_share',
    label: 'Ties across trusts',
    help: 'Share of relationships that cross a trust boundary (empty when no school is in a trust).',
    format: pct,
  },
  {
    metric: 'hub_engagement',
    label: 'Hub engagement',
    help: 'Share of schools engaged with at least one hub or teaching school alliance this year.',
    format: pct,
  },
  {
    metric: 'knowledge_largest_share',
    label: 'Knowledge network',
    help: 'Share of schools in the largest connected part of the knowledge network (ties of good trust).',
    format: pct,
  },
  { metric: 'teacher_retention', label: 'Teachers retained', help: 'Share of the starting cohort of teachers still in post.', format: pct },
];

export interface TilesOptions {
  container: HTMLElement;
  tiles: Tile[];
  title: string;
  /** When given, only the tiles whose measure this run records are updated. */
  run?: RunData;
}

export class Tiles {
  readonly root: HTMLElement;
  private readonly tiles: Tile[];
  private readonly vals: HTMLElement[] = [];
  private readonly deltas: HTMLElement[] = [];

  constructor({ container, tiles, title, run }: TilesOptions) {
    this.tiles = run ? tiles.filter((t) => run.col(t.metric) >= 0) : tiles;
    this.root = h('section', { class: 'tiles', 'aria-label': title }, h('h2', {}, title));
    const grid = h('div', { class: 'tile-grid' });
    for (const t of tiles) {
      const v = h('span', { class: 'tile-value' }, '–');
      const d = h('span', { class: 'tile-delta' });
      grid.append(h('div', { class: 'tile', title: t.help }, h('span', { class: 'tile-label' }, t.label), v, d));
      this.vals.push(v);
      this.deltas.push(d);
    }
    this.root.append(grid);
    container.append(this.root);
  }

  update(run: RunData): void {
    this.tiles.forEach((t, k) => {
      const v = run.last(t.metric);
      const v0 = run.value(0, t.metric);
      const fmt = t.format ?? f2;
      setText(this.vals[k], Number.isFinite(v) ? fmt(v) : '–');
      const d = v - v0;
      if (Number.isFinite(d) && run.rows > 1) {
        const good = t.lowerBetter ? d < 0 : d > 0;
        setText(this.deltas[k], `${d >= 0 ? '▲ +' : '▼ '}${t.format ? fmt(Math.abs(d)).replace(/^/, d < 0 ? '−' : '') : d.toFixed(2)} since start`);
        setAttr(this.deltas[k], 'class', `tile-delta ${Math.abs(d) < 0.005 ? 'flat' : good ? 'good' : 'bad'}`);
      } else setText(this.deltas[k], '');
    });
  }
}
