/**
 * Locality presets: the three EQuaLLS localities (seed 003), a county of the
 * size of Essex's partnership network (seed 001) and a generic custom place.
 * The national preset is built from many City-, Town- and Shire-like
 * localities (see national.ts).
 *
 * Each number is either read from the seeds (quoted in the comment next to it)
 * or a modelling choice that makes the described character visible; the
 * comments say which. Numbers a scenario gives explicitly always win.
 */

import type { LocalityKind } from '../../core/kinds.ts';

export type { LocalityKind };

/** The characteristics a preset gives and a resolved place keeps unchanged in shape. */
export interface PlaceBasics {
  schools: number;
  extentKm: number;
  settlements: number;
  urbanShare: number;
  settlementSpreadKm: number;
  pupilsMean: number;
  disadvantageMean: number;
  disadvantageSd: number;
  disadvantageGradient: number;
  partnershipCoverage: number;
  hubs: { mathsHubKm: number | null; teachingSchoolHubKm: number | null; researchSchoolKm: number | null };
}

export interface LocalityPreset extends PlaceBasics {
  headsNetwork: { coverage: number; assimilating: boolean; priorTrust: number | undefined };
  mats: {
    shares: { singleAcademyTrust: number; small: number; medium: number; large: number };
    nonLocalShare: number;
    openShare: number;
    standardisation: number;
    clustering: number;
  };
  competition: { choiceIntensity: number; fallingRolls: number };
  spanners: { count: number; roles: { hubLead: number; specialistLeader: number; governor: number } };
}

