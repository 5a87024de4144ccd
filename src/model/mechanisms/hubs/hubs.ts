/**
 * Hubs and alliances (model brief 3.6; seeds 003 and 004).
 *
 * Providers: Maths Hubs, Teaching School Hubs and Research Schools (each with
 * a lead school, a position and an area: every school is designated to the
 * nearest active hub of each kind, seed 003: "Our Headteacher has a
 * designated Maths, English, Computing, Behaviour and Teaching School Hub as
 * well as a Research School"), and teaching school alliances (a lead
 * teaching school and the nearby schools that belong to it).
 *
 * Engagement with a hub is decided each year. For school s designated to hub h:
 *   proximity  = exp(-d(s, h) / distanceDecayKm)
 *   carry      = 1 - exp(-networkCarry * sum of trust in heads already engaged
 *                with h, over ties with trust >= carryTrust)
 *   p(engage)  = engagementMax * (1 - (1 - proximity) * (1 - carry)) * barrier
 * where barrier = 1 - closedHubBarrier for a school in a closed trust, else 1:
 * a school is reached by proximity or carried in by its trusted network
 * (seed 003: the remote hubs reach Shire "by assimilating into the existing
 * network of head teachers"; closed MATs "preventing staff from engaging with
 * the Maths Hub"). A hub takes at most capacityShare of its area's schools a
 * year; the lead school and its hub-lead spanners always take part.
 * Engaged schools meet in work groups of workGroupSize (structure.ts).
 */
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import { HUB_KINDS, NK, type Hub, type PolicyState } from '../../core/policy-state.ts';
import { shuffle } from '../../../engine/rng.ts';
import type { ModelState } from '../../core/state.ts';
import { hypot } from '../../core/distance.ts';
import type { Scenario } from '../../schema.ts';

const HUB_NAMES = ['MathsHub', 'TSH', 'ResearchSchool'];
/**
 * Direction from the locality centre in which a remote hub of each kind lies: unit
 * vectors at bearings 0.35, 2.25 and 4.2 radians (a fixed modelling choice),
 * written out so no platform's cos/sin can move a hub by a last bit.
 */
const DIRECTION: readonly (readonly [number, number])[] = [
  [0.9393727128473789, 0.34289780745545134],
  [-0.6281736227227391, 0.7780731968879212],
  [-0.4902608213406994, -0.8715757724135882],
];

function newHub(P: PolicyState, h0: Pick<Hub, 'kind' | 'lead' | 'x' | 'y' | 'locality' | 'active'>): Hub {
  const { kind, lead, x, y, locality, active } = h0;
  const name = kind < 0 ? `TSA${P.hubs.filter((h) => h.kind < 0).length + 1}` : `${HUB_NAMES[kind]}${P.hubs.filter((h) => h.kind === kind).length + 1}`;
  const h: Hub = { name, kind, lead, x, y, active, closed: false, reopenTick: -1, locality, members: [] };
  P.hubs.push(h);
  return h;
}

/** The most effective school of a list that no hub of the kind already uses as lead. */
function bestSchool(state: ModelState, schools: readonly number[], kind: number): number {
  const P = state.policy!;
  const taken = new Set(P.hubs.filter((h) => h.kind === kind).map((h) => h.lead));
  let best = -1;
  for (const s of schools) {
    if (taken.has(s)) continue;
    if (best < 0 || state.schools.effectiveness[s] > state.schools.effectiveness[best]) best = s;
  }
  return best;
}

/**
 * Hubs of one locality from distances to their lead schools: a distance
 * within the area makes the most effective school within 2 km of that point
 * (or the nearest school) the lead; a larger distance puts the lead outside
 * the modelled area.
 */
export function placeLocalHubs(state: ModelState, loc: number, km: (number | null)[], tshActive: boolean): void {
  const P = state.policy!;
  const L = P.localities[loc];
  const S = state.schools;
  const extentKm = L.extent * P.kmPerUnit;
  for (let k = 0; k < NK; k++) {
    const d = km[k];
    if (d === null || d === undefined) continue;
    const px = L.cx + (d / P.kmPerUnit) * DIRECTION[k][0];
    const py = L.cy + (d / P.kmPerUnit) * DIRECTION[k][1];
    const active = k === 1 ? tshActive : true;
    if (d <= 0.45 * extentKm) {
      const near: number[] = [];
      let nearest = -1,
        nd = Infinity;
      for (const s of L.schools) {
        const dd = hypot(S.x[s] - px, S.y[s] - py) * P.kmPerUnit;
        if (dd < 2) near.push(s);
        if (dd < nd) {
          nd = dd;
          nearest = s;
        }
      }
      const lead = near.length ? bestSchool(state, near, k) : nearest;
      newHub(P, { kind: k, lead, x: S.x[lead], y: S.y[lead], locality: loc, active });
    } else {
      newHub(P, { kind: k, lead: -1, x: px, y: py, locality: loc, active });
    }
  }
}

