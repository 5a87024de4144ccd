/**
 * The team's trust network, drawn with plain SVG: heads on a circle; each
 * direction of a relationship is its own curved arrow (i's trust in j bends
 * one way, j's in i the other), its thickness and colour the relational
 * trust; hover shows the four Bryk–Schneider parts.
 */
import type { Snapshot, StaticInfo } from '../protocol.ts';
import { f2, h, s, setAttr, setText, short, type Tooltip } from './dom.ts';
import { edgeCard } from './edge-card.ts';
import { toward, type Pt } from './geometry.ts';
import { GRADE_COLORS, GRADE_INK, GRADE_SHORT, trustColor } from './palette.ts';

/** Where a network or map is drawn and whom it tells. */
export interface NetworkOptions {
  container: HTMLElement;
  info: StaticInfo;
  tooltip: Tooltip;
  onSelect: (head: number) => void;
  /** Accessible label (default: the kind of drawing). */
  label?: string;
}

/** Point u along the quadratic curve p0 -> p1 with control c, and the unit tangent there. */
function along(p0: Pt, c: Pt, p1: Pt, u: number): { b: Pt; t: Pt } {
  const b = { x: (1 - u) * (1 - u) * p0.x + 2 * (1 - u) * u * c.x + u * u * p1.x, y: (1 - u) * (1 - u) * p0.y + 2 * (1 - u) * u * c.y + u * u * p1.y };
  const tx = 2 * (1 - u) * (c.x - p0.x) + 2 * u * (p1.x - c.x);
  const ty = 2 * (1 - u) * (c.y - p0.y) + 2 * u * (p1.y - c.y);
  const tl = Math.hypot(tx, ty) || 1;
  return { b, t: { x: tx / tl, y: ty / tl } };
}

export class TeamNetwork {
  readonly svg: SVGSVGElement;
  private readonly edgePaths: SVGPathElement[] = [];
  private readonly arrows: SVGPathElement[] = [];
  private readonly nodeGroups: SVGGElement[] = [];
  private readonly nodeCircles: SVGCircleElement[] = [];
  private readonly nodeNames: SVGTextElement[] = [];
  private readonly nodeEff: SVGTextElement[] = [];
  private readonly pos: Pt[] = [];
  private readonly ctrl: Pt[] = [];
  private snap: Snapshot | null = null;
  private selected = -1;
  private readonly size = 640;
  private readonly r: number;
  private readonly info: StaticInfo;
  private readonly tooltip: Tooltip;
  private readonly onSelect: (head: number) => void;

