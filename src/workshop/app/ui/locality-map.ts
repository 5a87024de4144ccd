/**
 * The locality map, drawn with plain SVG: schools at their x, y; partnership
 * areas; a tie per pair of partner heads, coloured and sized by their mutual
 * trust; trusts as coloured rings; hubs as diamonds.
 */
import type { Snapshot, StaticInfo } from '../protocol.ts';
import { f2, h, s, type Tooltip } from './dom.ts';
import { edgeCard } from './edge-card.ts';
import { hull, padded, type Pt } from './geometry.ts';
import { GRADE_COLORS, GRADE_SHORT, OI, trustColor } from './palette.ts';
import type { NetworkOptions } from './team-network.ts';

export const MAT_COLORS = [OI.purple, OI.green, OI.black, OI.orange, '#7a5a00', OI.skyBlue, OI.vermillion, OI.blue];

/** Which ties the map shows. */
export type TieFilter = 'all' | 'partnership' | 'trust' | 'strong';
/** The first is the default: a City has hundreds of ties, and the strongest quarter shows its shape. */
export const TIE_FILTERS: { value: TieFilter; label: string }[] = [
  { value: 'strong', label: 'Strongest ties (top quarter by trust)' },
  { value: 'all', label: 'All ties' },
  { value: 'partnership', label: 'Partnership ties' },
  { value: 'trust', label: 'Ties inside trusts (MATs)' },
];

/** Share of ties the strong filter keeps: those at or above this quantile of mutual trust at the moment. */
const STRONG_QUANTILE = 0.75;

/** The tie filter a select's value names (the default for anything else). */
export function tieFilterOf(value: string): TieFilter {
  return TIE_FILTERS.find((t) => t.value === value)?.value ?? TIE_FILTERS[0].value;
}

const W = 1000;
const H = 760;
const M = 40;
const HUB_NAMES = ['Maths Hub', 'Teaching School Hub', 'Research School'];

/** Group kinds each pair of heads shares (bit k = GROUP_KINDS[k]), keyed i * nHeads + j with i < j. */
function sharedKinds(info: StaticInfo): Map<number, number> {
  const G = info.groups;
  const nL = info.leaderSchool.length;
  const kindsOf = new Map<number, number>();
  for (let g = 0; g < G.names.length; g++) {
    const a = G.memberStart[g];
    const b = G.memberStart[g + 1];
    for (let p = a; p < b; p++)
      for (let q = a; q < b; q++) {
        const i = G.members[p];
        const j = G.members[q];
        if (i >= j) continue;
        const key = i * nL + j;
        kindsOf.set(key, (kindsOf.get(key) ?? 0) | (1 << G.kind[g]));
      }
  }
  return kindsOf;
}

export class LocalityMap {
  readonly svg: SVGSVGElement;
  filter: TieFilter = TIE_FILTERS[0].value;
  /** Mutual trust of every tie, and its sorted copy, for the strong filter's threshold (allocated once). */
  private mutual = new Float64Array(0);
  private sortedMutual = new Float64Array(0);
  /** Trust at or above which a tie counts as strong now (the top quarter). */
  private strongCut = Infinity;
  /** The look last written to each tie ('hidden||' when hidden). */
  private readonly tieLook: string[] = [];
  /** Group kinds each pair shares (bit k = GROUP_KINDS[k]). */
  private readonly pairKinds: number[] = [];
  private readonly pairs: { e: number; back: number }[] = [];
  private readonly lines: SVGLineElement[] = [];
  private readonly dots: SVGCircleElement[] = [];
  private readonly pos: Pt[] = [];
  private snap: Snapshot | null = null;
  private selected = -1;
  private readonly info: StaticInfo;
  private readonly tooltip: Tooltip;
  private readonly onSelect: (head: number) => void;