/**
 * National hubs: `count` hubs of a kind led from localities chosen by
 * farthest-point sampling over locality centres (so hub areas tile England),
 * each led by the most effective school of its locality.
 */
export function placeNationalHubs(state: ModelState, kind: number, count: number, active: boolean, rng: Rng): void {
  const P = state.policy!;
  const S = state.schools;
  const m = P.localities.length;
  if (count <= 0 || m === 0) return;
  const minD = new Float64Array(m).fill(Infinity);
  let next = Math.floor(rng() * m);
  for (let c = 0; c < Math.min(count, m); c++) {
    const L = P.localities[next];
    const lead = bestSchool(state, L.schools, kind);
    if (lead >= 0) newHub(P, { kind, lead, x: S.x[lead], y: S.y[lead], locality: next, active });
    minD[next] = -1;
    let best = -1,
      bd = -1;
    for (let l = 0; l < m; l++) {
      if (minD[l] < 0) continue;
      const d = hypot(P.localities[l].cx - L.cx, P.localities[l].cy - L.cy);
      if (d < minD[l]) minD[l] = d;
      if (minD[l] > bd) {
        bd = minD[l];
        best = l;
      }
    }
    if (best < 0) break;
    next = best;
  }
}

/**
 * Teaching school alliances in a locality: the most effective schools lead
 * (teaching schools needed an outstanding grade, seed 004), at least a few
 * kilometres apart where possible; each takes its nearest schools until the
 * alliances together cover `coverage` of the locality (seed 004: about a third).
 */
export function placeAlliances(state: ModelState, loc: number, count: number, coverage: number): void {
  const P = state.policy!;
  const S = state.schools;
  const L = P.localities[loc];
  const n = L.schools.length;
  if (count <= 0 || n < 2) return;
  count = Math.min(count, Math.floor(n / 2));
  const byEff = [...L.schools].sort((a, b) => S.effectiveness[b] - S.effectiveness[a] || a - b);
  const spacing = (0.5 * L.extent) / Math.sqrt(count);
  const leads: number[] = [];
  for (const s of byEff) {
    if (leads.length >= count) break;
    if (leads.every((t) => hypot(S.x[t] - S.x[s], S.y[t] - S.y[s]) >= spacing)) leads.push(s);
  }
  for (const s of byEff) {
    if (leads.length >= count) break;
    if (!leads.includes(s)) leads.push(s);
  }
  const size = Math.max(2, Math.round((coverage * n) / count));
  for (const lead of leads) {
    const h = newHub(P, { kind: -1, lead, x: S.x[lead], y: S.y[lead], locality: loc, active: true });
    const hi = P.hubs.length - 1;
    const free = L.schools.filter((s) => P.alliance[s] < 0 && s !== lead);
    free.sort((a, b) => hypot(S.x[a] - S.x[lead], S.y[a] - S.y[lead]) - hypot(S.x[b] - S.x[lead], S.y[b] - S.y[lead]) || a - b);
    h.members = [lead, ...free.slice(0, size - 1)];
    for (const s of h.members) P.alliance[s] = hi;
  }
}

/** National alliances: `total` spread over localities in proportion to their schools. */
export function placeNationalAlliances(state: ModelState, total: number, coverage: number): void {
  const P = state.policy!;
  const n = state.schools.n;
  const quotas = P.localities.map((L) => (total * L.schools.length) / n);
  const counts = quotas.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas.map((q, l) => [q - Math.floor(q), l] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0 && k < order.length; k++, left--) counts[order[k][1]]++;
  P.localities.forEach((_, l) => placeAlliances(state, l, counts[l], coverage));
}

