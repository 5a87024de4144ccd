/** The team view: the heads' trust network, the team's pyramid and headline tiles, charts, persona cards and the log. */
import { LineChart, type Line } from './charts.ts';
import { clear, h } from './dom.ts';
import { HeadsPanel } from './heads.ts';
import { EventLog } from './log.ts';
import { SCHOOL_COLORS } from './palette.ts';
import { Pyramid } from './pyramid.ts';
import type { RunData } from './run.ts';
import { TeamNetwork } from './team-network.ts';
import { TEAM_TILES, Tiles } from './tiles.ts';
import type { View, ViewContext } from './view-types.ts';
import { groupLevels, LEVEL_LINES, TRUST_LINES, trustLegend } from './view-parts.ts';

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

  constructor(
    private readonly run: RunData,
    ctx: ViewContext,
  ) {
    const info = run.info;
    const top = h('div', { class: 'stage-top' });
    const netWrap = h('figure', { class: 'net-wrap' }, h('figcaption', {}, `Trust between the heads of ${info.preset.title.replace(/ \(.*\)$/, '')}`));
    top.append(netWrap);
    this.ctx = ctx;
    this.netBox = h('div', { class: 'net-box' });
    netWrap.append(this.netBox, trustLegend());
    this.net = new TeamNetwork({ container: this.netBox, info, tooltip: ctx.tooltip, onSelect: ctx.onSelect });
    const pyrWrap = h('div', { class: 'pyr-col' });
    top.append(pyrWrap);
    this.pyr = new Pyramid(pyrWrap, { title: "The team's Lencioni pyramid" });
    this.tiles = new Tiles({ container: pyrWrap, tiles: TEAM_TILES, title: 'The team now', run });
    const charts = h('div', { class: 'charts' });
    ctx.stage.append(top, charts);
    this.schoolLabels = info.leaderSchool.length ? Array.from(info.leaderSchool, (sc) => info.schools.names[sc].replace(/ (Church )?Primary$/, '')) : [];
    const schoolLines: Line[] = this.schoolLabels.map((l, k) => ({ label: l, color: SCHOOL_COLORS[k % SCHOOL_COLORS.length] }));
    this.charts.push(
      new LineChart(charts, TRUST_LINES, {
        title: 'Relational trust and its four parts',
        large: ctx.large,
        yDomain: [0, 1],
        description: 'Mean over all relationships in the team.',
      }),
      new LineChart(charts, LEVEL_LINES, {
        title: 'Lencioni levels',
        large: ctx.large,
        yDomain: [0, 1],
        description: 'Each level can rise only as far as the one beneath it allows.',
      }),
      new LineChart(charts, schoolLines, {
        title: 'School effectiveness',
        large: ctx.large,
        description: "Each school's effect on pupil attainment, in pupil SD (national mean 0).",
      }),
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
    this.net = new TeamNetwork({ container: this.netBox, info: this.run.info, tooltip: this.ctx.tooltip, onSelect: this.ctx.onSelect });
  }

  destroy(): void {
    for (const c of this.charts) c.destroy();
  }
}
