/**
 * Spatial layout of localities: where schools are, how big they are and how
 * disadvantage falls across the place; and, for England, how many localities
 * of each kind there are and where they lie.
 *
 * A locality is a square of side extentKm. A share `urbanShare` of schools
 * sits around settlement centres (normal scatter, sd settlementSpreadKm;
 * the first settlements are the largest), the rest is scattered over the
 * rural area. Disadvantage is higher at settlement centres:
 *   d = mean + gradient * (exp(-r^2 / (2 (2 sd)^2)) - 0.5) + sd_d * N(0,1)
 * where r is the distance to the nearest settlement centre.
 * Everything is O(n * settlements) and uses only the stream it is given.
 */
import type { Rng } from '../../../engine/rng.ts';
import { normal, permutation } from '../../../engine/rng.ts';
import type { LocalPlace } from './place.ts';
import type { LocalityKind } from './presets.ts';
import { NATIONAL_LOCALITY_SPACING_KM } from './presets.ts';

export interface LaidOut {
  /** Positions in km relative to the locality's lower-left corner. */
  xKm: Float64Array;
  yKm: Float64Array;
  disadvantage: Float64Array;
  pupils: Float64Array;
  /** Nearest settlement of each school (its local community: partnerships and heads' clusters form within it). */
  settlement: Int32Array;
}

const clamp = (v: number, lo: number, hi: number) => (v < lo ? lo : v > hi ? hi : v);

/** Lay out `n` schools of a place. */
export function layoutPlace(place: LocalPlace, n: number, rng: Rng): LaidOut {
  const E = place.extentKm;
  const k = Math.max(1, place.settlements);
  const cx = new Float64Array(k);
  const cy = new Float64Array(k);
  const w = new Float64Array(k);
  let wSum = 0;
  for (let i = 0; i < k; i++) {
    // Settlements keep a margin from the edge so their scatter stays inside.
    cx[i] = E * (0.15 + 0.7 * rng());
    cy[i] = E * (0.15 + 0.7 * rng());
    w[i] = 1 / (i + 1);
    wSum += w[i];
  }
  const out: LaidOut = {
    xKm: new Float64Array(n),
    yKm: new Float64Array(n),
    disadvantage: new Float64Array(n),
    pupils: new Float64Array(n),
    settlement: new Int32Array(n),
  };
  const sd = place.settlementSpreadKm;
  for (let s = 0; s < n; s++) {
    let x: number, y: number;
    if (rng() < place.urbanShare) {
      let u = rng() * wSum;
      let c = 0;
      while (c < k - 1 && u >= w[c]) u -= w[c++];
      x = cx[c] + sd * normal(rng);
      y = cy[c] + sd * normal(rng);
    } else {
      x = E * rng();
      y = E * rng();
    }
    x = clamp(x, 0, E);
    y = clamp(y, 0, E);
    out.xKm[s] = x;
    out.yKm[s] = y;
    let r2 = Infinity;
    for (let c = 0; c < k; c++) {
      const dx = x - cx[c];
      const dy = y - cy[c];
      const d2 = dx * dx + dy * dy;
      if (d2 < r2) {
        r2 = d2;
        out.settlement[s] = c;
      }
    }
    const core = Math.exp(-r2 / (2 * (2 * sd) * (2 * sd)));
    out.disadvantage[s] = clamp(place.disadvantageMean + place.disadvantageGradient * (core - 0.5) + place.disadvantageSd * normal(rng), 0, 1);
    out.pupils[s] = Math.max(20, Math.round(place.pupilsMean * (1 + 0.3 * normal(rng))));
  }
  return out;
}

export interface NationalLocality {
  kind: LocalityKind;
  schools: number;
  /** Lower-left corner (km). */
  x0: number;
  y0: number;
}

/**
 * England as a grid of locality cells (side NATIONAL_LOCALITY_SPACING_KM) in a
 * square, filled in a seeded order with City, Town and Shire localities in
 * the given mix until `total` schools are placed (the last locality takes the
 * remainder). Returns the localities and the side of the square (km).
 */
export function nationalLocalities(
  total: number,
  mix: { city: number; town: number; shire: number },
  sizes: Record<'city' | 'town' | 'shire', number>,
  extents: Record<'city' | 'town' | 'shire', number>,
  rng: Rng,
): { localities: NationalLocality[]; sideKm: number } {
  const kinds: ('city' | 'town' | 'shire')[] = ['city', 'town', 'shire'];
  const wts = kinds.map((k) => mix[k]);
  const wSum = wts[0] + wts[1] + wts[2] || 1;
  const chosen: ('city' | 'town' | 'shire')[] = [];
  const counts: number[] = [];
  let placed = 0;
  while (placed < total) {
    let u = rng() * wSum;
    let i = 0;
    while (i < 2 && u >= wts[i]) u -= wts[i++];
    const kind = kinds[i];
    let c = sizes[kind];
    if (total - placed - c < 10) c = total - placed; // no tiny last locality
    chosen.push(kind);
    counts.push(c);
    placed += c;
  }
  const m = chosen.length;
  const cells = Math.ceil(Math.sqrt(m));
  const spacing = NATIONAL_LOCALITY_SPACING_KM;
  // A seeded permutation of grid cells, so locality kinds are not in bands.
  const order = permutation(cells * cells, rng);
  const localities: NationalLocality[] = [];
  for (let l = 0; l < m; l++) {
    const cell = order[l];
    const gx = cell % cells;
    const gy = Math.floor(cell / cells);
    const ext = extents[chosen[l]];
    const slack = Math.max(0, spacing - ext);
    localities.push({ kind: chosen[l], schools: counts[l], x0: gx * spacing + slack * rng(), y0: gy * spacing + slack * rng() });
  }
  return { localities, sideKm: cells * spacing };
}
