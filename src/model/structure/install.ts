/**
 * Setting up the policy layer (after the core has built schools and heads)
 * and its yearly structural step.
 *
 * With a locality: lay out the schools, then build partnerships, the heads'
 * network, trusts, hubs and alliances, and boundary spanners, install the
 * groups, give heads' clusters their prior social capital, draw the first
 * year's hub engagement, and start competition and the practice.
 * Without one: keep the core's groups as they are; only the practice tracer
 * (which changes nothing unless model.practice.effect > 0) and any policy
 * timeline events act.
 *
 * Random streams: locality (layout and setup structure), structure (yearly
 * structure), competition (stances), practice (adoption). None of them is
 * used by the core rules, so scenarios without policy keys run exactly as
 * before.
 */
import type { Ctx } from '../core/context.ts';
import { currentSpecs } from '../setup/network.ts';
import { markDisadvantagedThird } from '../setup/build-state.ts';
import type { Rng } from '../../engine/rng.ts';
import type { Scenario } from '../schema.ts';
import type { ModelState } from '../core/state.ts';
import { standingOf } from '../core/attainment-scale.ts';
import { DEFAULT_EXTENT_KM, LOCALITY_PRESETS, type LocalityKind } from '../mechanisms/locality/presets.ts';
import { layoutPlace, nationalLocalities } from '../mechanisms/locality/generate.ts';
import { localPlace, scaledCount, type LocalPlace } from '../mechanisms/locality/place.ts';
import { allocPolicy, type KeptGroup, type Locality } from '../core/policy-state.ts';
import { applyPriorTrust, rebuildGroups } from './compose.ts';
import { serpentineChunks } from '../mechanisms/partnerships/partnerships.ts';
import { shuffle } from '../../engine/rng.ts';
import { consolidate, closedWithdrawal, seedMats } from '../mechanisms/mats/mats.ts';
import {
  designate,
  engageHubs,
  placeAlliances,
  placeLocalHubs,
  placeNationalAlliances,
  placeNationalHubs,
  yearlyDesignations,
} from '../mechanisms/hubs/hubs.ts';
import { seedSpanners, spannerSuccession } from '../mechanisms/spanners/spanners.ts';
import { competitionOn, competitionYear } from '../mechanisms/competition/competition.ts';
import { seedPractice } from '../mechanisms/practice-spread/practice-spread.ts';
import { hypot } from '../core/distance.ts';

function localityRecord(id: number, kind: LocalityKind, place: LocalPlace, x0: number, y0: number, side: number): Locality {
  return {
    id,
    kind,
    cx: (x0 + place.extentKm / 2) / side,
    cy: (y0 + place.extentKm / 2) / side,
    extent: place.extentKm / side,
    choice: place.choiceIntensity,
    fallingRolls: place.fallingRolls,
    headsAssimilating: place.heads.assimilating,
    headsPriorTrust: place.heads.priorTrust,
    matOpenShare: place.mats.openShare,
    matStandardisation: place.mats.standardisation,
    schools: [],
  };
}

interface KeptInput {
  name: string;
  kind: KeptGroup['kind'];
  members: number[];
  locality: number;
  meetingsPerYear: number;
  practices: KeptGroup['practices'];
  peerReview: boolean;
}

function keptFrom(g: KeptInput, s: Scenario): KeptGroup {
  return {
    name: g.name,
    kind: g.kind,
    members: g.members,
    meetingsPerYear: g.meetingsPerYear,
    practices: { ...g.practices },
    peerReview: g.peerReview,
    trainingQuality: s.partnerships.peerReview.trainingQuality,
    formed: 0,
    locality: g.locality,
    crossTrust: true,
  };
}

/**
 * Set up the policy layer at the start of a run: without a locality, a
 * policy state over the core's groups; with one, the places, the layout of
 * schools, partnerships and heads' networks, trusts, hubs, spanners, and the
 * groups and relationships they imply.
 */
export function installPolicy(ctx: Ctx): void {
  const L = ctx.scenario.locality;
  if (!L) return installWithoutLocality(ctx);
  const { state, scenario: s, rng } = ctx;
  const r = rng.locality;
  const national = L.preset === 'national';
  const { places, starts, side } = planPlaces(s, state.schools.n, r);
  const P = allocPolicy(state.schools.n, side);
  state.policy = P;
  P.hasLocality = true;
  const settlementOf = layOutSchools(state, s, { places, starts, side }, r);
  markDisadvantagedThird(state.schools);
  P.pupilsStart.set(state.schools.pupils);
  P.selectiveExpansion = s.competition.selectiveExpansion ?? 0;
  formLocalGroups(state, s, places, settlementOf, r);
  // Trusts.
  places.forEach((place, l) => seedMats(state, l, place, r));
  placeProviders(state, s, places, national, r);
  // Boundary spanners.
  places.forEach((place, l) => seedSpanners(state, l, place.spanners.count, place.spanners));
  // Groups, prior social capital, first hub engagement.
  rebuildGroups(ctx, r, true);
  applyPriorTrust(state, r);
  if (P.hubs.length > 0) {
    engageHubs(ctx, rng.structure);
    rebuildGroups(ctx, rng.structure, false);
  }
  if (competitionOn(state)) competitionYear(ctx, rng.competition, true);
  seedPractice(state, s.model.practice.seedShare, rng.practice);
}

