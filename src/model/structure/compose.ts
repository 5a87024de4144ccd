/**
 * From policy structure to groups: partnerships, heads' network clusters and
 * boards, alliances, trust leadership groups and hub work groups, plus the
 * extra memberships of boundary spanners. Relationships exist only between
 * co-members of a group, so rebuilding the groups rebuilds the relationship
 * network (installGroups keeps the perceptions of pairs that stay together).
 *
 * Runs at setup, at year boundaries and after events, never every tick.
 */
import type { Ctx } from '../core/context.ts';
import type { Rng } from '../../engine/rng.ts';
import { normal } from '../../engine/rng.ts';
import { installGroups, practicesOf } from '../setup/network.ts';
import type { GroupSpec } from '../core/group-spec.ts';
import { serpentineChunks } from '../mechanisms/partnerships/partnerships.ts';
import { clamp01, relationalTrust, GROUP_KINDS, type GroupKind, type ModelState } from '../core/state.ts';

const NO_PRACTICES = { codeOfConduct: false, partnershipLead: false, informalTime: false, writtenRoles: false };

interface Composed {
  spec: GroupSpec;
  /** Schools (not slots) for centroid and locality. */
  schools: number[];
  locality: number;
  /** Hub index for hub work groups and alliances, else -1. */
  hub: number;
}

interface SpecInput {
  name: string;
  kind: GroupKind;
  /** Schools (their heads become the members). */
  schools: number[];
  meetingsPerYear: number;
  formed: number;
  practices?: GroupSpec['practices'];
}

function makeSpec(state: ModelState, g: SpecInput): GroupSpec {
  const { name, kind, meetingsPerYear, formed, practices = NO_PRACTICES } = g;
  return {
    name,
    kind,
    members: g.schools.map((s) => state.schools.leader[s]),
    meetingsPerYear,
    practices: { ...practices },
    peerReview: false,
    trainingQuality: 0.7,
    formed,
  };
}

/** The groups implied by the current policy structure. */
function composeGroups(ctx: Ctx): Composed[] {
  const out: Composed[] = [];
  keptGroups(ctx, out);
  boards(ctx, out);
  alliances(ctx, out);
  trustLeadership(ctx, out);
  hubWorkGroups(ctx, out);
  addSpannerMemberships(ctx, out);
  return out;
}

/** Kept groups: partnerships and heads' network clusters (without a locality, every group the core built). */
function keptGroups(ctx: Ctx, out: Composed[]): void {
  const { state } = ctx;
  const P = state.policy!;
  for (const g of P.kept) {
    if (g.members.length < 2) continue;
    const spec = makeSpec(state, {
      name: g.name,
      kind: g.kind,
      schools: g.members,
      meetingsPerYear: g.meetingsPerYear,
      formed: g.formed,
      practices: g.practices,
    });
    spec.peerReview = g.peerReview;
    spec.trainingQuality = g.trainingQuality;
    out.push({ spec, schools: [...g.members], locality: g.locality, hub: -1 });
  }
}

/** Boards: governor spanners of a locality sit on one another's boards (seed 003). */
function boards(ctx: Ctx, out: Composed[]): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const tick = state.tick;
  const governors = new Map<number, number[]>();
  for (const sp of P.spanners) {
    if (sp.role !== 'governor') continue;
    const list = governors.get(sp.locality) ?? [];
    list.push(state.leaders.school[sp.slot]);
    governors.set(sp.locality, list);
  }
  for (const [loc, list] of [...governors.entries()].sort((a, b) => a[0] - b[0])) {
    if (list.length < 2) continue;
    const assim = P.localities[loc]?.headsAssimilating ?? false;
    const spec = makeSpec(state, {
      name: `BOARD${loc + 1}`,
      kind: 'heads-network',
      schools: list,
      meetingsPerYear: scenario.spanners.boardMeetingsPerYear,
      formed: tick,
      practices: { ...NO_PRACTICES, codeOfConduct: assim },
    });
    out.push({ spec, schools: list, locality: loc, hub: -1 });
  }
}

/** Teaching school alliances. */
function alliances(ctx: Ctx, out: Composed[]): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const tick = state.tick;
  const H = scenario.hubs;
  P.hubs.forEach((h, hi) => {
    if (h.kind !== -1 || !h.active || h.members.length < 2) return;
    out.push({
      spec: makeSpec(state, { name: h.name, kind: 'alliance', schools: h.members, meetingsPerYear: H.allianceMeetingsPerYear, formed: tick }),
      schools: [...h.members],
      locality: h.locality,
      hub: hi,
    });
  });
}

