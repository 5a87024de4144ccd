/** The what-if view: copies A and B side by side (network and pyramid), their charts against each other, and B minus A now. */
import type { SeedBand, WhatIf } from '../protocol.ts';
import { PRACTICES, SETTINGS } from '../settings.ts';
import { bandSpec, drawBand, LineChart } from './charts.ts';
import { clear, f2, h } from './dom.ts';
import { LocalityMap } from './locality-map.ts';
import { EventLog } from './log.ts';
import { OI } from './palette.ts';
import { Pyramid } from './pyramid.ts';
import type { RunData } from './run.ts';
import { TeamNetwork, type NetworkOptions } from './team-network.ts';
import { LOCALITY_TILES } from './tiles.ts';
import type { View, ViewContext } from './view-types.ts';
import { groupLevels } from './view-parts.ts';

export interface WhatIfViewOptions {
  /** Copy A (as set up) and copy B (what if). */
  a: RunData;
  b: RunData;
  whatIf: WhatIf;
  ctx: ViewContext;
}

/** A team's network or a locality's map, as the run's mode asks. */
function drawNetwork(o: NetworkOptions): TeamNetwork | LocalityMap {
  return o.info.mode === 'team' ? new TeamNetwork(o) : new LocalityMap(o);
}

function whatIfLabel(w: WhatIf): string {
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
  private readonly band: HTMLElement;
  private readonly lineA: string;
  private readonly lineB: string;

  private readonly a: RunData;
  private readonly b: RunData;

  constructor({ a, b, whatIf: w, ctx }: WhatIfViewOptions) {
    this.a = a;
    this.b = b;
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
      const net = drawNetwork({ container: netWrap, info: run.info, tooltip: ctx.tooltip, onSelect: ctx.onSelect, label: title });
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
    this.band = h('section', { class: 'band-box', 'aria-label': 'B minus A over several seeds' });
    const bandButton = h('button', { type: 'button', id: 'band-go', class: 'small' }, 'Over several seeds');
    bandButton.addEventListener('click', () => {
      bandButton.disabled = true;
      bandButton.textContent = 'Running the seeds…';
      ctx.requestBand?.();
    });
    this.band.append(
      h('h2', {}, 'Is it the setting, or luck?'),
      h(
        'p',
        { class: 'small' },
        'One pair of runs can mislead. Run A and B again from the start with other seeds (the run pauses) and see the spread of B minus A.',
      ),
      bandButton,
    );
    charts.append(this.band);
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
        return {
          points: [
            ...this.a.points([{ metric: c.metric, label: 'A (as set up)' }], from, to),
            ...this.b.points([{ metric: c.metric, label: 'B (what if)' }], from, to),
          ],
          rows: to,
        };
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
          h(
            'span',
            { class: `tile-delta ${!Number.isFinite(d) || Math.abs(d) < 0.005 ? 'flat' : good ? 'good' : 'bad'}` },
            `A ${Number.isFinite(va) ? fmt(va) : '–'} · B ${Number.isFinite(vb) ? fmt(vb) : '–'}`,
          ),
        ),
      );
    }
    this.diff.append(grid);
  }

  select(head: number): void {
    for (const p of this.panels) p.net.select(head);
  }

  showBand(band: SeedBand): void {
    clear(this.band);
    this.band.append(
      h('h2', {}, `B minus A over ${band.seeds} seeds`),
      h(
        'p',
        { class: 'small' },
        `Shaded: where the middle 80% of the ${band.seeds} seeds put the difference; line: the median. Each seed ran A and B from the start with this setup and its room events. Where the shading straddles zero, the setting's effect is within luck.`,
      ),
    );
    for (const c of COMPARE) {
      const k = band.metrics.indexOf(c.metric);
      if (k < 0) continue;
      const spec = bandSpec(c.title, band.years, band.p10[k], band.p50[k], band.p90[k], {
        width: this.band.clientWidth || 400,
        large: this.ctx.large,
        color: OI.orange,
      });
      drawBand(this.band, spec, `${c.title}: B minus A over ${band.seeds} seeds, median and middle 80%.`);
    }
  }

  restructure(): void {
    const ctx = this.ctx;
    for (const p of this.panels) {
      clear(p.box);
      p.net = drawNetwork({ container: p.box, info: p.run.info, tooltip: ctx.tooltip, onSelect: ctx.onSelect, label: p.title });
    }
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}
