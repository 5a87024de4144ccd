/**
 * The three views: team (one partnership of heads), locality (schools,
 * partnerships and trust ties on a map) and what-if (two copies side by
 * side). A view draws from the page's RunData and is rebuilt when the runs
 * are rebuilt.
 */
import type { WhatIf } from '../protocol.ts';
import { PRACTICES, SETTINGS } from '../setup.ts';
import { LineChart, type Line } from './charts.ts';
import { clear, f2, h, setAttr, setText, type Tooltip } from './dom.ts';
import { HeadsPanel } from './heads.ts';
import { EventLog } from './log.ts';
import { LocalityMap, MAT_COLORS, TIE_FILTERS, TeamNetwork, type TieFilter } from './network.ts';
import { GRADE_COLORS, GRADE_SHORT, LEVELS, OI, PARTS, SCHOOL_COLORS, trustColor } from './palette.ts';
import { Pyramid } from './pyramid.ts';
import type { RunData } from './run.ts';

export interface ViewContext {
  stage: HTMLElement;
  side: HTMLElement;
  tooltip: Tooltip;
  large: boolean;
  onSelect: (head: number) => void;
}

export interface View {
  readonly kind: 'team' | 'locality' | 'whatif';
  readonly log: EventLog;
  update(): void;
  /** The run's groups or network were rebuilt: redraw the network (the charts keep going). */
  restructure(): void;
  select(head: number): void;
  destroy(): void;
}

function trustLegend(): HTMLElement {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((t) => `${trustColor(t)} ${t * 100}%`).join(', ');
  return h(
    'div',
    { class: 'legend' },
    h('span', { class: 'legend-item' }, h('span', { class: 'legend-label' }, 'Trust'), h('span', { class: 'ramp', style: `background:linear-gradient(90deg, ${stops})` }), h('span', { class: 'legend-ends' }, '0 low · high 1')),
    h(
      'span',
      { class: 'legend-item' },
      h('span', { class: 'legend-label' }, 'Grade'),
      ...GRADE_SHORT.map((g, k) => h('span', { class: 'chip', style: `background:${GRADE_COLORS[k]}`, title: g }, g)),
    ),
  );
}

const TRUST_LINES: { metric: string; label: string; color: string }[] = [
  { metric: 'trust_mean', label: 'Relational trust', color: OI.black },
  ...PARTS.map((p) => ({ metric: `${p.key}_mean`, label: p.label, color: p.color })),
];
const LEVEL_LINES = LEVELS.map((l) => ({ metric: l.metric, label: l.label, color: l.color }));