/** Designate each school to the nearest active hub of each kind; distance to the nearest hub for distance bands. */
export function designate(state: ModelState): void {
  const P = state.policy!;
  const S = state.schools;
  const km = P.kmPerUnit;
  P.hasProviders = P.hubs.length > 0;
  const byKind: number[][] = [];
  for (let k = 0; k < NK; k++) byKind.push(P.hubs.flatMap((h, hi) => (h.kind === k && !h.closed ? [hi] : [])));
  for (let s = 0; s < S.n; s++) {
    let d2Min = Infinity;
    const x = S.x[s];
    const y = S.y[s];
    for (let k = 0; k < NK; k++) {
      let best = -1,
        bd = Infinity;
      for (const h of byKind[k]) {
        const hub = P.hubs[h];
        const d2 = (x - hub.x) * (x - hub.x) + (y - hub.y) * (y - hub.y);
        if (d2 < d2Min) d2Min = d2;
        if (hub.active && d2 < bd) {
          bd = d2;
          best = h;
        }
      }
      const prev = P.designated[s * NK + k];
      P.designated[s * NK + k] = best;
      if (prev !== best) P.engaged[s * NK + k] = 0;
    }
    P.hubDistKm[s] = d2Min === Infinity ? NaN : Math.sqrt(d2Min) * km;
  }
}

/** The yearly engagement draw (see the module comment). */
export function engageHubs(ctx: Ctx, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const L = state.leaders;
  const H = scenario.hubs;
  const barrier = 1 - scenario.mats.closedHubBarrier;
  const n = S.n;
  const nh = P.hubs.length;
  if (nh === 0) return;
  const want = new Uint8Array(n * NK);
  const forced = new Uint8Array(n * NK);
  // Lead schools and hub-lead spanners always take part.
  P.hubs.forEach((h, hi) => {
    if (h.kind < 0 || !h.active || h.lead < 0) return;
    forced[h.lead * NK + h.kind] = 1;
    P.designated[h.lead * NK + h.kind] = hi;
  });
  for (const sp of P.spanners) {
    if (sp.role !== 'hubLead' || sp.hub < 0) continue;
    const h = P.hubs[sp.hub];
    if (h.kind < 0 || !h.active) continue;
    const s = L.school[sp.slot];
    forced[s * NK + h.kind] = 1;
    P.designated[s * NK + h.kind] = sp.hub;
  }
  const areaCount = new Int32Array(nh);
  const taken = new Int32Array(nh);
  for (let s = 0; s < n; s++)
    for (let k = 0; k < NK; k++) {
      const h = P.designated[s * NK + k];
      if (h >= 0) areaCount[h]++;
    }
  const wanting: number[][] = P.hubs.map(() => []);
  for (let k = 0; k < NK; k++) {
    for (let s = 0; s < n; s++) {
      const h = P.designated[s * NK + k];
      if (h < 0) continue;
      const idx = s * NK + k;
      if (forced[idx]) {
        want[idx] = 1;
        taken[h]++;
        continue;
      }
      if (rng() < engagementChance(state, H, s, k, h, barrier)) wanting[h].push(idx);
    }
  }
  for (let h = 0; h < nh; h++) {
    const list = wanting[h];
    const cap = Math.ceil(H.capacityShare * areaCount[h]);
    const room = Math.max(0, cap - taken[h]);
    if (list.length > room) shuffle(list, rng);
    for (let q = 0; q < Math.min(room, list.length); q++) want[list[q]] = 1;
  }
  P.engaged.set(want);
  P.dirty = true;
}

/**
 * The chance that school s takes part in hub h of kind k this year: nearness,
 * raised by the trust it has in partners who take part there, held down by a
 * closed trust. A function of its own, called for every school and kind, so
 * that V8 keeps it optimised from year to year: in the yearly loop it ran
 * mostly unoptimised, boxing every number.
 */
