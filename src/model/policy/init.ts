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
import type { Ctx } from '../context.ts';
import { currentSpecs } from '../build.ts';
import type { Scenario } from '../../scenario/schema.ts';
import { clamp01 as clampUnit, gradeOf, type ModelState } from '../state.ts';
import { DEFAULT_EXTENT_KM, LOCALITY_PRESETS, type LocalityKind } from '../locality/presets.ts';
import { layoutPlace, nationalLocalities } from '../locality/generate.ts';
import { localPlace, scaledCount, type LocalPlace } from './params.ts';
import { allocPolicy, type KeptGroup, type Locality } from './state.ts';
import { applyPriorTrust, rebuildGroups, serpentineChunks } from './structure.ts';
import { shuffle } from '../../engine/rng.ts';
import { consolidate, closedWithdrawal, seedMats } from './mats.ts';
import { designate, engageHubs, placeAlliances, placeLocalHubs, placeNationalAlliances, placeNationalHubs, yearlyDesignations } from './hubs.ts';
import { seedSpanners, spannerSuccession } from './spanners.ts';
import { competitionOn, competitionYear } from './competition.ts';
import { seedPractice } from './practice.ts';

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

/** The top third of schools by disadvantaged share are "disadvantaged" (as in the core). */
function markDisadvantaged(state: ModelState): void {
  const S = state.schools;
  const n = S.n;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => S.disadvantage[b] - S.disadvantage[a] || a - b);
  S.disadvantaged.fill(0);
  const third = Math.max(1, Math.round(n / 3));
  for (let k = 0; k < third; k++) S.disadvantaged[order[k]] = 1;
}

function keptFrom(name: string, kind: KeptGroup['kind'], members: number[], s: Scenario, loc: number, meetings: number, practices: KeptGroup['practices'], peerReview: boolean): KeptGroup {
  return {
    name,
    kind,
    members,
    meetingsPerYear: meetings,
    practices: { ...practices },
    peerReview,
    trainingQuality: s.partnerships.peerReview.trainingQuality,
    formed: 0,
    locality: loc,
    crossTrust: true,
  };
}