function groupLevels(run: RunData, g = -1): { levels: number[]; binding: number } {
  const snap = run.snap!;
  const G = run.info.groups;
  if (g >= 0) return { levels: Array.from(snap.levels.subarray(g * 5, g * 5 + 5)), binding: snap.binding[g] };
  // Mean over partnerships (the overall pyramid); the gate shown is the most common one.
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

// ---------------------------------------------------------------------------

interface Tile {
  metric: string;
  label: string;
  help: string;
  format?: (v: number) => string;
  /** true when a fall is good news */
  lowerBetter?: boolean;
}

const TEAM_TILES: Tile[] = [
  { metric: 'trust_mean', label: 'Relational trust', help: 'Mean relational trust over all relationships in the team.' },
  { metric: 'high_trust_share', label: 'High-trust ties', help: 'Share of relationships with trust of at least 0.7.', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'challenge_acceptance', label: 'Challenge taken well', help: 'Share of challenges at the last meeting that were taken well rather than as an attack.', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'effectiveness_mean', label: 'Effectiveness', help: 'Mean school effectiveness (0 to 1).' },
];

const LOCALITY_TILES: Tile[] = [
  { metric: 'trust_mean', label: 'Mean trust', help: 'Mean relational trust over all ties between partner heads.' },
  { metric: 'high_trust_share', label: 'High-trust ties', help: 'Share of ties with trust of at least 0.7.', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'lencioni_results', label: 'Focus on results', help: "Lencioni's top level, mean over partnerships." },
  { metric: 'effectiveness_mean', label: 'Effectiveness', help: 'Mean school effectiveness (0 to 1).' },
  { metric: 'share_improving', label: 'Schools improving', help: 'Share of schools whose effectiveness rose over the past year.', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'effectiveness_gap', label: 'Disadvantage gap', help: 'Effectiveness of other schools minus that of the most disadvantaged third.', lowerBetter: true },
  { metric: 'cross_mat_tie_share', label: 'Ties across trusts', help: 'Share of relationships that cross a trust boundary (empty when no school is in a trust).', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'hub_engagement', label: 'Hub engagement', help: 'Share of schools engaged with at least one hub or teaching school alliance this year.', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'knowledge_largest_share', label: 'Knowledge network', help: 'Share of schools in the largest connected part of the knowledge network (ties of good trust).', format: (v) => `${Math.round(v * 100)}%` },
  { metric: 'teacher_retention', label: 'Teachers retained', help: 'Share of the starting cohort of teachers still in post.', format: (v) => `${Math.round(v * 100)}%` },
];

class Tiles {
  readonly root: HTMLElement;
  private readonly vals: HTMLElement[] = [];
  private readonly deltas: HTMLElement[] = [];
  constructor(container: HTMLElement, private tiles: Tile[], title: string, run?: RunData) {
    if (run) this.tiles = tiles.filter((t) => run.col(t.metric) >= 0);
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

export class TeamView implements View {
  readonly kind = 'team' as const;
  readonly log: EventLog;
  private net: TeamNetwork;
  private readonly netBox: HTMLElement;
  private readonly ctx: ViewContext;
  private readonly pyr: Pyramid;
  private readonly heads: HeadsPanel;
  private readonly tiles: Tiles;
  private readonly charts: LineChart[] = [];
  private readonly schoolLabels: string[];

  constructor(private readonly run: RunData, ctx: ViewContext) {
    const info = run.info;
    const top = h('div', { class: 'stage-top' });
    const netWrap = h('figure', { class: 'net-wrap' }, h('figcaption', {}, `Trust between the heads of ${info.preset.title.replace(/ \(.*\)$/, '')}`));
    top.append(netWrap);
    this.ctx = ctx;
    this.netBox = h('div', { class: 'net-box' });
    netWrap.append(this.netBox, trustLegend());
    this.net = new TeamNetwork(this.netBox, info, ctx.tooltip, ctx.onSelect);
    const pyrWrap = h('div', { class: 'pyr-col' });
    top.append(pyrWrap);
    this.pyr = new Pyramid(pyrWrap, { title: "The team's Lencioni pyramid" });
    this.tiles = new Tiles(pyrWrap, TEAM_TILES, 'The team now', run);
    const charts = h('div', { class: 'charts' });
    ctx.stage.append(top, charts);
    this.schoolLabels = info.leaderSchool.length ? Array.from(info.leaderSchool, (sc) => info.schools.names[sc].replace(/ (Church )?Primary$/, '')) : [];
    const schoolLines: Line[] = this.schoolLabels.map((l, k) => ({ label: l, color: SCHOOL_COLORS[k % SCHOOL_COLORS.length] }));
    this.charts.push(
      new LineChart(charts, TRUST_LINES, { title: 'Relational trust and its four parts', large: ctx.large, yDomain: [0, 1], description: 'Mean over all relationships in the team.' }),
      new LineChart(charts, LEVEL_LINES, { title: 'Lencioni levels', large: ctx.large, yDomain: [0, 1], description: 'Each level can rise only as far as the one beneath it allows.' }),
      new LineChart(charts, schoolLines, { title: 'School effectiveness', large: ctx.large, description: 'Latent quality of each school (0 to 1).' }),
    );
    this.heads = new HeadsPanel(ctx.side, info, ctx.onSelect);
    this.log = new EventLog(ctx.side);
  }

  update(): void {
    const run = this.run;
    const snap = run.snap;
    if (!snap) return;
    this.net.update(snap);
    const g = run.info.groups.kind.indexOf(0);
    const { levels, binding } = groupLevels(run, g);
    this.pyr.update(levels, binding);
    const tpy = run.info.ticksPerYear;
    this.heads.update(snap, (sc) => run.schoolEff(snap.tick - tpy, sc));
    this.tiles.update(run);
    this.charts[0].set((from) => ({ points: run.points(TRUST_LINES, from), rows: run.rows }));
    this.charts[1].set((from) => ({ points: run.points(LEVEL_LINES, from), rows: run.rows }));
    this.charts[2].set((from) => ({ points: run.schoolPoints(this.schoolLabels, from), rows: run.rows }));
  }

  select(head: number): void {
    this.net.select(head);
    this.heads.select(head);
  }

  restructure(): void {
    clear(this.netBox);
    this.net = new TeamNetwork(this.netBox, this.run.info, this.ctx.tooltip, this.ctx.onSelect);
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}

// ---------------------------------------------------------------------------

const LOC_TRUST_LINES = [
  { metric: 'trust_mean', label: 'Mean trust', color: OI.black },
  { metric: 'high_trust_share', label: 'High-trust ties', color: OI.blue },
  { metric: 'lencioni_results', label: 'Focus on results', color: OI.purple },
  { metric: 'cross_mat_tie_share', label: 'Ties across trusts', color: OI.orange },
  { metric: 'hub_engagement', label: 'Hub engagement', color: OI.green },
];
const LOC_SCHOOL_LINES = [
  { metric: 'effectiveness_mean', label: 'Effectiveness', color: OI.blue },
  { metric: 'share_improving', label: 'Improving', color: OI.green },
  { metric: 'effectiveness_gap', label: 'Disadvantage gap', color: OI.vermillion },
  { metric: 'teacher_retention', label: 'Teachers retained', color: OI.orange },
];

export class LocalityView implements View {
  readonly kind = 'locality' as const;
  readonly log: EventLog;
  private map: LocalityMap;
  private readonly mapBox: HTMLElement;
  private readonly mats: HTMLElement;
  private readonly ctx: ViewContext;
  private readonly filterSel: HTMLSelectElement;
  private readonly pyr: Pyramid;
  private readonly tiles: Tiles;
  private readonly charts: LineChart[] = [];

  constructor(private readonly run: RunData, ctx: ViewContext) {
    const info = run.info;
    const top = h('div', { class: 'stage-top locality' });
    const filter = h('select', { id: 'tie-filter' }, ...TIE_FILTERS.map((t) => h('option', { value: t.value }, t.label)));
    filter.addEventListener('change', () => {
      this.map.filter = filter.value as TieFilter;
      this.update();
    });
    const mapWrap = h(
      'figure',
      { class: 'net-wrap map-wrap' },
      h('div', { class: 'map-head' }, h('figcaption', {}, `${info.preset.title}: schools, partnerships and trust ties`), h('label', { for: 'tie-filter', class: 'inline small' }, 'Show ', filter)),
    );
    this.filterSel = filter;
    top.append(mapWrap);
    this.ctx = ctx;
    this.mapBox = h('div', { class: 'net-box' });
    this.mats = h('div', { class: 'legend mats-legend' });
    mapWrap.append(this.mapBox, trustLegend(), this.mats);
    this.map = new LocalityMap(this.mapBox, info, ctx.tooltip, ctx.onSelect);
    this.drawMatLegend();
    const pyrWrap = h('div', { class: 'pyr-col' });
    top.append(pyrWrap);
    this.pyr = new Pyramid(pyrWrap, { title: 'Lencioni pyramid (mean of partnerships)' });
    const charts = h('div', { class: 'charts two' });
    ctx.stage.append(top, charts);
    this.charts.push(
      new LineChart(charts, LOC_TRUST_LINES, { title: 'Trust and teamwork', large: ctx.large, yDomain: [0, 1], description: 'Mean trust, share of high-trust ties, and two Lencioni levels.' }),
      new LineChart(charts, LOC_SCHOOL_LINES, { title: 'Schools and teachers', large: ctx.large, yDomain: [0, 1], description: 'Effectiveness, share improving, the disadvantage gap and teacher retention.' }),
    );
    this.tiles = new Tiles(ctx.side, LOCALITY_TILES, 'Headline measures', run);
    this.log = new EventLog(ctx.side);
  }

  update(): void {
    const run = this.run;
    if (!run.snap) return;
    this.map.update(run.snap);
    const { levels, binding } = groupLevels(run);
    this.pyr.update(levels, binding);
    this.tiles.update(run);
    this.charts[0].set((from) => ({ points: run.points(LOC_TRUST_LINES, from), rows: run.rows }));
    this.charts[1].set((from) => ({ points: run.points(LOC_SCHOOL_LINES, from), rows: run.rows }));
  }

  select(head: number): void {
    this.map.select(head);
  }

  restructure(): void {
    clear(this.mapBox);
    this.map = new LocalityMap(this.mapBox, this.run.info, this.ctx.tooltip, this.ctx.onSelect);
    this.map.filter = this.filterSel.value as TieFilter;
    this.drawMatLegend();
  }

  private drawMatLegend(): void {
    clear(this.mats);
    const info = this.run.info;
    this.mats.append(
      h('span', { class: 'legend-item' }, h('span', { class: 'chip area-chip' }, ' '), 'Partnership'),
      h('span', { class: 'legend-item' }, h('span', { class: 'hub-chip', 'aria-hidden': 'true' }, '◆'), 'Hub (M maths, TSH teaching school, RS research)'),
    );
    if (info.mats.length) {
      const item = h('span', { class: 'legend-item' }, h('span', { class: 'legend-label' }, 'Trusts (ring)'));
      info.mats.slice(0, 12).forEach((m, k) =>
        item.append(h('span', { class: 'ring', style: `border-color:${MAT_COLORS[k % MAT_COLORS.length]};border-style:${m.open ? 'solid' : 'dashed'}`, title: `${m.name}: ${m.open ? 'open' : 'boundary-keeping'}${m.local ? '' : ', non-local'}` }, m.name.replace(/^MAT/, ''))),
      );
      if (info.mats.length > 12) item.append(`+${info.mats.length - 12}`);
      item.append(h('span', { class: 'small' }, ' dashed = boundary-keeping'));
      this.mats.append(item);
    }
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}

// ---------------------------------------------------------------------------

export function whatIfLabel(w: WhatIf): string {
  const st = SETTINGS.find((x) => x.key === w.key);
  if (st) return `${st.label}: ${st.format(Number(w.value))}`;
  const pr = PRACTICES.find((x) => x.key === w.key);
  return pr ? `${pr.label}: ${w.value ? 'on' : 'off'}` : String(w.key);
}

function currentLabel(run: RunData, w: WhatIf): string {
  const setup = run.info.setup;
  const st = SETTINGS.find((x) => x.key === w.key);
  if (st) return `${st.label}: ${st.format(setup.settings[st.key])}`;
  const pr = PRACTICES.find((x) => x.key === w.key);
  return pr ? `${pr.label}: ${setup.practices[pr.key] ? 'on' : 'off'}` : '';
}

const COMPARE = [
  { metric: 'trust_mean', title: 'Relational trust' },
  { metric: 'lencioni_results', title: 'Focus on results (Lencioni)' },
  { metric: 'effectiveness_mean', title: 'Mean effectiveness' },
];

export class WhatIfView implements View {
  readonly kind = 'whatif' as const;
  readonly log: EventLog;
  private readonly panels: { net: TeamNetwork | LocalityMap; box: HTMLElement; pyr: Pyramid; run: RunData; title: string }[] = [];
  private readonly ctx: ViewContext;
  private readonly charts: LineChart[] = [];
  private readonly diff: HTMLElement;
  private readonly lineA: string;
  private readonly lineB: string;

  constructor(private readonly a: RunData, private readonly b: RunData, w: WhatIf, ctx: ViewContext) {
    const pair = h('div', { class: 'whatif-pair' });
    ctx.stage.append(pair);
    this.ctx = ctx;
    this.lineA = `A: ${currentLabel(a, w)}`;
    this.lineB = `B: ${whatIfLabel(w)}`;
    for (const [run, title] of [
      [a, this.lineA],
      [b, this.lineB],
    ] as const) {
      const col = h('section', { class: `whatif-col ${run === a ? 'copy-a' : 'copy-b'}`, 'aria-label': title }, h('h2', {}, title));
      const inner = h('div', { class: 'whatif-inner' });
      col.append(inner);
      pair.append(col);
      const netWrap = h('div', { class: 'net-wrap small' });
      inner.append(netWrap);
      const net = run.info.mode === 'team' ? new TeamNetwork(netWrap, run.info, ctx.tooltip, ctx.onSelect, { label: title }) : new LocalityMap(netWrap, run.info, ctx.tooltip, ctx.onSelect, { label: title });
      const pyr = new Pyramid(inner, { compact: true, title: 'Lencioni pyramid' });
      this.panels.push({ net, box: netWrap, pyr, run, title });
    }
    const charts = h('div', { class: 'charts' });
    ctx.stage.append(charts);
    for (const c of COMPARE) {
      this.charts.push(
        new LineChart(
          charts,
          [
            { label: 'A (as set up)', color: OI.blue },
            { label: 'B (what if)', color: OI.orange, dash: [8, 5] },
          ],
          { title: c.title, large: ctx.large, yDomain: [0, 1], description: `Copy A against copy B, same seed: ${c.title}.` },
        ),
      );
    }
    this.diff = h('section', { class: 'tiles diff', 'aria-label': 'Difference B minus A' });
    ctx.side.append(this.diff);
    this.log = new EventLog(ctx.side, 'What happened (copy A)');
  }

  update(): void {
    for (const p of this.panels) {
      if (!p.run.snap) continue;
      p.net.update(p.run.snap);
      const g = p.run.info.mode === 'team' ? p.run.info.groups.kind.indexOf(0) : -1;
      const { levels, binding } = groupLevels(p.run, g);
      p.pyr.update(levels, binding);
    }
    COMPARE.forEach((c, k) => {
      this.charts[k].set((from) => {
        const to = Math.min(this.a.rows, this.b.rows);
        return { points: [...this.a.points([{ metric: c.metric, label: 'A (as set up)' }], from, to), ...this.b.points([{ metric: c.metric, label: 'B (what if)' }], from, to)], rows: to };
      });
    });
    clear(this.diff);
    this.diff.append(h('h2', {}, 'B compared with A, now'), h('p', { class: 'small' }, `Same seed, same events; only this differs: ${this.lineB.slice(3)}.`));
    const grid = h('div', { class: 'tile-grid' });
    for (const t of LOCALITY_TILES.slice(0, 6)) {
      const va = this.a.last(t.metric);
      const vb = this.b.last(t.metric);
      const d = vb - va;
      const fmt = t.format ?? f2;
      const good = t.lowerBetter ? d < 0 : d > 0;
      grid.append(
        h(
          'div',
          { class: 'tile', title: t.help },
          h('span', { class: 'tile-label' }, t.label),
          h('span', { class: 'tile-value' }, !Number.isFinite(d) ? '–' : Math.abs(d) < 0.005 ? 'same' : `${d >= 0 ? '+' : '−'}${Math.abs(d).toFixed(2)}`),
          h('span', { class: `tile-delta ${!Number.isFinite(d) || Math.abs(d) < 0.005 ? 'flat' : good ? 'good' : 'bad'}` }, `A ${Number.isFinite(va) ? fmt(va) : '–'} · B ${Number.isFinite(vb) ? fmt(vb) : '–'}`),
        ),
      );
    }
    this.diff.append(grid);
  }

  select(head: number): void {
    for (const p of this.panels) p.net.select(head);
  }

  restructure(): void {
    const ctx = this.ctx;
    for (const p of this.panels) {
      clear(p.box);
      p.net = p.run.info.mode === 'team' ? new TeamNetwork(p.box, p.run.info, ctx.tooltip, ctx.onSelect, { label: p.title }) : new LocalityMap(p.box, p.run.info, ctx.tooltip, ctx.onSelect, { label: p.title });
    }
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}