/** Trust leadership groups, split into local clusters. */
function trustLeadership(ctx: Ctx, out: Composed[]): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const tick = state.tick;
  const M = scenario.mats;
  const byMat: number[][] = P.mats.map(() => []);
  for (let s = 0; s < S.n; s++) if (S.mat[s] >= 0) byMat[S.mat[s]].push(s);
  const rolePractices = M.formalRoles ? { ...NO_PRACTICES, partnershipLead: true, writtenRoles: true } : NO_PRACTICES;
  P.mats.forEach((m, mi) => {
    const members = byMat[mi];
    if (members.length < 2) return;
    const chunks = members.length <= M.clusterSize ? [members] : serpentineChunks(members, S.x, S.y, M.clusterSize, true);
    const cadence = M.leadershipMeetingsPerYear * (m.local ? 1 : M.nonLocalMeetingFactor);
    chunks.forEach((c, k) => {
      const name = chunks.length === 1 ? m.name : `${m.name}.${k + 1}`;
      out.push({
        spec: makeSpec(state, { name, kind: 'mat-leadership', schools: c, meetingsPerYear: cadence, formed: tick, practices: rolePractices }),
        schools: c,
        locality: m.locality,
        hub: -1,
      });
    });
  });
}

/** Hub work groups of the schools engaged with each active hub this year. */
function hubWorkGroups(ctx: Ctx, out: Composed[]): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  const tick = state.tick;
  const H = scenario.hubs;
  const nk = 3;
  // The engaged schools of every hub in one pass over the schools (in school order, as a pass per hub gave them).
  const engagedOf: number[][] = P.hubs.map(() => []);
  for (let s = 0; s < S.n; s++) {
    for (let k = 0; k < nk; k++) {
      const hi = P.designated[s * nk + k];
      if (hi >= 0 && P.engaged[s * nk + k] && P.hubs[hi].kind === k) engagedOf[hi].push(s);
    }
  }
  P.hubs.forEach((h, hi) => {
    if (h.kind < 0 || !h.active) return;
    const engaged = engagedOf[hi];
    const chunks = serpentineChunks(engaged, S.x, S.y, H.workGroupSize);
    chunks.forEach((c, k) => {
      const loc = P.localityOf[c[0]];
      out.push({
        spec: makeSpec(state, { name: `${h.name}-WG${k + 1}`, kind: 'hub-work-group', schools: c, meetingsPerYear: H.workGroupMeetingsPerYear, formed: tick }),
        schools: c,
        locality: loc,
        hub: hi,
      });
    });
  });
}

/**
 * Boundary spanners join groups beyond their own school's (seed 003: they
 * "simultaneously operate within or liaise between several organisations").
 * hubLead: every work group (or the alliance) of its hub that has a school of
 * its locality. specialistLeader: the `extraGroups` nearest groups of other
 * kinds of organisation (partnerships, trusts, hub work groups, alliances).
 * governor: the `extraGroups` nearest partnerships or heads' clusters.
 * Groups without a spanner are preferred, so spanners bridge different holes.
 */
/** Indices of `items` by key, each list in index order. */
function indexBy<T>(items: readonly T[], key: (item: T) => number): Map<number, number[]> {
  const index = new Map<number, number[]>();
  items.forEach((item, k) => {
    const list = index.get(key(item));
    if (list) list.push(k);
    else index.set(key(item), [k]);
  });
  return index;
}

