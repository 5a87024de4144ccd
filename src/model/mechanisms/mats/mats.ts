/**
 * Governance: maintained schools, single-academy trusts and multi-academy
 * trusts (MATs) with a size class (small 2-5, medium 6-15, large 16+; seed
 * 003), local or non-local, open or boundary-keeping, and a degree of CPDL
 * standardisation.
 *
 * Setup fills the shares of each class in a locality. A trust grows from a
 * seed school; with chance `clustering` each further member is the next
 * school along a serpentine path through the area (a neighbour), otherwise a
 * random school (seed 003, Town: academisation "spread quite evenly").
 * Non-local trusts have only some of their schools in the locality (the rest
 * count toward their size class) and their leaders meet less often.
 *
 * Consolidation (timeline event matConsolidation): each year a share `rate`
 * of all schools that are not yet in a strong trust (total size >=
 * strongSize) joins one, until a share `until` is reached. Maintained and
 * single-academy schools go first (random order), then small trusts merge
 * whole. A joiner picks the nearest trust of its locality below maxSize
 * (strong trusts count as 1.5 times nearer), or founds a new one when none is
 * within reach; a share `nonLocal` goes to a non-local trust instead.
 *
 * Closed trusts (seed 003: "boundary keepers"): each year a school in a
 * closed trust leaves each cross-trust group (partnership, heads' cluster,
 * alliance) with chance closedWithdrawal; their hub engagement is cut by
 * closedHubBarrier (hubs.ts).
 */
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import { normal } from '../../../engine/rng.ts';
import type { ModelState } from '../../core/state.ts';
import type { LocalPlace } from '../locality/place.ts';
import type { Consolidation, Mat, PolicyState } from '../../core/policy-state.ts';
import { serpentineChunks } from '../partnerships/partnerships.ts';
import { shuffle } from '../../../engine/rng.ts';

const GOV_SAT = 1;
const GOV_MAT = 2;

/** Total size (schools in the model plus outside it) of every trust. */
export function matTotals(state: ModelState): Int32Array {
  const P = state.policy!;
  const t = new Int32Array(P.mats.length);
  P.mats.forEach((m, i) => (t[i] = m.external));
  for (let s = 0; s < state.schools.n; s++) if (state.schools.mat[s] >= 0) t[state.schools.mat[s]]++;
  return t;
}

function newMat(P: PolicyState, fields: Omit<Mat, 'name'>): number {
  P.mats.push({ name: `MAT${P.mats.length + 1}`, ...fields });
  return P.mats.length - 1;
}

const randInt = (rng: Rng, lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));

type SizeClass = 'large' | 'medium' | 'small';

/**
 * Size of a new trust of a class: the schools it takes here (m, at most
 * `cap`) and its total size counting schools elsewhere (non-local trusts run
 * most of their schools outside the locality).
 */
function drawTrustSize(cls: SizeClass, nonLocal: boolean, cap: number, rng: Rng): { m: number; total: number } {
  let m: number;
  if (cls === 'small') m = randInt(rng, 2, 5);
  else if (cls === 'medium') m = nonLocal ? randInt(rng, 2, 5) : randInt(rng, 6, 12);
  else m = nonLocal ? randInt(rng, 3, 8) : randInt(rng, 8, 16);
  m = Math.min(m, cap);
  let total: number;
  if (cls === 'small') total = m;
  else if (cls === 'medium') total = nonLocal ? Math.max(m, randInt(rng, 6, 15)) : Math.max(6, m);
  else total = nonLocal ? randInt(rng, 16, 60) : Math.max(16, m + randInt(rng, 0, 8));
  return { m, total };
}