export function installPolicy(ctx: Ctx): void {
  const { state, scenario: s, rng } = ctx;
  const S = state.schools;
  const n = S.n;
  const L = s.locality;

  if (!L) {
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
    // The core's groups stay as they are; the policy layer only takes over if
    // an event changes the structure.
    P.kept = currentSpecs(state).map((g) => ({
      ...keptFrom(g.name, g.kind, g.members.map((slot) => state.leaders.school[slot]), s, 0, g.meetingsPerYear, g.practices, g.peerReview),
      trainingQuality: g.trainingQuality,
      formed: g.formed,
    }));
    P.selectiveExpansion = s.competition.selectiveExpansion ?? 0;
    P.pupilsStart.set(S.pupils);
    if (competitionOn(state)) competitionYear(ctx, rng.competition, true);
    seedPractice(state, s.model.practice.seedShare, rng.practice);
    return;
  }

  const r = rng.locality;
  const national = L.preset === 'national';
  // Places and layout.
  const places: LocalPlace[] = [];
  const starts: { x0: number; y0: number; count: number }[] = [];
  let side: number;
  if (national) {
    const kinds = ['city', 'town', 'shire'] as const;
    const sizes = { city: 0, town: 0, shire: 0 };
    const extents = { city: 0, town: 0, shire: 0 };
    for (const k of kinds) {
      sizes[k] = LOCALITY_PRESETS[k].schools;
      extents[k] = localPlace(s, k).extentKm;
    }
    const nat = nationalLocalities(n, L.mix, sizes, extents, r);
    side = nat.sideKm;
    for (const l of nat.localities) {
      places.push(localPlace(s, l.kind));
      starts.push({ x0: l.x0, y0: l.y0, count: l.schools });
    }
  } else {
    const place = localPlace(s, L.preset as LocalityKind);
    side = place.extentKm;
    places.push(place);
    starts.push({ x0: 0, y0: 0, count: n });
  }
  const P = allocPolicy(n, side);
  state.policy = P;
  P.hasLocality = true;
  let next = 0;
  const settlementOf = new Int32Array(n);
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
        const e = clampUnit(S.effectiveness[sch] + g * (S.disadvantage[sch] - s.schools.disadvantage.mean) - g * (lay.disadvantage[k] - place.disadvantageMean));
        S.effectiveness[sch] = e;
        S.effectivenessStart[sch] = e;
        S.effectivenessHistory.fill(e, sch * state.ticksPerYear, (sch + 1) * state.ticksPerYear);
        S.grade[sch] = gradeOf(e);
        S.gradeYearAgo[sch] = S.grade[sch];
      }
      S.disadvantage[sch] = lay.disadvantage[k];
      if (S.phase[sch] === 0) S.pupils[sch] = lay.pupils[k];
      P.localityOf[sch] = l;
      settlementOf[sch] = lay.settlement[k];
      loc.schools.push(sch);
    }
    P.localities.push(loc);
  });
  markDisadvantaged(state);
  P.pupilsStart.set(S.pupils);
  P.selectiveExpansion = s.competition.selectiveExpansion ?? 0;

  // Partnerships and heads' network clusters form within settlements; a
  // settlement with a single covered school sends it to the nearest other one.
  const Pa = s.partnerships;
  let pNo = 0, hNo = 0;
  places.forEach((place, l) => {
    const schools = P.localities[l].schools;
    const pick = (share: number) => shuffle([...schools], r).slice(0, Math.round(share * schools.length));
    const bySettlement = (covered: number[]) => {
      const lists = new Map<number, number[]>();
      for (const sch of covered.sort((a, b) => a - b)) {
        const k = settlementOf[sch];
        (lists.get(k) ?? lists.set(k, []).get(k)!).push(sch);
      }
      const keys = [...lists.keys()].sort((a, b) => a - b);
      for (const k of keys) {
        const list = lists.get(k)!;
        if (list.length !== 1 || lists.size < 2) continue;
        let best = -1, bd = Infinity;
        for (const k2 of keys) {
          if (k2 === k || lists.get(k2)!.length === 0) continue;
          const t = lists.get(k2)![0];
          const d = Math.hypot(S.x[t] - S.x[list[0]], S.y[t] - S.y[list[0]]);
          if (d < bd) {
            bd = d;
            best = k2;
          }
        }
        if (best >= 0) {
          lists.get(best)!.push(list[0]);
          lists.set(k, []);
        }
      }
      return keys.map((k) => lists.get(k)!).filter((x) => x.length >= 2);
    };
    for (const part of bySettlement(pick(place.partnershipCoverage)))
      for (const members of serpentineChunks(part, S.x, S.y, Pa.size))
        P.kept.push(keptFrom(`P${++pNo}`, 'partnership', members, s, l, Pa.meetingsPerYear, Pa.practices, Pa.peerReview.enabled));
    const H = place.heads;
    const practices = { codeOfConduct: H.assimilating, partnershipLead: false, informalTime: false, writtenRoles: false };
    for (const part of bySettlement(pick(H.coverage)))
      for (const members of serpentineChunks(part, S.x, S.y, H.clusterSize))
        P.kept.push(keptFrom(`HN${++hNo}`, 'heads-network', members, s, l, H.meetingsPerYear, practices, false));
  });

  // Trusts.
  places.forEach((place, l) => seedMats(state, l, place, r));

  // Hubs and alliances.
  const H = s.hubs;
  if (national) {
    placeNationalHubs(state, 0, scaledCount(H.mathsHubs, L.scale), true, r);
    placeNationalHubs(state, 1, scaledCount(H.teachingSchoolHubs, L.scale), H.teachingSchoolHubsActive, r);
    placeNationalHubs(state, 2, scaledCount(H.researchSchools, L.scale), true, r);
    placeNationalAlliances(state, scaledCount(H.alliances, L.scale), H.allianceCoverage);
  } else {
    const h = places[0].hubs;
    placeLocalHubs(state, 0, [h.mathsHubKm, h.teachingSchoolHubKm, h.researchSchoolKm], H.teachingSchoolHubsActive);
    placeAlliances(state, 0, H.alliances, H.allianceCoverage);
  }
  designate(state);

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