  constructor(o: NetworkOptions) {
    this.info = o.info;
    this.tooltip = o.tooltip;
    this.onSelect = o.onSelect;
    const S = o.info.schools;
    for (let sc = 0; sc < S.names.length; sc++) this.pos.push({ x: M + S.x[sc] * (W - 2 * M), y: M + S.y[sc] * (H - 2 * M) });
    this.svg = s('svg', {
      viewBox: `0 0 ${W} ${H}`,
      class: 'map',
      role: 'group',
      'aria-label': `${o.label ?? 'Locality map'}: schools at their places in the locality, shaded areas are partnerships, lines are trust between partner heads (thicker and bluer means more trust).`,
    });
    this.svg.append(this.drawAreas(), this.drawTies(), this.drawSchools(), this.drawHubs());
    o.container.append(this.svg);
  }

  /** Partnerships as shaded areas (trusts show as coloured rings on their schools). */
  private drawAreas(): SVGGElement {
    const areas = s('g', { class: 'areas' });
    const G = this.info.groups;
    for (let g = 0; g < G.names.length; g++) {
      if (G.kind[g] !== 0) continue;
      const pts: Pt[] = [];
      for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) pts.push(this.pos[this.info.leaderSchool[G.members[k]]]);
      if (pts.length === 0) continue;
      areas.append(s('polygon', { class: 'area partnership', points: padded(hull(pts), 18) }));
      const cx = pts.reduce((a, q) => a + q.x, 0) / pts.length;
      const top = Math.min(...pts.map((q) => q.y));
      areas.append(s('text', { class: 'area-label', x: cx.toFixed(1), y: (top - 24).toFixed(1), 'text-anchor': 'middle' }, G.names[g]));
    }
    return areas;
  }

  /** One line per pair of heads with a relationship. */
  private drawTies(): SVGGElement {
    const ties = s('g', { class: 'ties' });
    const info = this.info;
    const E = info.edges;
    const nL = info.leaderSchool.length;
    const kindsOf = sharedKinds(info);
    for (let e = 0; e < E.src.length; e++) {
      if (E.src[e] > E.dst[e]) continue;
      this.pairKinds.push(kindsOf.get(E.src[e] * nL + E.dst[e]) ?? 0);
      const a = this.pos[info.leaderSchool[E.src[e]]];
      const b = this.pos[info.leaderSchool[E.dst[e]]];
      const line = s('line', { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1), class: 'tie', 'stroke-linecap': 'round' });
      const k = this.pairs.length;
      line.addEventListener('mousemove', (ev) => this.showTie(k, ev));
      line.addEventListener('mouseleave', () => this.tooltip.hide());
      this.pairs.push({ e, back: E.rev[e] });
      this.lines.push(line);
      ties.append(line);
    }
    return ties;
  }

  private drawSchools(): SVGGElement {
    const nodes = s('g', { class: 'schools' });
    const S = this.info.schools;
    for (let sc = 0; sc < S.names.length; sc++) {
      const p = this.pos[sc];
      const r = 7 + Math.sqrt(S.pupils[sc] / 400) * 7;
      const dot = s('circle', {
        cx: p.x.toFixed(1),
        cy: p.y.toFixed(1),
        r: r.toFixed(1),
        class: 'school',
        tabindex: 0,
        role: 'button',
        'aria-label': S.names[sc],
        stroke: '#222',
        'stroke-width': 1.5,
      });
      const head = this.headOf(sc);
      dot.addEventListener('mousemove', (ev) => this.showSchool(sc, ev));
      dot.addEventListener('mouseleave', () => this.tooltip.hide());
      dot.addEventListener('click', () => this.onSelect(this.selected === head ? -1 : head));
      dot.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          this.onSelect(this.selected === head ? -1 : head);
        }
      });
      this.dots.push(dot);
      nodes.append(dot);
    }
    return nodes;
  }

  /** Hubs: a square at the lead school, or at the edge pointing to a hub outside the area. */
  private drawHubs(): SVGGElement {
    const hubs = s('g', { class: 'hubs' });
    const info = this.info;
    const S = info.schools;
    info.hubs.forEach((hb, k) => {
      if (hb.kind < 0) return;
      const inside = hb.lead >= 0;
      const ux = inside ? S.x[hb.lead] : Math.min(1, Math.max(0, hb.x));
      const uy = inside ? S.y[hb.lead] : Math.min(1, Math.max(0, hb.y));
      const x = M + ux * (W - 2 * M) + (inside ? 14 + 8 * k : 0);
      const y = M + uy * (H - 2 * M) - (inside ? 14 : 0);
      const km = Math.hypot(hb.x - 0.5, hb.y - 0.5) * info.kmPerUnit;
      const label = `${HUB_NAMES[hb.kind] ?? hb.name}${inside ? '' : `, ${Math.round(km)} km away`}${hb.active ? '' : ' (not yet open)'}`;
      const g = s('g', { class: `hub${hb.active ? '' : ' inactive'}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` });
      g.append(s('rect', { x: -11, y: -11, width: 22, height: 22, transform: 'rotate(45)', class: 'hub-mark' }), s('title', {}, label));
      g.append(
        s(
          'text',
          { class: 'hub-label', x: inside ? 16 : ux > 0.5 ? -16 : 16, y: 6, 'text-anchor': inside || ux <= 0.5 ? 'start' : 'end' },
          ['M', 'TSH', 'RS'][hb.kind] + (inside ? '' : ` ${Math.round(km)} km`),
        ),
      );
      hubs.append(g);
    });
    return hubs;
  }

  private headOf(sc: number): number {
    return this.info.leaderSchool.indexOf(sc);
  }

  private showTie(k: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const { e, back } = this.pairs[k];
    const E = this.info.edges;
    const S = this.info.schools;
    const a = S.names[this.info.leaderSchool[E.src[e]]];
    const b = S.names[this.info.leaderSchool[E.dst[e]]];
    this.tooltip.show(edgeCard({ from: `Head of ${a}`, to: `head of ${b}`, snap: this.snap, edge: e, back }), ev.clientX, ev.clientY);
  }

  /** The school's trust line of the tooltip: its trust or governance, and hub work. */
  private governanceText(sn: Snapshot, sc: number): string {
    const mat = sn.mat[sc] >= 0 ? this.info.mats[sn.mat[sc]] : undefined;
    if (mat) return `In ${mat.name} (${mat.open ? 'open' : 'boundary-keeping'}${mat.local ? '' : ', non-local'})`;
    return ['Maintained school', 'Single-academy trust', 'In a trust'][sn.governance[sc]] ?? '';
  }

  private showSchool(sc: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const sn = this.snap;
    const head = this.headOf(sc);
    const E = this.info.edges;
    let tin = 0,
      nin = 0;
    for (let e = 0; e < E.src.length; e++) {
      if (E.dst[e] !== head) continue;
      tin += sn.trust[e];
      nin++;
    }
    const groups: string[] = [];
    const G = this.info.groups;
    for (let g = 0; g < G.names.length; g++) for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) if (G.members[k] === head) groups.push(G.names[g]);
    const S = this.info.schools;
    const card = h(
      'div',
      { class: 'edge-card' },
      h('div', { class: 'tt-title' }, S.names[sc]),
      h('div', { class: 'tt-sub' }, `${GRADE_SHORT[sn.grade[sc]]}: effectiveness ${f2(sn.effectiveness[sc])}, staff trust ${f2(sn.internalTrust[sc])}`),
      h(
        'div',
        { class: 'tt-sub' },
        groups.length ? `In ${groups.join(', ')}; trusted by partners ${f2(nin ? tin / nin : NaN)} on average` : 'Not in a partnership',
      ),
      h('div', { class: 'tt-sub' }, `${Math.round(S.pupils[sc])} pupils${S.disadvantaged[sc] ? ', among the most disadvantaged third' : ''}`),
      h('div', { class: 'tt-sub' }, this.governanceText(sn, sc), sn.engaged[sc] ? '; works with a hub this year' : ''),
    );
    this.tooltip.show(card, ev.clientX, ev.clientY);
  }

  select(head: number): void {
    this.selected = head;
    const sc = head >= 0 ? this.info.leaderSchool[head] : -1;
    this.dots.forEach((d, k) => d.classList.toggle('selected', k === sc));
    if (this.snap) this.update(this.snap);
  }

  /** One tie: shown by the filter, width and colour from mutual trust, dimmed when another head is selected. */
  private updateTie(k: number, snap: Snapshot): void {
    const E = this.info.edges;
    const sel = this.selected;
    const f = this.filter;
    const { e, back } = this.pairs[k];
    const t = (snap.trust[e] + snap.trust[back]) / 2;
    const line = this.lines[k];
    const kinds = this.pairKinds[k];
    const strong = t >= this.strongCut;
    const shown = f === 'all' || (f === 'partnership' && kinds & 1) || (f === 'trust' && kinds & 2) || (f === 'strong' && strong);
    if (!shown) {
      this.setTie(k, line, 'hidden');
      return;
    }
    const mine = sel >= 0 && (E.src[e] === sel || E.dst[e] === sel);
    const dim = sel >= 0 && !mine;
    // Colour in steps of 0.02 of trust (no visible difference), so an unchanged tie is not rewritten.
    this.setTie(
      k,
      line,
      trustColor(Math.round(t * 50) / 50),
      (strong ? 2 + 8 * Math.max(0, t - 0.3) : 0.6 + 3 * t).toFixed(1),
      dim ? '0.08' : mine || strong ? '0.95' : '0.45',
    );
  }

  /** Write a tie's look only when it changed: at top speed most ties look the same from one frame to the next. */
  private setTie(k: number, line: SVGLineElement, stroke: string, width = '', opacity = ''): void {
    const key = `${stroke}|${width}|${opacity}`;
    if (this.tieLook[k] === key) return;
    const wasHidden = this.tieLook[k] === 'hidden||' || this.tieLook[k] === undefined;
    this.tieLook[k] = key;
    if (stroke === 'hidden') {
      line.setAttribute('visibility', 'hidden');
      return;
    }
    if (wasHidden) line.setAttribute('visibility', 'visible');
    line.setAttribute('stroke', stroke);
    line.setAttribute('stroke-width', width);
    line.setAttribute('opacity', opacity);
  }

  /** The trust above which the top quarter of ties lies at this snapshot. */
  private strongThreshold(snap: Snapshot): number {
    const n = this.pairs.length;
    if (n === 0) return Infinity;
    if (this.mutual.length !== n) {
      this.mutual = new Float64Array(n);
      this.sortedMutual = new Float64Array(n);
    }
    for (let k = 0; k < n; k++) this.mutual[k] = (snap.trust[this.pairs[k].e] + snap.trust[this.pairs[k].back]) / 2;
    this.sortedMutual.set(this.mutual);
    this.sortedMutual.sort();
    return this.sortedMutual[Math.min(n - 1, Math.floor(STRONG_QUANTILE * n))];
  }

  /** How many ties the map shows now (for tests and the caption). */
  shownTies(): number {
    return this.lines.filter((l) => l.getAttribute('visibility') !== 'hidden').length;
  }

  update(snap: Snapshot): void {
    this.snap = snap;
    this.strongCut = this.strongThreshold(snap);
    for (let k = 0; k < this.pairs.length; k++) this.updateTie(k, snap);
    for (let sc = 0; sc < this.dots.length; sc++) {
      const d = this.dots[sc];
      d.setAttribute('fill', GRADE_COLORS[snap.grade[sc]]);
      const mat = snap.mat[sc];
      d.setAttribute('stroke', mat >= 0 ? MAT_COLORS[mat % MAT_COLORS.length] : '#222');
      d.setAttribute('stroke-width', mat >= 0 ? '5' : '1.5');
      d.setAttribute('stroke-dasharray', mat >= 0 && this.info.mats[mat] && !this.info.mats[mat].open ? '4 3' : 'none');
    }
  }
}