function engagementChance(state: ModelState, H: Scenario['hubs'], s: number, k: number, h: number, barrier: number): number {
  const P = state.policy!;
  const { schools: S, edges: E, leaders: L } = state;
  const hub = P.hubs[h];
  const d = hypot(S.x[s] - hub.x, S.y[s] - hub.y) * P.kmPerUnit;
  const proximity = Math.exp(-d / H.distanceDecayKm);
  let carry = 0;
  const head = S.leader[s];
  for (let e = E.outStart[head]; e < E.outStart[head + 1]; e++) {
    if (E.trust[e] < H.carryTrust) continue;
    const sj = L.school[E.dst[e]];
    if (P.engaged[sj * NK + k] && P.designated[sj * NK + k] === h) carry += E.trust[e];
  }
  const pc = 1 - Math.exp(-H.networkCarry * carry);
  const m = S.mat[s];
  const b = m >= 0 && !P.mats[m].open ? barrier : 1;
  return H.engagementMax * (1 - (1 - proximity) * (1 - pc)) * b;
}

/** Count of providers (hubs of each kind and the alliance) a school engages with. */
export function engagementsOf(P: PolicyState, s: number): number {
  let c = 0;
  for (let k = 0; k < NK; k++) if (P.engaged[s * NK + k]) c++;
  const a = P.alliance[s];
  if (a >= 0 && P.hubs[a].active) c++;
  return c;
}

/**
 * A lead school loses its designation (seed 004): what it led stops. With a
 * successor (forced, or with chance successionChance) the most effective
 * school it served takes it on and it reopens a year later; otherwise it
 * closes and its schools turn to the next nearest hub of the kind, if any.
 */
export function loseDesignation(ctx: Ctx, hi: number, succession: boolean | undefined, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const h = P.hubs[hi];
  if (!h || h.closed || !h.active) return;
  h.active = false;
  // The hub role of whoever worked for it ends with the designation.
  for (const sp of P.spanners.filter((x) => x.role === 'hubLead' && x.hub === hi)) removeSpanner(P, sp);
  const served: number[] = [];
  if (h.kind >= 0) {
    for (let s = 0; s < S.n; s++)
      if (P.designated[s * NK + h.kind] === hi) {
        served.push(s);
        P.engaged[s * NK + h.kind] = 0;
      }
  } else served.push(...h.members);
  const succeed = succession ?? rng() < scenario.hubs.successionChance;
  const candidates = served.filter((s) => s !== h.lead);
  if (succeed && candidates.length > 0) {
    let best = candidates[0];
    for (const s of candidates) if (S.effectiveness[s] > S.effectiveness[best]) best = s;
    h.lead = best;
    h.x = S.x[best];
    h.y = S.y[best];
    h.reopenTick = state.tick + state.ticksPerYear;
  } else {
    h.closed = true;
    if (h.kind < 0) for (const s of h.members) if (P.alliance[s] === hi) P.alliance[s] = -1;
  }
  designate(state);
  P.dirty = true;
}

/** Reopen providers whose successor's year of disruption is over; apply the designation floor. */
export function yearlyDesignations(ctx: Ctx, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  let changed = false;
  P.hubs.forEach((h) => {
    if (!h.active && !h.closed && h.reopenTick >= 0 && state.tick >= h.reopenTick) {
      h.active = true;
      h.reopenTick = -1;
      changed = true;
    }
  });
  if (changed) {
    designate(state);
    P.dirty = true;
  }
  const floor = scenario.hubs.designationFloor;
  if (floor !== null)
    P.hubs.forEach((h, hi) => {
      if (h.active && h.lead >= 0 && state.schools.effectiveness[h.lead] < floor) loseDesignation(ctx, hi, undefined, rng);
    });
}

/** Alliances close and Teaching School Hubs open (seed 003: September 2021). */
export function replaceAlliancesByHubs(ctx: Ctx): void {
  const P = ctx.state.policy!;
  P.hubs.forEach((h, hi) => {
    if (h.kind < 0 && !h.closed) {
      h.active = false;
      h.closed = true;
      for (const s of h.members) if (P.alliance[s] === hi) P.alliance[s] = -1;
    }
    if (h.kind === HUB_KINDS.indexOf('tsh') && !h.closed) h.active = true;
  });
  designate(ctx.state);
  P.dirty = true;
}

/** Remove a spanner's record and role bit. */
export function removeSpanner(P: PolicyState, sp: { slot: number; role: string }): void {
  const i = P.spanners.indexOf(sp as never);
  if (i >= 0) P.spanners.splice(i, 1);
  let bits = 0;
  for (const o of P.spanners) if (o.slot === sp.slot) bits |= o.role === 'hubLead' ? 1 : o.role === 'specialistLeader' ? 2 : 4;
  P.spannerRole[sp.slot] = bits;
}