function addSpannerMemberships(ctx: Ctx, groups: Composed[]): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  const S = state.schools;
  if (P.spanners.length === 0) return;
  const extra = scenario.spanners.extraGroups;
  const cx = new Float64Array(groups.length);
  const cy = new Float64Array(groups.length);
  const hasSpanner = new Uint8Array(groups.length);
  groups.forEach((g, k) => {
    let sx = 0,
      sy = 0;
    for (const s of g.schools) {
      sx += S.x[s];
      sy += S.y[s];
      if (P.spannerRole[S.leader[s]]) hasSpanner[k] = 1;
    }
    cx[k] = sx / g.schools.length;
    cy[k] = sy / g.schools.length;
  });
  const kindOf = (k: number) => groups[k].spec.kind;
  // The groups of each locality and of each hub, in index order (a spanner looks only there).
  const byLocality = indexBy(groups, (g) => g.locality);
  const byHub = indexBy(groups, (g) => g.hub);
  for (const sp of P.spanners) {
    const slot = sp.slot;
    const s = state.leaders.school[slot];
    const has = (k: number) => groups[k].spec.members.includes(slot);
    if (sp.role === 'hubLead') {
      for (const k of byHub.get(sp.hub) ?? []) {
        if (has(k)) continue;
        if (!groups[k].schools.some((t) => P.localityOf[t] === sp.locality)) continue;
        groups[k].spec.members.push(slot);
        groups[k].schools.push(s);
        hasSpanner[k] = 1;
      }
      continue;
    }
    const allowed = (kind: GroupKind) => (sp.role === 'governor' ? kind === 'partnership' || kind === 'heads-network' : kind !== 'heads-network');
    const cand: number[] = [];
    for (const k of byLocality.get(sp.locality) ?? []) {
      if (!allowed(kindOf(k)) || has(k)) continue;
      if (groups[k].spec.name.startsWith('BOARD')) continue;
      cand.push(k);
    }
    const dist = (k: number) => (cx[k] - S.x[s]) ** 2 + (cy[k] - S.y[s]) ** 2;
    cand.sort((a, b) => hasSpanner[a] - hasSpanner[b] || dist(a) - dist(b) || a - b);
    for (let q = 0; q < Math.min(extra, cand.length); q++) {
      const k = cand[q];
      groups[k].spec.members.push(slot);
      groups[k].schools.push(s);
      hasSpanner[k] = 1;
    }
  }
}

/** The settings events change on group g (practices, peer review, training quality), onto a spec or kept group of the same name. */
function carrySettings(G: ModelState['groups'], g: number, into: Pick<GroupSpec, 'practices' | 'peerReview' | 'trainingQuality'>): void {
  into.practices = practicesOf(G, g);
  into.peerReview = !!G.peerReview[g];
  into.trainingQuality = G.trainingQuality[g];
}

/**
 * Rebuild the groups (and so the relationship network) from the policy
 * structure. Practices, peer review and training quality that events set on
 * a group carry over to the group of the same name.
 */
export function rebuildGroups(ctx: Ctx, rng: Rng, atSetup: boolean): void {
  const { state, scenario } = ctx;
  const P = state.policy!;
  // The groups as they are, by name (read from the group arrays: no spec is made for them).
  const G = state.groups;
  const now = new Map<string, number>();
  for (let g = 0; g < G.n; g++) now.set(G.names[g], g);
  const composed = composeGroups(ctx);
  const specs: GroupSpec[] = [];
  for (const c of composed) {
    const prev = now.get(c.spec.name);
    if (prev !== undefined && GROUP_KINDS[G.kind[prev]] === c.spec.kind) {
      carrySettings(G, prev, c.spec);
      c.spec.formed = G.formed[prev];
    }
    specs.push(c.spec);
  }
  // Keep the kept groups' settings in step with what events did to them.
  for (const g of P.kept) {
    const prev = now.get(g.name);
    if (prev !== undefined) carrySettings(G, prev, g);
  }
  installGroups(state, specs, scenario, rng, atSetup);
  if (P.matBest.length !== P.mats.length) {
    P.matBest = new Float64Array(P.mats.length);
    P.matCount = new Float64Array(P.mats.length);
  }
  P.dirty = false;
}

/**
 * Heads in the same heads' network cluster start with the social capital the
 * place has built: perceptions drawn around `priorTrust` (sd 0.08).
 */
export function applyPriorTrust(state: ModelState, rng: Rng): void {
  const P = state.policy!;
  const G = state.groups;
  const E = state.edges;
  const heads = GROUP_KINDS.indexOf('heads-network');
  for (let g = 0; g < G.n; g++) {
    if (G.kind[g] !== heads) continue;
    const first = G.members[G.memberStart[g]];
    const loc = P.localities[P.localityOf[state.leaders.school[first]]];
    const prior = loc?.headsPriorTrust;
    if (prior === undefined) continue;
    let sum = 0;
    for (let k = G.edgeStart[g]; k < G.edgeStart[g + 1]; k++) {
      const e = G.edges[k];
      if (E.interactions[e] > 0) continue;
      const d = () => clamp01(prior + 0.08 * normal(rng));
      E.respect[e] = d();
      E.regard[e] = d();
      E.integrity[e] = d();
      const rep = state.schools.standing[state.leaders.school[E.dst[e]]];
      E.competence[e] = clamp01(0.5 * d() + 0.5 * rep);
      E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
      E.interactions[e] = 1;
      sum += E.trust[e];
    }
    const cnt = G.edgeStart[g + 1] - G.edgeStart[g];
    if (cnt) G.lTrust[g] = sum / cnt;
  }
}