  constructor(o: NetworkOptions) {
    this.info = o.info;
    this.tooltip = o.tooltip;
    this.onSelect = o.onSelect;
    const n = o.info.leaderSchool.length;
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
      'aria-label': `${o.label ?? 'Trust network'}: each arrow is one head's trust in another; thicker and bluer means more trust, thinner and more orange means less. Hover an arrow for the four parts of trust.`,
    });
    const edgeLayer = s('g', { class: 'edges' });
    const hitLayer = s('g', { class: 'hits' });
    const nodeLayer = s('g', { class: 'nodes' });
    this.drawEdges(edgeLayer, hitLayer);
    for (let i = 0; i < n; i++) nodeLayer.append(this.drawNode(i));
    // Nodes on top, so they stay clickable above the edges' hover areas.
    this.svg.append(edgeLayer, hitLayer, nodeLayer);
    o.container.append(this.svg);
  }

  private drawEdges(edgeLayer: SVGGElement, hitLayer: SVGGElement): void {
    const E = this.info.edges;
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
      const a0 = toward(p0, cp, this.r + 2);
      const a1 = toward(p1, cp, this.r + 8);
      const d = `M${a0.x.toFixed(1)},${a0.y.toFixed(1)} Q${cp.x.toFixed(1)},${cp.y.toFixed(1)} ${a1.x.toFixed(1)},${a1.y.toFixed(1)}`;
      const path = s('path', { d, class: 'edge', fill: 'none', 'stroke-linecap': 'round' });
      const hit = s('path', { d, class: 'edge-hit', fill: 'none', stroke: 'transparent', 'stroke-width': 16 });
      const arrow = s('path', { class: 'arrow' });
      hit.addEventListener('mousemove', (ev) => this.showEdge(e, ev));
      hit.addEventListener('mouseleave', () => this.tooltip.hide());
      this.edgePaths.push(path);
      this.arrows.push(arrow);
      edgeLayer.append(path, arrow);
      hitLayer.append(hit);
    }
  }

  private drawNode(i: number): SVGGElement {
    const p = this.pos[i];
    const school = this.info.schools.names[this.info.leaderSchool[i]];
    const g = s('g', { class: 'node', tabindex: 0, role: 'button', transform: `translate(${p.x.toFixed(1)},${p.y.toFixed(1)})` });
    const circle = s('circle', { r: this.r, class: 'node-disc' });
    const eff = s('text', { class: 'node-eff', 'text-anchor': 'middle', dy: '0.35em' });
    const below = p.y > this.size / 2;
    const name = s('text', { class: 'node-name', 'text-anchor': 'middle', y: below ? this.r + 26 : -this.r - 30 });
    const sch = s(
      'text',
      { class: 'node-school', 'text-anchor': 'middle', y: below ? this.r + 46 : -this.r - 11 },
      school.replace(/ (Primary|Church Primary|School)$/, ''),
    );
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
    return g;
  }

  private showEdge(e: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const names = this.snap.names;
    const E = this.info.edges;
    this.tooltip.show(edgeCard({ from: short(names[E.src[e]]), to: short(names[E.dst[e]]), snap: this.snap, edge: e }), ev.clientX, ev.clientY);
  }

  private showNode(i: number, ev: MouseEvent): void {
    if (!this.snap) return;
    const sn = this.snap;
    const sc = this.info.leaderSchool[i];
    const E = this.info.edges;
    let tin = 0,
      nin = 0,
      tout = 0,
      nout = 0;
    for (let e = 0; e < E.src.length; e++) {
      if (E.dst[e] === i) {
        tin += sn.trust[e];
        nin++;
      }
      if (E.src[e] === i) {
        tout += sn.trust[e];
        nout++;
      }
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

  /** One arrow: width and colour from trust, dimmed when another head is selected. */
  private updateEdge(e: number, snap: Snapshot): void {
    const E = this.info.edges;
    const sel = this.selected;
    const t = snap.trust[e];
    const w = 1.2 + 11 * t;
    const col = trustColor(t);
    const path = this.edgePaths[e];
    path.setAttribute('stroke', col);
    path.setAttribute('stroke-width', w.toFixed(2));
    const dim = sel >= 0 && E.src[e] !== sel && E.dst[e] !== sel;
    path.setAttribute('opacity', dim ? '0.12' : '0.92');
    // Arrowhead two thirds of the way along the curve, pointing at the trusted head.
    const { b, t: dir } = along(this.pos[E.src[e]], this.ctrl[e], this.pos[E.dst[e]], 0.66);
    const L = 9 + w * 0.9;
    const W = 5 + w * 0.7;
    const tip = { x: b.x + dir.x * L * 0.6, y: b.y + dir.y * L * 0.6 };
    const b1 = { x: b.x - dir.x * L * 0.4 - dir.y * W, y: b.y - dir.y * L * 0.4 + dir.x * W };
    const b2 = { x: b.x - dir.x * L * 0.4 + dir.y * W, y: b.y - dir.y * L * 0.4 - dir.x * W };
    const arrow = this.arrows[e];
    arrow.setAttribute('d', `M${tip.x.toFixed(1)},${tip.y.toFixed(1)} L${b1.x.toFixed(1)},${b1.y.toFixed(1)} L${b2.x.toFixed(1)},${b2.y.toFixed(1)} Z`);
    arrow.setAttribute('fill', col);
    arrow.setAttribute('opacity', dim ? '0.12' : '1');
  }

  update(snap: Snapshot): void {
    this.snap = snap;
    for (let e = 0; e < this.info.edges.src.length; e++) this.updateEdge(e, snap);
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