/** Assign the starting governance of one locality's schools. */
export function seedMats(state: ModelState, loc: number, place: LocalPlace, rng: Rng): void {
  const P = state.policy!;
  const S = state.schools;
  const schools = P.localities[loc].schools;
  const n = schools.length;
  const M = place.mats;
  // A serpentine order gives "neighbours along the path" in O(n log n).
  const path = serpentineChunks(schools, S.x, S.y, n).flat();
  const pos = new Map<number, number>();
  path.forEach((s, i) => pos.set(s, i));
  const free = new Set(path);
  const randomFree = () => {
    const arr = [...free];
    return arr[Math.floor(rng() * arr.length)];
  };
  const nextAlong = (from: number) => {
    const p = pos.get(from)!;
    for (let d = 1; d < path.length; d++) {
      if (p + d < path.length && free.has(path[p + d])) return path[p + d];
      if (p - d >= 0 && free.has(path[p - d])) return path[p - d];
    }
    return -1;
  };
  // Single-academy trusts.
  const nSat = Math.round(M.singleAcademyTrust * n);
  for (let k = 0; k < nSat && free.size > 0; k++) {
    const s = randomFree();
    free.delete(s);
    S.governance[s] = GOV_SAT;
  }
  const classes: { share: number; cls: SizeClass }[] = [
    { share: M.large, cls: 'large' },
    { share: M.medium, cls: 'medium' },
    { share: M.small, cls: 'small' },
  ];
  for (const { share, cls } of classes) {
    const target = Math.round(share * n);
    let assigned = 0;
    let last = -1;
    while (target - assigned >= 2 && free.size >= 2) {
      const nonLocal = cls !== 'small' && rng() < M.nonLocalShare;
      const { m, total } = drawTrustSize(cls, nonLocal, Math.min(target - assigned, free.size), rng);
      const seed = randomFree();
      const members = [seed];
      free.delete(seed);
      while (members.length < m && free.size > 0) {
        const s = rng() < M.clustering ? nextAlong(seed) : randomFree();
        if (s < 0) break;
        members.push(s);
        free.delete(s);
      }
      const std = Math.min(1, Math.max(0, M.standardisation + 0.1 * normal(rng)));
      last = newMat(P, {
        open: rng() < M.openShare,
        local: !nonLocal,
        standardisation: std,
        external: total - members.length,
        seedSchool: seed,
        locality: loc,
      });
      for (const s of members) {
        S.mat[s] = last;
        S.governance[s] = GOV_MAT;
      }
      assigned += members.length;
    }
    if (target - assigned === 1 && last >= 0 && free.size > 0) {
      const s = nextAlong(P.mats[last].seedSchool);
      if (s >= 0) {
        free.delete(s);
        S.mat[s] = last;
        S.governance[s] = GOV_MAT;
      }
    }
  }
}

/** Share of schools in strong trusts (total size >= strongSize). */
export function strongShare(state: ModelState, strongSize: number): number {
  const t = matTotals(state);
  let c = 0;
  for (let s = 0; s < state.schools.n; s++) if (state.schools.mat[s] >= 0 && t[state.schools.mat[s]] >= strongSize) c++;
  return c / state.schools.n;
}

function moveTo(state: ModelState, s: number, m: number): void {
  state.schools.mat[s] = m;
  state.schools.governance[s] = GOV_MAT;
}

/** Sizes and centroid sums of the trusts during a consolidation year (growable: trusts are founded on the way). */
interface TrustGeometry {
  totals: number[];
  mx: number[];
  my: number[];
  mc: number[];
}

/** Joiners: schools outside any trust first (shuffled), then small trusts merging whole (shuffled). */
function joiningUnits(mat: Int32Array, totals: number[], strong: number, rng: Rng): number[][] {
  const n = mat.length;
  const loose: number[] = [];
  const smallMats = new Set<number>();
  for (let s = 0; s < n; s++) {
    const m = mat[s];
    if (m < 0) loose.push(s);
    else if (totals[m] < strong) smallMats.add(m);
  }
  shuffle(loose, rng);
  const units: number[][] = loose.map((s) => [s]);
  const smalls = [...smallMats].sort((a, b) => a - b);
  shuffle(smalls, rng);
  const byMat = new Map<number, number[]>();
  for (let s = 0; s < n; s++) {
    if (!smallMats.has(mat[s])) continue;
    const list = byMat.get(mat[s]);
    if (list) list.push(s);
    else byMat.set(mat[s], [s]);
  }
  for (const m of smalls) units.push(byMat.get(m) ?? []);
  return units;
}

/** The trust a joining unit goes to: the nearest eligible one, strong trusts preferred; -1 if none (a new one is founded). */
function trustToJoin(state: ModelState, geo: TrustGeometry, q: { unit: number[]; nonLocal: boolean; strong: number; maxSize: number }): number {
  const P = state.policy!;
  const S = state.schools;
  const { totals, mx, my, mc } = geo;
  const s0 = q.unit[0];
  const loc = P.localityOf[s0];
  const own = S.mat[s0];
  let best = -1;
  let bestScore = Infinity;
  for (let m = 0; m < P.mats.length; m++) {
    if (m === own || mc[m] === 0 || P.mats[m].locality !== loc) continue;
    if (totals[m] + q.unit.length > q.maxSize) continue;
    if (q.nonLocal === P.mats[m].local) continue;
    const dx = mx[m] / mc[m] - S.x[s0];
    const dy = my[m] / mc[m] - S.y[s0];
    const d = Math.sqrt(dx * dx + dy * dy) * P.kmPerUnit;
    if (!q.nonLocal && d > JOIN_REACH_KM) continue;
    const score = d * (totals[m] >= q.strong ? 1 : 1.5);
    if (score < bestScore) {
      bestScore = score;
      best = m;
    }
  }
  return best;
}