export const LOCALITY_PRESETS: Record<LocalityKind, LocalityPreset> = {
  // City, the "first mover" (seed 003): "relatively quick to academise ... medium
  // and larger MATs formed quite early ... These trusts grew up along existing
  // networks and partnerships", "approximately half of schools academies",
  // "both the Maths and Teaching School Hub in this small geographic area which
  // is densely populated with primary schools".
  city: {
    schools: 78, // seed 003: "around 60-90 primary schools" ("part of a large city")
    extentKm: 6, // small, dense area (modelling choice)
    settlements: 4, // city districts that concentrate disadvantage (modelling choice)
    urbanShare: 1,
    settlementSpreadKm: 1.6,
    pupilsMean: 330,
    disadvantageMean: 0.34,
    disadvantageSd: 0.13,
    disadvantageGradient: 0.15,
    partnershipCoverage: 0.5, // partnerships partly absorbed into the trusts that grew from them
    headsNetwork: { coverage: 0.4, assimilating: false, priorTrust: 0.5 }, // LA "swiftly receding"
    mats: {
      // 4% + 12% + 20% + 14% = 50% academies: "approximately half of schools academies"
      shares: { singleAcademyTrust: 0.04, small: 0.12, medium: 0.2, large: 0.14 },
      nonLocalShare: 0.25, // "local and regional MATs"
      openShare: 0.75, // leaders "hosting and partnering with curriculum hubs"
      standardisation: 0.5,
      clustering: 0.85, // grew "along existing networks and partnerships"
    },
    hubs: { mathsHubKm: 1.2, teachingSchoolHubKm: 1.8, researchSchoolKm: null },
    competition: { choiceIntensity: 0.5, fallingRolls: 0 }, // dense: many schools within reach (modelling choice)
    spanners: { count: 5, roles: { hubLead: 2, specialistLeader: 2, governor: 1 } },
  },
  // Town, the "recent mover" (seed 003): "over 40% of its primaries in medium
  // (6-15 schools) and large (16+ schools) MATs", "around two thirds being
  // academies", "Academisation is spread quite evenly across the geographic
  // area", "Historic networks for CPDL have largely disappeared", hubs remote
  // and "the proportion of schools in larger MATs is much higher so these are
  // more influential in determining school engagement with hubs".
  town: {
    schools: 72, // "an entire town"
    extentKm: 9,
    settlements: 3,
    urbanShare: 0.9,
    settlementSpreadKm: 1.6,
    pupilsMean: 290,
    disadvantageMean: 0.3,
    disadvantageSd: 0.13,
    disadvantageGradient: 0.12,
    partnershipCoverage: 0.2, // "Historic networks for CPDL have largely disappeared"
    headsNetwork: { coverage: 0.1, assimilating: false, priorTrust: 0.45 },
    mats: {
      // 6% + 18% + 20% + 23% = 67% academies ("two thirds"); 43% in medium and large ("over 40%")
      shares: { singleAcademyTrust: 0.06, small: 0.18, medium: 0.2, large: 0.23 },
      nonLocalShare: 0.6, // "non-local medium and large MATs"
      openShare: 0.4, // larger MATs decide hub engagement (modelling choice)
      standardisation: 0.7, // CPDL "provided within the MAT or individual school"
      clustering: 0.2, // "spread quite evenly across the geographic area"
    },
    hubs: { mathsHubKm: 22, teachingSchoolHubKm: 18, researchSchoolKm: null }, // "This is the same for Town" (remote)
    competition: { choiceIntensity: 0.45, fallingRolls: 0 },
    spanners: { count: 2, roles: { hubLead: 1, specialistLeader: 1, governor: 0 } },
  },
  // Shire, the "assimilator" (seed 003): "small villages, several small towns,
  // and the surrounding rural areas", "population/school clusters separated by
  // sparsely populated rural zones", an "influential coordinating role for
  // primary heads group", "A network of high-level boundary spanners sit on one
  // another's boards", "Large MATs seem to have little influence", "Shire is
  // remote from both the Teaching School and Maths Hub".
  shire: {
    schools: 64, // "half of a shire"
    extentKm: 35,
    settlements: 8,
    urbanShare: 0.55,
    settlementSpreadKm: 1.2,
    pupilsMean: 140, // small rural primaries
    disadvantageMean: 0.19,
    disadvantageSd: 0.1,
    disadvantageGradient: 0.05,
    partnershipCoverage: 0.7,
    headsNetwork: { coverage: 0.95, assimilating: true, priorTrust: 0.62 },
    mats: {
      // medium + large = 19%: Town's 43% is "more than twice the proportion in Shire"
      shares: { singleAcademyTrust: 0.05, small: 0.16, medium: 0.14, large: 0.05 },
      nonLocalShare: 0.3,
      openShare: 0.7,
      standardisation: 0.4,
      clustering: 0.8,
    },
    hubs: { mathsHubKm: 45, teachingSchoolHubKm: 40, researchSchoolKm: null },
    competition: { choiceIntensity: 0.15, fallingRolls: 0 }, // dispersed: few schools within reach
    spanners: { count: 8, roles: { hubLead: 2, specialistLeader: 1, governor: 5 } },
  },
  // A county at the scale of Essex (seed 001): "Schools across the county are
  // grouped in 36 partnerships, most of which are engaged in peer review. The
  // partnerships cover more than 400 schools", "every school is in a formal
  // partnership". Governance and hubs: generic mid values (modelling choice).
  county: {
    schools: 420,
    extentKm: 60,
    settlements: 14,
    urbanShare: 0.75,
    settlementSpreadKm: 2.5,
    pupilsMean: 280,
    disadvantageMean: 0.25,
    disadvantageSd: 0.12,
    disadvantageGradient: 0.1,
    partnershipCoverage: 1,
    headsNetwork: { coverage: 0.5, assimilating: false, priorTrust: 0.5 },
    mats: {
      shares: { singleAcademyTrust: 0.06, small: 0.12, medium: 0.16, large: 0.14 },
      nonLocalShare: 0.4,
      openShare: 0.6,
      standardisation: 0.5,
      clustering: 0.6,
    },
    hubs: { mathsHubKm: 12, teachingSchoolHubKm: 15, researchSchoolKm: 20 },
    competition: { choiceIntensity: 0.3, fallingRolls: 0 },
    spanners: { count: 12, roles: { hubLead: 3, specialistLeader: 5, governor: 4 } },
  },
  // A generic locality of maintained schools: every structure is off unless
  // the scenario asks for it.
  custom: {
    schools: 70,
    extentKm: 10,
    settlements: 3,
    urbanShare: 0.8,
    settlementSpreadKm: 1.5,
    pupilsMean: 260,
    disadvantageMean: 0.25,
    disadvantageSd: 0.12,
    disadvantageGradient: 0.1,
    partnershipCoverage: 0.8,
    headsNetwork: { coverage: 0, assimilating: false, priorTrust: undefined },
    mats: {
      shares: { singleAcademyTrust: 0, small: 0, medium: 0, large: 0 },
      nonLocalShare: 0,
      openShare: 1,
      standardisation: 0.5,
      clustering: 0.7,
    },
    hubs: { mathsHubKm: null, teachingSchoolHubKm: null, researchSchoolKm: null },
    competition: { choiceIntensity: 0, fallingRolls: 0 },
    spanners: { count: 0, roles: { hubLead: 0, specialistLeader: 1, governor: 1 } },
  },
};

/** England (seed 003): about 20,000 schools at scale 1. */
export const ENGLAND_SCHOOLS = 20000;
/** Spacing of locality centres in the national layout (km): wider than the largest locality. */
export const NATIONAL_LOCALITY_SPACING_KM = 38;
/** Side of the square a unit-square (non-locality) scenario is taken to cover (km). */
export const DEFAULT_EXTENT_KM = 10;

/** What the number of schools depends on: `schools.count`, or the locality (its own count, the preset's, or England's share). */
export interface SchoolCountInput {
  schools: { count: number };
  locality?: { preset: LocalityKind | 'national'; schools?: number; scale: number };
}

/** Number of schools a scenario with a locality has (before `schools.named`). */
export function localitySchoolCount(s: SchoolCountInput): number {
  const L = s.locality;
  if (!L) return s.schools.count;
  if (L.schools !== undefined) return L.schools;
  if (L.preset === 'national') return Math.max(2, Math.round(ENGLAND_SCHOOLS * L.scale));
  return LOCALITY_PRESETS[L.preset].schools;
}
