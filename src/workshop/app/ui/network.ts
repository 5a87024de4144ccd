/**
 * The trust network, drawn with plain SVG.
 * - TeamNetwork: heads on a circle; each direction of a relationship is its
 *   own curved arrow (i's trust in j bends one way, j's in i the other), its
 *   thickness and colour the relational trust; hover shows the four
 *   Bryk–Schneider parts.
 * - LocalityMap: schools at their x, y; partnership areas; a tie per pair of
 *   partner heads, coloured and sized by their mutual trust.
 */
import type { Snapshot, StaticInfo } from '../protocol.ts';
import { f2, h, s, setAttr, setText, short, type Tooltip } from './dom.ts';
import { GRADE_COLORS, GRADE_INK, GRADE_SHORT, OI, PARTS, trustColor } from './palette.ts';

/** The four parts and the trust of edge e, as a small table for the tooltip. */
export function edgeCard(from: string, to: string, snap: Snapshot, e: number, back?: number): HTMLElement {
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

interface Pt {
  x: number;
  y: number;
}

export class TeamNetwork {
  readonly svg: SVGSVGElement;
  private readonly edgePaths: SVGPathElement[] = [];
  private readonly hitPaths: SVGPathElement[] = [];
  private readonly arrows: SVGPathElement[] = [];
  private readonly nodeGroups: SVGGElement[] = [];
  private readonly nodeCircles: SVGCircleElement[] = [];
  private readonly nodeNames: SVGTextElement[] = [];
  private readonly nodeEff: SVGTextElement[] = [];
  private readonly pos: Pt[] = [];
  private readonly ctrl: Pt[] = [];
  private snap: Snapshot | null = null;
  private selected = -1;
  private readonly size: number;
  private readonly r: number;

  constructor(
    container: HTMLElement,
    private readonly info: StaticInfo,
    private readonly tooltip: Tooltip,
    private readonly onSelect: (head: number) => void,
    opts: { label: string } = { label: 'Trust network' },
  ) {
    const n = info.leaderSchool.length;
    this.size = 640;
    const c = this.size / 2;
    const R = n <= 4 ? 190 : 222;
    this.r = n <= 6 ? 44 : 38;
    for (let k = 0; k < n; k++) {
      const a = -Math.PI / 2 + (2 * Math.PI * k) / n;
      this.pos.push({ x: c + R * Math.cos(a), y: c + R * Math.sin(a) + 6 });
    }
    this.svg = s('svg', {
      viewBox: `0 0 ${this.size} ${this.size}`,
      class: 'network',
      role: 'group',
      'aria-label': `${opts.label}: each arrow is one head's trust in another; thicker and bluer means more trust, thinner and more orange means less. Hover an arrow for the four parts of trust.`,
    });
    const edgeLayer = s('g', { class: 'edges' });
    const hitLayer = s('g', { class: 'hits' });
    const nodeLayer = s('g', { class: 'nodes' });
    const E = info.edges;
    for (let e = 0; e < E.src.length; e++) {
      const p0 = this.pos[E.src[e]];
      const p1 = this.pos[E.dst[e]];
      const dx = p1.x - p0.x;
      const dy = p1.y - p0.y;
      const len = Math.hypot(dx, dy) || 1;
      const bend = 0.13 * len;
      const cp = { x: (p0.x + p1.x) / 2 - (dy / len) * bend, y: (p0.y + p1.y) / 2 + (dx / len) * bend };
      this.ctrl.push(cp);
      // Start and end on the rims of the two nodes.
      const a0 = this.toward(p0, cp, this.r + 2);
      const a1 = this.toward(p1, cp, this.r + 8);
      const d = `M${a0.x.toFixed(1)},${a0.y.toFixed(1)} Q${cp.x.toFixed(1)},${cp.y.toFixed(1)} ${a1.x.toFixed(1)},${a1.y.toFixed(1)}`;
      const path = s('path', { d, class: 'edge', fill: 'none', 'stroke-linecap': 'round' });
      const hit = s('path', { d, class: 'edge-hit', fill: 'none', stroke: 'transparent', 'stroke-width': 16 });
      const arrow = s('path', { class: 'arrow' });
      hit.addEventListener('mousemove', (ev) => this.showEdge(e, ev));
      hit.addEventListener('mouseleave', () => this.tooltip.hide());
      this.edgePaths.push(path);
      this.hitPaths.push(hit);
      this.arrows.push(arrow);
      edgeLayer.append(path, arrow);
      hitLayer.append(hit);
    }
    for (let i = 0; i < n; i++) {
      const p = this.pos[i];
      const school = info.schools.names[info.leaderSchool[i]];
      const g = s('g', { class: 'node', tabindex: 0, role: 'button', transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` });
      const circle = s('circle', { r: this.r, class: 'node-disc' });
      const eff = s('text', { class: 'node-eff', 'text-anchor': 'middle', dy: '0.35em' });
      const below = p.y > c;
      const name = s('text', { class: 'node-name', 'text-anchor': 'middle', y: below ? this.r + 26 : -this.r - 30 });
      const sch = s('text', { class: 'node-school', 'text-anchor': 'middle', y: below ? this.r + 46 : -this.r - 11 }, school.replace(/ (Primary|Church Primary|School)$/, ''));
      g.append(circle, eff, name, sch);
      g.addEventListener('click', () => this.onSelect(this.selected === i ? -1 : i));
      g.addEventListener('keydown', (ev) => {
        if (ev.key === 'Enter' || ev.key === ' ') {
          ev.preventDefault();
          this.onSelect(this.selected === i ? -1 : i);
        }
      });
      g.addEventListener('mousemove', (ev) => this.showNode(i, ev));
      g.addEventListener('mouseleave', () => this.tooltip.hide());
      this.nodeGroups.push(g);
      this.nodeCircles.push(circle);
      this.nodeNames.push(name);
      this.nodeEff.push(eff);
      nodeLayer.append(g);
    }
    // Nodes on top, so they stay clickable above the edges' hover areas.
    this.svg.append(edgeLayer, hitLayer, nodeLayer);
    container.append(this.svg);
  }

  private toward(from: Pt, to: Pt, dist: number): Pt {
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const l = Math.hypot(dx, dy) || 1;
    return { x: from.x + (dx / l) * dist, y: from.y + (dy / l) * dist };
  }

  private showEdge(e: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const names = this.snap.names;
    const E = this.info.edges;
    this.tooltip.show(edgeCard(short(names[E.src[e]]), short(names[E.dst[e]]), this.snap, e), ev.clientX, ev.clientY);
  }

  private showNode(i: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const sn = this.snap;
    const sc = this.info.leaderSchool[i];
    const E = this.info.edges;
    let tin = 0, nin = 0, tout = 0, nout = 0;
    for (let e = 0; e < E.src.length; e++) {
      if (E.dst[e] === i) (tin += sn.trust[e]), nin++;
      if (E.src[e] === i) (tout += sn.trust[e]), nout++;
    }
    const card = h(
      'div',
      { class: 'edge-card' },
      h('div', { class: 'tt-title' }, `${short(sn.names[i])}, ${this.info.schools.names[sc]}`),
      h('div', { class: 'tt-sub' }, `${GRADE_SHORT[sn.grade[sc]]}: effectiveness ${f2(sn.effectiveness[sc])}, staff trust ${f2(sn.internalTrust[sc])}`),
      h('div', { class: 'tt-sub' }, `Trusted by partners ${f2(nin ? tin / nin : NaN)} on average; trusts them ${f2(nout ? tout / nout : NaN)}`),
      h('div', { class: 'tt-note' }, 'Click to pick this head for events and to highlight their ties.'),
    );
    this.tooltip.show(card, ev.clientX, ev.clientY);
  }

  select(i: number): void {
    this.selected = i;
    this.nodeGroups.forEach((g, k) => g.classList.toggle('selected', k === i));
    if (this.snap) this.update(this.snap);
  }

  update(snap: Snapshot): void {
    this.snap = snap;
    const E = this.info.edges;
    const sel = this.selected;
    for (let e = 0; e < E.src.length; e++) {
      const t = snap.trust[e];
      const w = 1.2 + 11 * t;
      const col = trustColor(t);
      const path = this.edgePaths[e];
      path.setAttribute('stroke', col);
      path.setAttribute('stroke-width', w.toFixed(2));
      const dim = sel >= 0 && E.src[e] !== sel && E.dst[e] !== sel;
      path.setAttribute('opacity', dim ? '0.12' : '0.92');
      // Arrowhead two thirds of the way along the curve, pointing at the trusted head.
      const p0 = this.pos[E.src[e]];
      const p1 = this.pos[E.dst[e]];
      const c = this.ctrl[e];
      const u = 0.66;
      const bx = (1 - u) * (1 - u) * p0.x + 2 * (1 - u) * u * c.x + u * u * p1.x;
      const by = (1 - u) * (1 - u) * p0.y + 2 * (1 - u) * u * c.y + u * u * p1.y;
      let tx = 2 * (1 - u) * (c.x - p0.x) + 2 * u * (p1.x - c.x);
      let ty = 2 * (1 - u) * (c.y - p0.y) + 2 * u * (p1.y - c.y);
      const tl = Math.hypot(tx, ty) || 1;
      tx /= tl;
      ty /= tl;
      const L = 9 + w * 0.9;
      const W = 5 + w * 0.7;
      const tip = { x: bx + tx * L * 0.6, y: by + ty * L * 0.6 };
      const b1 = { x: bx - tx * L * 0.4 - ty * W, y: by - ty * L * 0.4 + tx * W };
      const b2 = { x: bx - tx * L * 0.4 + ty * W, y: by - ty * L * 0.4 - tx * W };
      const arrow = this.arrows[e];
      arrow.setAttribute('d', `M${tip.x.toFixed(1)},${tip.y.toFixed(1)} L${b1.x.toFixed(1)},${b1.y.toFixed(1)} L${b2.x.toFixed(1)},${b2.y.toFixed(1)} Z`);
      arrow.setAttribute('fill', col);
      arrow.setAttribute('opacity', dim ? '0.12' : '1');
    }
    for (let i = 0; i < this.nodeGroups.length; i++) {
      const sc = this.info.leaderSchool[i];
      const g = snap.grade[sc];
      setAttr(this.nodeCircles[i], 'fill', GRADE_COLORS[g]);
      setText(this.nodeEff[i], f2(snap.effectiveness[sc]));
      setAttr(this.nodeEff[i], 'fill', GRADE_INK[g]);
      const nm = short(snap.names[i]);
      setText(this.nodeNames[i], snap.changes[i] > 0 ? `${nm} (new)` : nm);
      setAttr(
        this.nodeGroups[i],
        'aria-label',
        `${nm}, head of ${this.info.schools.names[sc]}: ${GRADE_SHORT[g]}, effectiveness ${f2(snap.effectiveness[sc])}. Press Enter to select.`,
      );
    }
  }
}

/** Convex hull (monotone chain) of points. */
function hull(points: Pt[]): Pt[] {
  const p = points.slice().sort((a, b) => a.x - b.x || a.y - b.y);
  if (p.length < 3) return p;
  const cross = (o: Pt, a: Pt, b: Pt) => (a.x - o.x) * (b.y - o.y) - (a.y - o.y) * (b.x - o.x);
  const lower: Pt[] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2], lower[lower.length - 1], q) <= 0) lower.pop();
    lower.push(q);
  }
  const upper: Pt[] = [];
  for (let k = p.length - 1; k >= 0; k--) {
    const q = p[k];
    while (upper.length >= 2 && cross(upper[upper.length - 2], upper[upper.length - 1], q) <= 0) upper.pop();
    upper.push(q);
  }
  upper.pop();
  lower.pop();
  return lower.concat(upper);
}

/** Points around a hull, pushed outward by `pad` (a rounded area around a partnership). */
function padded(points: Pt[], pad: number): string {
  const out: Pt[] = [];
  for (const q of points) for (let k = 0; k < 12; k++) out.push({ x: q.x + pad * Math.cos((k * Math.PI) / 6), y: q.y + pad * Math.sin((k * Math.PI) / 6) });
  return hull(out)
    .map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`)
    .join(' ');
}

export const MAT_COLORS = [OI.purple, OI.green, OI.black, OI.orange, '#7a5a00', OI.skyBlue, OI.vermillion, OI.blue];

/** Which ties the map shows. */
export type TieFilter = 'all' | 'partnership' | 'trust' | 'strong';
export const TIE_FILTERS: { value: TieFilter; label: string }[] = [
  { value: 'all', label: 'All ties' },
  { value: 'partnership', label: 'Partnership ties' },
  { value: 'trust', label: 'Ties inside trusts (MATs)' },
  { value: 'strong', label: 'Strong ties only (trust 0.6+)' },
];

export class LocalityMap {
  readonly svg: SVGSVGElement;
  filter: TieFilter = 'all';
  /** Group kinds each pair shares (bit k = GROUP_KINDS[k]). */
  private readonly pairKinds: number[] = [];
  private readonly pairs: { e: number; back: number }[] = [];
  private readonly lines: SVGLineElement[] = [];
  private readonly dots: SVGCircleElement[] = [];
  private readonly pos: Pt[] = [];
  private snap: Snapshot | null = null;
  private selected = -1;

  constructor(
    container: HTMLElement,
    private readonly info: StaticInfo,
    private readonly tooltip: Tooltip,
    private readonly onSelect: (head: number) => void,
    opts: { label: string } = { label: 'Locality map' },
  ) {
    const W = 1000;
    const H = 760;
    const m = 40;
    const S = info.schools;
    for (let sc = 0; sc < S.names.length; sc++) this.pos.push({ x: m + S.x[sc] * (W - 2 * m), y: m + S.y[sc] * (H - 2 * m) });
    this.svg = s('svg', {
      viewBox: `0 0 ${W} ${H}`,
      class: 'map',
      role: 'group',
      'aria-label': `${opts.label}: schools at their places in the locality, shaded areas are partnerships, lines are trust between partner heads (thicker and bluer means more trust).`,
    });
    const areas = s('g', { class: 'areas' });
    const ties = s('g', { class: 'ties' });
    const nodes = s('g', { class: 'schools' });
    const G = info.groups;
    // Partnerships as shaded areas (trusts show as coloured rings on their schools).
    for (let g = 0; g < G.names.length; g++) {
      if (G.kind[g] !== 0) continue;
      const pts: Pt[] = [];
      for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) pts.push(this.pos[info.leaderSchool[G.members[k]]]);
      if (pts.length === 0) continue;
      areas.append(s('polygon', { class: 'area partnership', points: padded(hull(pts), 18) }));
      const cx = pts.reduce((a, q) => a + q.x, 0) / pts.length;
      const top = Math.min(...pts.map((q) => q.y));
      areas.append(s('text', { class: 'area-label', x: cx.toFixed(1), y: (top - 24).toFixed(1), 'text-anchor': 'middle' }, G.names[g]));
    }
    const E = info.edges;
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
    // Hubs: a square at the lead school, or at the edge pointing to a hub outside the area.
    const hubs = s('g', { class: 'hubs' });
    const HUB_NAMES = ['Maths Hub', 'Teaching School Hub', 'Research School'];
    info.hubs.forEach((hb, k) => {
      if (hb.kind < 0) return;
      const inside = hb.lead >= 0;
      const ux = inside ? S.x[hb.lead] : Math.min(1, Math.max(0, hb.x));
      const uy = inside ? S.y[hb.lead] : Math.min(1, Math.max(0, hb.y));
      const x = m + ux * (W - 2 * m) + (inside ? 14 + 8 * k : 0);
      const y = m + uy * (H - 2 * m) - (inside ? 14 : 0);
      const km = Math.hypot(hb.x - 0.5, hb.y - 0.5) * info.kmPerUnit;
      const label = `${HUB_NAMES[hb.kind] ?? hb.name}${inside ? '' : `, ${Math.round(km)} km away`}${hb.active ? '' : ' (not yet open)'}`;
      const g = s('g', { class: `hub${hb.active ? '' : ' inactive'}`, transform: `translate(${x.toFixed(1)},${y.toFixed(1)})` });
      g.append(s('rect', { x: -11, y: -11, width: 22, height: 22, transform: 'rotate(45)', class: 'hub-mark' }), s('title', {}, label));
      g.append(s('text', { class: 'hub-label', x: inside ? 16 : ux > 0.5 ? -16 : 16, y: 6, 'text-anchor': inside || ux <= 0.5 ? 'start' : 'end' }, ['M', 'TSH', 'RS'][hb.kind] + (inside ? '' : ` ${Math.round(km)} km`)));
      hubs.append(g);
    });
    this.svg.append(areas, ties, nodes, hubs);
    container.append(this.svg);
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
    this.tooltip.show(edgeCard(`Head of ${a}`, `head of ${b}`, this.snap, e, back), ev.clientX, ev.clientY);
  }

  private showSchool(sc: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const sn = this.snap;
    const head = this.headOf(sc);
    const E = this.info.edges;
    let tin = 0, nin = 0;
    for (let e = 0; e < E.src.length; e++) if (E.dst[e] === head) (tin += sn.trust[e]), nin++;
    const groups: string[] = [];
    const G = this.info.groups;
    for (let g = 0; g < G.names.length; g++) for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) if (G.members[k] === head) groups.push(G.names[g]);
    const card = h(
      'div',
      { class: 'edge-card' },
      h('div', { class: 'tt-title' }, this.info.schools.names[sc]),
      h('div', { class: 'tt-sub' }, `${GRADE_SHORT[sn.grade[sc]]}: effectiveness ${f2(sn.effectiveness[sc])}, staff trust ${f2(sn.internalTrust[sc])}`),
      h('div', { class: 'tt-sub' }, groups.length ? `In ${groups.join(', ')}; trusted by partners ${f2(nin ? tin / nin : NaN)} on average` : 'Not in a partnership'),
      h('div', { class: 'tt-sub' }, `${Math.round(this.info.schools.pupils[sc])} pupils${this.info.schools.disadvantaged[sc] ? ', among the most disadvantaged third' : ''}`),
      h(
        'div',
        { class: 'tt-sub' },
        sn.mat[sc] >= 0 && this.info.mats[sn.mat[sc]]
          ? `In ${this.info.mats[sn.mat[sc]].name} (${this.info.mats[sn.mat[sc]].open ? 'open' : 'boundary-keeping'}${this.info.mats[sn.mat[sc]].local ? '' : ', non-local'})`
          : ['Maintained school', 'Single-academy trust', 'In a trust'][sn.governance[sc]] ?? '',
        sn.engaged[sc] ? '; works with a hub this year' : '',
      ),
    );
    this.tooltip.show(card, ev.clientX, ev.clientY);
  }

  select(head: number): void {
    this.selected = head;
    const sc = head >= 0 ? this.info.leaderSchool[head] : -1;
    this.dots.forEach((d, k) => d.classList.toggle('selected', k === sc));
    if (this.snap) this.update(this.snap);
  }

  update(snap: Snapshot): void {
    this.snap = snap;
    const E = this.info.edges;
    const sel = this.selected;
    const f = this.filter;
    for (let k = 0; k < this.pairs.length; k++) {
      const { e, back } = this.pairs[k];
      const t = (snap.trust[e] + snap.trust[back]) / 2;
      const line = this.lines[k];
      const kinds = this.pairKinds[k];
      const shown = f === 'all' || (f === 'partnership' && kinds & 1) || (f === 'trust' && kinds & 2) || (f === 'strong' && t >= 0.6);
      if (!shown) {
        line.setAttribute('visibility', 'hidden');
        continue;
      }
      line.setAttribute('visibility', 'visible');
      line.setAttribute('stroke', trustColor(t));
      const strong = t >= 0.6;
      line.setAttribute('stroke-width', (strong ? 2 + 8 * (t - 0.4) : 0.6 + 3 * t).toFixed(2));
      const mine = sel >= 0 && (E.src[e] === sel || E.dst[e] === sel);
      const dim = sel >= 0 && !mine;
      line.setAttribute('opacity', dim ? '0.08' : mine || strong ? '0.95' : '0.45');
    }
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
