/**
 * Boundary spanners (seed 003): leaders "wearing many hats" (hub lead or
 * hub worker, specialist leader of education, governor of another school)
 * who "simultaneously operate within or liaise between several
 * organisations". In the model a spanner is a head with extra group
 * memberships (structure.ts): that is what links otherwise separate parts of
 * the relationship network ("filling structural holes", after Burt).
 *
 * Who: heads with long tenure, competence, openness and moral purpose (seed
 * 003: "built significant professional capital through decades"). A
 * hub-lead role goes first to the lead school's head of a hub in the
 * locality, then to the best-placed head, who works for the nearest hub.
 * When a spanner's head leaves, the roles go with the person; another head
 * takes them on with chance successionChance.
 */
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import type { ModelState } from '../../core/state.ts';
import { ROLE_BITS, type PolicyState, type Spanner, type SpannerRole } from '../../core/policy-state.ts';
import { removeSpanner } from '../hubs/hubs.ts';
import { shuffle } from '../../../engine/rng.ts';
import { hypot } from '../../core/distance.ts';

/** How well placed a head is to span boundaries. */
function spannerScore(state: ModelState, slot: number): number {
  const L = state.leaders;
  return Math.min(1, L.tenure[slot] / 10) + L.competence[slot] + L.openness[slot] + L.moralPurpose[slot];
}

/** Nearest active hub (of any kind) to a school, or -1. */
function nearestHub(P: PolicyState, state: ModelState, s: number, requireInLocality: boolean): number {
  let best = -1,
    bd = Infinity;
  P.hubs.forEach((h, hi) => {
    if (h.kind < 0 || h.closed) return;
    if (requireInLocality && h.lead >= 0 && P.localityOf[h.lead] !== P.localityOf[s]) return;
    const d = hypot(state.schools.x[s] - h.x, state.schools.y[s] - h.y);
    if (d < bd) {
      bd = d;
      best = hi;
    }
  });
  return best;
}

export function addSpanner(state: ModelState, slot: number, role: SpannerRole, hub: number): void {
  const P = state.policy!;
  const s = state.leaders.school[slot];
  const sp: Spanner = { slot, role, hub, changes: state.leaders.changes[slot], locality: P.localityOf[s] };
  P.spanners.push(sp);
  P.spannerRole[slot] |= ROLE_BITS[role];
  P.dirty = true;
}

/** Pick `count` new spanners with `role` in a locality (best-placed heads first). */
export function recruitSpanners(state: ModelState, loc: number, role: SpannerRole, count: number): number {
  const P = state.policy!;
  const cands = P.localities[loc].schools.map((s) => state.schools.leader[s]).filter((slot) => !P.spannerRole[slot]);
  cands.sort((a, b) => spannerScore(state, b) - spannerScore(state, a) || a - b);
  let added = 0;
  if (role === 'hubLead') {
    // Lead schools' heads of hubs in the locality first.
    for (const h of P.hubs.map((h, hi) => ({ h, hi })).filter(({ h }) => h.kind >= 0 && h.lead >= 0 && P.localityOf[h.lead] === loc && !h.closed)) {
      if (added >= count) break;
      const slot = state.schools.leader[h.h.lead];
      if (P.spannerRole[slot] & ROLE_BITS.hubLead) continue;
      addSpanner(state, slot, 'hubLead', h.hi);
      added++;
    }
  }
  for (const slot of cands) {
    if (added >= count) break;
    if (P.spannerRole[slot]) continue;
    let hub = -1;
    if (role === 'hubLead') {
      hub = nearestHub(P, state, state.leaders.school[slot], false);
      if (hub < 0) continue;
    }
    addSpanner(state, slot, role, hub);
    added++;
  }
  return added;
}

/** Spanners of a locality at setup: `count` split over roles by weight (largest remainder). */
export function seedSpanners(state: ModelState, loc: number, count: number, weights: Record<SpannerRole, number>): void {
  if (count <= 0) return;
  const roles: SpannerRole[] = ['hubLead', 'specialistLeader', 'governor'];
  const w = roles.map((r) => weights[r]);
  const sum = w.reduce((a, b) => a + b, 0);
  if (sum <= 0) return;
  const q = w.map((x) => (count * x) / sum);
  const c = q.map(Math.floor);
  let left = count - c.reduce((a, b) => a + b, 0);
  const order = q.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) c[order[k % 3][1]]++;
  roles.forEach((r, i) => recruitSpanners(state, loc, r, c[i]));
}

/** Yearly: spanners whose head has left lose their roles; a successor may take them on. */
export function spannerSuccession(ctx: Ctx, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const gone = P.spanners.filter((sp) => state.leaders.changes[sp.slot] !== sp.changes);
  for (const sp of gone) {
    removeSpanner(P, sp);
    P.dirty = true;
    if (rng() < scenario.spanners.successionChance) recruitSpanners(state, sp.locality, sp.role, 1);
  }
}

/** Timeline event spannersLeave. */
export function spannersLeave(ctx: Ctx, share: number, role: SpannerRole | 'any', rng: Rng): void {
  const P = ctx.state.policy!;
  const list = P.spanners.filter((sp) => role === 'any' || sp.role === role);
  shuffle(list, rng);
  const k = share >= 1 ? list.length : Math.round(share * list.length);
  for (let i = 0; i < k; i++) removeSpanner(P, list[i]);
  P.dirty = true;
}

/** Timeline event spannersJoin: `count` new spanners in each locality. */
export function spannersJoin(ctx: Ctx, count: number, role: SpannerRole): void {
  const P = ctx.state.policy!;
  P.localities.forEach((_, loc) => recruitSpanners(ctx.state, loc, role, count));
  P.dirty = true;
}
