/** Plane geometry for the network drawings: points, convex hulls, padded areas. */

export interface Pt {
  x: number;
  y: number;
}

/** The point `dist` from `from` toward `to`. */
export function toward(from: Pt, to: Pt, dist: number): Pt {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const l = Math.hypot(dx, dy) || 1;
  return { x: from.x + (dx / l) * dist, y: from.y + (dy / l) * dist };
}

/** Convex hull (monotone chain) of points. */
export function hull(points: Pt[]): Pt[] {
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

/** Points around a hull, pushed outward by `pad` (a rounded area around a partnership), as an SVG points list. */
export function padded(points: Pt[], pad: number): string {
  const out: Pt[] = [];
  for (const q of points) for (let k = 0; k < 12; k++) out.push({ x: q.x + pad * Math.cos((k * Math.PI) / 6), y: q.y + pad * Math.sin((k * Math.PI) / 6) });
  return hull(out)
    .map((q) => `${q.x.toFixed(1)},${q.y.toFixed(1)}`)
    .join(' ');
}
