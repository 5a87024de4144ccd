/** The locality view: the map with its legends, the mean pyramid, charts, headline tiles and the log. */
import { LineChart } from './charts.ts';
import { clear, h } from './dom.ts';
import { LocalityMap, MAT_COLORS, TIE_FILTERS, tieFilterOf } from './locality-map.ts';
import { EventLog } from './log.ts';
import { OI } from './palette.ts';
import { Pyramid } from './pyramid.ts';
import type { RunData } from './run.ts';
import { LOCALITY_TILES, Tiles } from './tiles.ts';
import type { View, ViewContext } from './view-types.ts';
import { groupLevels, trustLegend } from './view-parts.ts';

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

  constructor(
    private readonly run: RunData,
    ctx: ViewContext,
  ) {
    const info = run.info;
    const top = h('div', { class: 'stage-top locality' });
    const filter = h('select', { id: 'tie-filter' }, ...TIE_FILTERS.map((t) => h('option', { value: t.value }, t.label)));
    filter.addEventListener('change', () => {
      this.map.filter = tieFilterOf(filter.value);
      this.update();
    });
    const mapWrap = h(
      'figure',
      { class: 'net-wrap map-wrap' },
      h(
        'div',
        { class: 'map-head' },
        h('figcaption', {}, `${info.preset.title}: schools, partnerships and trust ties`),
        h('label', { for: 'tie-filter', class: 'inline small' }, 'Show ', filter),
      ),
    );
    this.filterSel = filter;
    top.append(mapWrap);
    this.ctx = ctx;
    this.mapBox = h('div', { class: 'net-box' });
    this.mats = h('div', { class: 'legend mats-legend' });
    mapWrap.append(this.mapBox, trustLegend(), this.mats);
    this.map = new LocalityMap({ container: this.mapBox, info, tooltip: ctx.tooltip, onSelect: ctx.onSelect });
    this.drawMatLegend();
    const pyrWrap = h('div', { class: 'pyr-col' });
    top.append(pyrWrap);
    this.pyr = new Pyramid(pyrWrap, { title: 'Lencioni pyramid (mean of partnerships)' });
    const charts = h('div', { class: 'charts two' });
    ctx.stage.append(top, charts);
    this.charts.push(
      new LineChart(charts, LOC_TRUST_LINES, {
        title: 'Trust and teamwork',
        large: ctx.large,
        yDomain: [0, 1],
        description: 'Mean trust, share of high-trust ties, and two Lencioni levels.',
      }),
      new LineChart(charts, LOC_SCHOOL_LINES, {
        title: 'Schools and teachers',
        large: ctx.large,
        yDomain: [0, 1],
        description: 'Effectiveness, share improving, the disadvantage gap and teacher retention.',
      }),
    );
    this.tiles = new Tiles({ container: ctx.side, tiles: LOCALITY_TILES, title: 'Headline measures', run });
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
    this.map = new LocalityMap({ container: this.mapBox, info: this.run.info, tooltip: this.ctx.tooltip, onSelect: this.ctx.onSelect });
    this.map.filter = tieFilterOf(this.filterSel.value);
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
        item.append(
          h(
            'span',
            {
              class: 'ring',
              style: `border-color:${MAT_COLORS[k % MAT_COLORS.length]};border-style:${m.open ? 'solid' : 'dashed'}`,
              title: `${m.name}: ${m.open ? 'open' : 'boundary-keeping'}${m.local ? '' : ', non-local'}`,
            },
            m.name.replace(/^MAT/, ''),
          ),
        ),
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