/** Move school s into trust m, keeping sizes and centroid sums current. */
function moveWithGeometry(state: ModelState, geo: TrustGeometry, s: number, m: number): void {
  const S = state.schools;
  const from = S.mat[s];
  if (from >= 0) {
    geo.totals[from]--;
    geo.mc[from]--;
    geo.mx[from] -= S.x[s];
    geo.my[from] -= S.y[s];
  }
  moveTo(state, s, m);
  geo.totals[m]++;
  geo.mc[m]++;
  geo.mx[m] += S.x[s];
  geo.my[m] += S.y[s];
}

/** One year of a consolidation programme (see the module comment). */
export function consolidate(ctx: Ctx, c: Consolidation, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const M = scenario.mats;
  const n = S.n;
  const strong = M.strongSize;
  const share = strongShare(state, strong);
  if (share >= c.until || c.rate <= 0) return;
  let quota = Math.min(Math.max(1, Math.round(c.rate * n)), Math.ceil((c.until - share) * n - 1e-9));
  // Per-trust size and centroid (growable: new trusts are founded on the way).
  const totals = Array.from(matTotals(state));
  const mx: number[] = P.mats.map(() => 0);
  const my: number[] = P.mats.map(() => 0);
  const mc: number[] = P.mats.map(() => 0);
  for (let s = 0; s < n; s++) {
    const m = S.mat[s];
    if (m < 0) continue;
    mx[m] += S.x[s];
    my[m] += S.y[s];
    mc[m]++;
  }
  const geo: TrustGeometry = { totals, mx, my, mc };
  for (const unit of joiningUnits(S.mat, totals, strong, rng)) {
    if (quota <= 0) break;
    const s0 = unit[0];
    const loc = P.localityOf[s0];
    const own = S.mat[s0];
    if (own >= 0 && totals[own] >= strong) continue; // grew strong meanwhile
    const nonLocal = rng() < c.nonLocal;
    let best = trustToJoin(state, geo, { unit, nonLocal, strong, maxSize: M.maxSize });
    if (best < 0) {
      const L = P.localities[loc];
      const open = c.openness === 'open' ? true : c.openness === 'closed' ? false : rng() < L.matOpenShare;
      best = newMat(P, {
        open,
        local: !nonLocal,
        standardisation: c.standardisation ?? L.matStandardisation,
        external: nonLocal ? strong : 0,
        seedSchool: s0,
        locality: loc,
      });
      totals.push(nonLocal ? strong : 0);
      mx.push(0);
      my.push(0);
      mc.push(0);
    }
    const mat = P.mats[best];
    if (c.openness !== 'keep') mat.open = c.openness === 'open';
    if (c.standardisation !== undefined) mat.standardisation = c.standardisation;
    for (const s of unit) moveWithGeometry(state, geo, s, best);
    quota -= unit.length;
  }
  P.dirty = true;
}

/** How far a school looks for a local trust to join before founding one (km; modelling choice). */
const JOIN_REACH_KM = 6;

/** Schools in closed trusts leave cross-trust groups (see the module comment). */
export function closedWithdrawal(ctx: Ctx, rng: Rng): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const q = scenario.mats.closedWithdrawal;
  if (q <= 0) return;
  let changed = false;
  const isClosed = (s: number) => S.mat[s] >= 0 && !P.mats[S.mat[s]].open;
  const crossTrust = (members: number[], s: number) => members.some((t) => S.mat[t] !== S.mat[s]);
  for (const g of P.kept) {
    if (!g.crossTrust) continue;
    const keep: number[] = [];
    for (const s of g.members) {
      if (isClosed(s) && crossTrust(g.members, s) && rng() < q) {
        changed = true;
        continue;
      }
      keep.push(s);
    }
    g.members = keep;
  }
  P.hubs.forEach((h) => {
    if (h.kind >= 0 || !h.active) return;
    const keep: number[] = [];
    for (const s of h.members) {
      if (s !== h.lead && isClosed(s) && crossTrust(h.members, s) && rng() < q) {
        P.alliance[s] = -1;
        changed = true;
        continue;
      }
      keep.push(s);
    }
    h.members = keep;
  });
  if (changed) P.dirty = true;
}

/** Trusts open up or close their boundaries (timeline event matOpenness). */
export function setOpenness(ctx: Ctx, open: boolean, share: number, rng: Rng): void {
  const P = ctx.state.policy!;
  for (const m of P.mats) if (share >= 1 || rng() < share) m.open = open;
  P.dirty = true;
}
