/**
 * Resolve the policy-layer parameters of a scenario: the structure of a place
 * comes from its locality preset unless the scenario gives it; the mechanism
 * parameters come from the schema defaults.
 */
import type { Scenario } from '../../schema.ts';
import { LOCALITY_PRESETS, type LocalityKind, type LocalityPreset, type PlaceBasics } from './presets.ts';

/** Everything about one locality that depends on its kind (after the scenario's overrides). */
export interface LocalPlace extends PlaceBasics {
  kind: LocalityKind;
  heads: { coverage: number; clusterSize: number; meetingsPerYear: number; assimilating: boolean; priorTrust: number | undefined };
  mats: {
    singleAcademyTrust: number;
    small: number;
    medium: number;
    large: number;
    nonLocalShare: number;
    openShare: number;
    standardisation: number;
    clustering: number;
  };
  choiceIntensity: number;
  fallingRolls: number;
  spanners: { count: number; hubLead: number; specialistLeader: number; governor: number };
}

const pick = <T>(v: T | undefined, d: T): T => (v === undefined ? d : v);

/** The place of one locality of the given kind, with the scenario's explicit keys applied. */
export function localPlace(s: Scenario, kind: LocalityKind): LocalPlace {
  const p: LocalityPreset = LOCALITY_PRESETS[kind];
  const L = s.locality;
  const H = s.hubs;
  const M = s.mats;
  const sp = s.spanners;
  return {
    kind,
    schools: p.schools,
    extentKm: pick(L?.extentKm, p.extentKm),
    settlements: pick(L?.settlements, p.settlements),
    urbanShare: pick(L?.urbanShare, p.urbanShare),
    settlementSpreadKm: pick(L?.settlementSpreadKm, p.settlementSpreadKm),
    pupilsMean: pick(L?.pupilsMean, p.pupilsMean),
    disadvantageMean: pick(L?.disadvantageMean, p.disadvantageMean),
    disadvantageSd: pick(L?.disadvantageSd, p.disadvantageSd),
    disadvantageGradient: pick(L?.disadvantageGradient, p.disadvantageGradient),
    partnershipCoverage: pick(L?.partnershipCoverage, p.partnershipCoverage),
    heads: {
      coverage: pick(L?.headsNetwork.coverage, p.headsNetwork.coverage),
      clusterSize: L?.headsNetwork.clusterSize ?? 10,
      meetingsPerYear: L?.headsNetwork.meetingsPerYear ?? 3,
      assimilating: pick(L?.headsNetwork.assimilating, p.headsNetwork.assimilating),
      priorTrust: pick(L?.headsNetwork.priorTrust, p.headsNetwork.priorTrust),
    },
    mats: {
      singleAcademyTrust: pick(M.shares.singleAcademyTrust, p.mats.shares.singleAcademyTrust),
      small: pick(M.shares.small, p.mats.shares.small),
      medium: pick(M.shares.medium, p.mats.shares.medium),
      large: pick(M.shares.large, p.mats.shares.large),
      nonLocalShare: pick(M.nonLocalShare, p.mats.nonLocalShare),
      openShare: pick(M.openShare, p.mats.openShare),
      standardisation: pick(M.standardisation, p.mats.standardisation),
      clustering: pick(M.clustering, p.mats.clustering),
    },
    hubs: {
      mathsHubKm: pick(H.mathsHubKm, p.hubs.mathsHubKm),
      teachingSchoolHubKm: pick(H.teachingSchoolHubKm, p.hubs.teachingSchoolHubKm),
      researchSchoolKm: pick(H.researchSchoolKm, p.hubs.researchSchoolKm),
    },
    choiceIntensity: pick(s.competition.choiceIntensity, p.competition.choiceIntensity),
    fallingRolls: pick(s.competition.fallingRolls, p.competition.fallingRolls),
    spanners: {
      count: pick(sp.count, p.spanners.count),
      hubLead: pick(sp.roles.hubLead, p.spanners.roles.hubLead),
      specialistLeader: pick(sp.roles.specialistLeader, p.spanners.roles.specialistLeader),
      governor: pick(sp.roles.governor, p.spanners.roles.governor),
    },
  };
}

export { localitySchoolCount } from './presets.ts';

/** Scale a national count (hubs, alliances) to the generated share of England: at least one when the count is positive. */
export function scaledCount(count: number, scale: number): number {
  if (count <= 0) return 0;
  return Math.max(1, Math.round(count * scale));
}