/** No locality: one generic place over the unit square; the core's groups stay as they are until an event changes the structure. */
function installWithoutLocality(ctx: Ctx): void {
  const { state, scenario: s, rng } = ctx;
  const S = state.schools;
  const n = S.n;
  const P = allocPolicy(n, DEFAULT_EXTENT_KM);
  state.policy = P;
  const place = localPlace(s, 'custom');
  const loc = localityRecord(0, 'custom', place, 0, 0, DEFAULT_EXTENT_KM);
  loc.cx = 0.5;
  loc.cy = 0.5;
  loc.extent = 1;
  loc.choice = s.competition.choiceIntensity ?? 0;
  loc.fallingRolls = s.competition.fallingRolls ?? 0;
  loc.matOpenShare = s.mats.openShare ?? 1;
  loc.matStandardisation = s.mats.standardisation ?? 0.5;
  loc.schools = Array.from({ length: n }, (_, i) => i);
  P.localities = [loc];
  P.kept = currentSpecs(state).map((g) => ({
    ...keptFrom({ ...g, members: g.members.map((slot) => state.leaders.school[slot]), locality: 0 }, s),
    trainingQuality: g.trainingQuality,
    formed: g.formed,
  }));
  P.selectiveExpansion = s.competition.selectiveExpansion ?? 0;
  P.pupilsStart.set(S.pupils);
  if (competitionOn(state)) competitionYear(ctx, rng.competition, true);
  seedPractice(state, s.model.practice.seedShare, rng.practice);
}

interface PlacePlan {
  places: LocalPlace[];
  starts: { x0: number; y0: number; count: number }[];
  /** Side of the whole area (km). */
  side: number;
}

/** The places of the run: one locality, or England's many (national preset). */
function planPlaces(s: Scenario, n: number, r: Rng): PlacePlan {
  const L = s.locality;
  if (!L) throw new Error('planPlaces needs a locality');
  const places: LocalPlace[] = [];
  const starts: { x0: number; y0: number; count: number }[] = [];
  if (L.preset !== 'national') {
    const place = localPlace(s, L.preset);
    return { places: [place], starts: [{ x0: 0, y0: 0, count: n }], side: place.extentKm };
  }
  const kinds = ['city', 'town', 'shire'] as const;
  const sizes = { city: 0, town: 0, shire: 0 };
  const extents = { city: 0, town: 0, shire: 0 };
  for (const k of kinds) {
    sizes[k] = LOCALITY_PRESETS[k].schools;
    extents[k] = localPlace(s, k).extentKm;
  }
  const nat = nationalLocalities(n, L.mix, sizes, extents, r);
  for (const l of nat.localities) {
    places.push(localPlace(s, l.kind));
    starts.push({ x0: l.x0, y0: l.y0, count: l.schools });
  }
  return { places, starts, side: nat.sideKm };
}

/** Place every school in its locality and settlement; returns each school's settlement. */
function layOutSchools(state: ModelState, s: Scenario, plan: PlacePlan, r: Rng): Int32Array {
  const S = state.schools;
  const P = state.policy;
  if (!P) throw new Error('layOutSchools needs the policy state');
  const { places, starts, side } = plan;
  let next = 0;
  const settlementOf = new Int32Array(S.n);
  places.forEach((place, l) => {
    const st = starts[l];
    const loc = localityRecord(l, place.kind, place, st.x0, st.y0, side);
    const lay = layoutPlace(place, st.count, r);
    for (let k = 0; k < st.count; k++) {
      const sch = next++;
      S.x[sch] = (st.x0 + lay.xKm[k]) / side;
      S.y[sch] = (st.y0 + lay.yKm[k]) / side;
      // Schools serving more disadvantaged pupils start less effective (the
      // core's schools.disadvantageGradient), now against the place's mean.
      const g = s.schools.disadvantageGradient;
      if (g > 0 && !s.schools.named) {
        const e = S.effectiveness[sch] + g * (S.disadvantage[sch] - s.schools.disadvantage.mean) - g * (lay.disadvantage[k] - place.disadvantageMean);
        S.effectiveness[sch] = e;
        S.effectivenessStart[sch] = e;
        S.standing[sch] = standingOf(e, s.model.improvement.betweenSchoolSd);
        S.effectivenessHistory.fill(e, sch * state.ticksPerYear, (sch + 1) * state.ticksPerYear);
      }
      S.disadvantage[sch] = lay.disadvantage[k];
      if (S.phase[sch] === 0) S.pupils[sch] = lay.pupils[k];
      P.localityOf[sch] = l;
      settlementOf[sch] = lay.settlement[k];
      loc.schools.push(sch);
    }
    P.localities.push(loc);
  });
  return settlementOf;
}

/**
 * Partnerships and heads' network clusters form within settlements; a
 * settlement with a single covered school sends it to the nearest other one.
 */
function formLocalGroups(state: ModelState, s: Scenario, places: LocalPlace[], settlementOf: Int32Array, r: Rng): void {
  const P = state.policy;
  if (!P) throw new Error('formLocalGroups needs the policy state');
  const S = state.schools;
  const Pa = s.partnerships;
  let pNo = 0,
    hNo = 0;
  places.forEach((place, l) => {
    const schools = P.localities[l].schools;
    const pick = (share: number) => shuffle([...schools], r).slice(0, Math.round(share * schools.length));
    for (const part of bySettlement(pick(place.partnershipCoverage), settlementOf, S.x, S.y))
      for (const members of serpentineChunks(part, S.x, S.y, Pa.size))
        P.kept.push(
          keptFrom(
            {
              name: `P${++pNo}`,
              kind: 'partnership',
              members,
              locality: l,
              meetingsPerYear: Pa.meetingsPerYear,
              practices: Pa.practices,
              peerReview: Pa.peerReview.enabled,
            },
            s,
          ),
        );
    const H = place.heads;
    const practices = { codeOfConduct: H.assimilating, partnershipLead: false, informalTime: false, writtenRoles: false };
    for (const part of bySettlement(pick(H.coverage), settlementOf, S.x, S.y))
      for (const members of serpentineChunks(part, S.x, S.y, H.clusterSize))
        P.kept.push(
          keptFrom({ name: `HN${++hNo}`, kind: 'heads-network', members, locality: l, meetingsPerYear: H.meetingsPerYear, practices, peerReview: false }, s),
        );
  });
}

/** Covered schools grouped by settlement (sorted); a lone school joins the nearest other settlement's list. Lists of 2+ only. */
function bySettlement(covered: number[], settlementOf: Int32Array, x: Float32Array, y: Float32Array): number[][] {
  const lists = new Map<number, number[]>();
  for (const sch of covered.sort((a, b) => a - b)) {
    const k = settlementOf[sch];
    const list = lists.get(k);
    if (list) list.push(sch);
    else lists.set(k, [sch]);
  }
  const keys = [...lists.keys()].sort((a, b) => a - b);
  const listOf = (k: number): number[] => lists.get(k) ?? [];
  for (const k of keys) {
    const list = listOf(k);
    if (list.length !== 1 || lists.size < 2) continue;
    let best = -1,
      bd = Infinity;
    for (const k2 of keys) {
      if (k2 === k || listOf(k2).length === 0) continue;
      const t = listOf(k2)[0];
      const d = hypot(x[t] - x[list[0]], y[t] - y[list[0]]);
      if (d < bd) {
        bd = d;
        best = k2;
      }
    }
    if (best >= 0) {
      listOf(best).push(list[0]);
      lists.set(k, []);
    }
  }
  return keys.map(listOf).filter((l) => l.length >= 2);
}

/** Hubs, Research Schools and alliances: England's counts scaled, or a locality's own. */
function placeProviders(state: ModelState, s: Scenario, places: LocalPlace[], national: boolean, r: Rng): void {
  const H = s.hubs;
  const scale = s.locality?.scale ?? 1;
  if (national) {
    placeNationalHubs(state, 0, scaledCount(H.mathsHubs, scale), true, r);
    placeNationalHubs(state, 1, scaledCount(H.teachingSchoolHubs, scale), H.teachingSchoolHubsActive, r);
    placeNationalHubs(state, 2, scaledCount(H.researchSchools, scale), true, r);
    placeNationalAlliances(state, scaledCount(H.alliances, scale), H.allianceCoverage);
  } else {
    const h = places[0].hubs;
    placeLocalHubs(state, 0, [h.mathsHubKm, h.teachingSchoolHubKm, h.researchSchoolKm], H.teachingSchoolHubsActive);
    placeAlliances(state, 0, H.alliances, H.allianceCoverage);
  }
  designate(state);
}

/**
 * The policy layer's structural step, run at the start of every tick: at a
 * year boundary, spanner succession, designations, consolidation, closed-trust
 * withdrawal, competition and the hub engagement draw; at any tick, a
 * rebuild of the groups if an event changed the structure.
 */
export function policyStructure(ctx: Ctx): void {
  const { state, rng } = ctx;
  const P = state.policy;
  if (!P) return;
  const tick = state.tick;
  const tpy = state.ticksPerYear;
  if (tick > 1 && (tick - 1) % tpy === 0) {
    const r = rng.structure;
    if (P.spanners.length > 0) spannerSuccession(ctx, r);
    if (P.hubs.length > 0) yearlyDesignations(ctx, r);
    const c = P.consolidation;
    if (c && tick - c.lastTick >= tpy) {
      c.lastTick = tick;
      consolidate(ctx, c, r);
    }
    if (P.mats.length > 0) closedWithdrawal(ctx, r);
    if (P.competitionActive || competitionOn(state)) competitionYear(ctx, rng.competition, false);
    if (P.hubs.length > 0) engageHubs(ctx, r);
  }
  if (P.dirty) rebuildGroups(ctx, rng.structure, false);
}
