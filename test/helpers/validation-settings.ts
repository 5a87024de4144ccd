/**
 * Scenario settings, replication counts and measurement windows of the
 * validation suite, shared by the tests (test/model/validation/core.test.ts,
 * test/model/validation/policy.test.ts) and the scripts that print the figures
 * quoted in docs/validation.md (scripts/validation-figures.ts,
 * scripts/validation-figures-policy.ts). Each setting lives here once, so
 * the tests and the quoted figures cannot drift apart.
 */
import { mean, meanOver, at, last } from './replicate.ts';
import type { RunOutput } from '../../src/engine/contract.ts';
import type { ContagionSetup } from './contagion.ts';
import type { ScenarioInput } from '../../src/model/schema.ts';

/** Types a scenario literal as ScenarioInput (checked, not cast). */
const scenario = (s: ScenarioInput): ScenarioInput => s;
/** Types competition settings (checked, not cast). */
const competitionSettings = (c: ScenarioInput['competition']): ScenarioInput['competition'] => c;

// ---------------------------------------------------------------------------
// Measurement helpers
// ---------------------------------------------------------------------------

/** Ticks per year (the validation windows are given in years). */
export const TPY = 6;

/** Mean over seeds of a per-run measure. */
export const avg = (outs: RunOutput[], f: (o: RunOutput) => number) => mean(outs.map(f));

/** Paired differences b - a, seed by seed. */
export const paired = (a: RunOutput[], b: RunOutput[], f: (o: RunOutput) => number) => a.map((o, i) => f(b[i]) - f(o));

/** Mean of a metric over the final year of a run (its last six ticks). */
export const lastYear = (o: RunOutput, m: string) => meanOver(o, m, last(o) - 5, last(o));

/** Mean of a metric over years [y0, y1] of a run. */
export const overYears = (o: RunOutput, m: string, y0: number, y1: number) => meanOver(o, m, Math.round(y0 * TPY), Math.round(y1 * TPY));

// ---------------------------------------------------------------------------
// Behaviours 1-5 (core): 30 schools in partnerships of six
// ---------------------------------------------------------------------------

/** Seeds per setting for behaviours 1-5. */
export const REPS = 16;

/**
 * Four years, 30 schools in partnerships of six. Behaviours 1-5 are about
 * partnerships that form at year 0 (the model brief's trust building among
 * heads who start as strangers), so they start from the drawn state, without
 * the burn-in that settles a standing system (docs/ODD.md §5).
 */
export const base: ScenarioInput = { years: 4, burnInYears: 0, schools: { count: 30 }, partnerships: { size: 6 } };

/** Paired differences (b - a) of the final mean effectiveness, seed by seed. */
export const effectOn = (a: RunOutput[], b: RunOutput[], m = 'effectiveness_mean') => paired(a, b, (o) => at(o, m, last(o)));

/** Behaviour 1: staff trust, low or high at the start and slow to change (after a crisis, or long built up). */
export const staffTrust = (high: boolean) => ({ count: 30, internalTrust: { mean: high ? 0.8 : 0.1, sd: 0.05 } });

/** Behaviour 1: candid heads in well-run partnerships with peer review (the improvement work), or the same schools on their own. */
export const improvementWork = (high: boolean, work: boolean, model?: ScenarioInput['model']): ScenarioInput => ({
  ...base,
  schools: staffTrust(high),
  leaders: { candour: { mean: 0.8 }, openness: { mean: 0.7 }, moralPurpose: { mean: 0.7 } },
  partnerships: work
    ? {
        size: 6,
        practices: { codeOfConduct: true, partnershipLead: true, informalTime: true, writtenRoles: true },
        peerReview: { enabled: true, trainingQuality: 0.9 },
      }
    : { size: 6, coverage: 0 },
  model: { ...model, improvement: { internalTrustRate: 0.05, ...model?.improvement } },
});

/** Behaviour 1, mechanism off: the trust gate always open. */
export const gateOff = { improvement: { trustGateLow: 0, trustGateHigh: 0.01 } };

/** Behaviour 2: heads in partnerships, candid or guarded (otherwise alike). */
export const candour = (candid: boolean, model?: ScenarioInput['model']): ScenarioInput => ({
  ...base,
  years: 6,
  leaders: { candour: { mean: candid ? 0.85 : 0.15 }, openness: { mean: 0.65 } },
  partnerships: { size: 6, practices: { writtenRoles: true, partnershipLead: true } },
  model,
});

/** Behaviour 2, mechanism off: the levels no longer feed back into meetings or improvement. */
export const cascadeOff = { lencioni: { feedback: false, collectiveGain: 0 } };

/** Seeds for behaviour 2. */
export const REPS_B2 = 24;

/** Behaviour 3: heads who are trusting or not, candid or not. */
export const reviewLeaders = (trusting: boolean, candid: boolean) => ({
  openness: { mean: trusting ? 0.8 : 0.25 },
  propensityToTrust: { mean: trusting ? 0.8 : 0.15 },
  moralPurpose: { mean: trusting ? 0.8 : 0.3 },
  candour: { mean: candid ? 0.85 : 0.1 },
});

/** Behaviour 3: five years of well-trained peer review (or none, `enabled` false). */
export const review = (trusting: boolean, candid: boolean, enabled = true, model?: ScenarioInput['model']): ScenarioInput => ({
  ...base,
  years: 5,
  leaders: reviewLeaders(trusting, candid),
  partnerships: { size: 6, peerReview: { enabled, trainingQuality: 0.9 } },
  model,
});

/** Behaviour 4: eight years at the given yearly leader turnover rate. */
export const leaderTurnover = (rate: number, model?: ScenarioInput['model']): ScenarioInput => ({ ...base, years: 8, turnover: { leaderRate: rate }, model });

/** Behaviour 4: the low and high leader turnover rates compared. */
export const TURNOVER_LOW = 0.02;
export const TURNOVER_HIGH = 0.3;

/** Behaviour 4, mechanism off: a newcomer is met with the trust of an established partner (no restart from a stranger's baseline). */
export const instantTrust = { trust: { newcomerBase: 0.55, newcomerSpan: 0, assimilation: 0 } };

/** Behaviour 5: two years, fairly open heads, no turnover, with the given structural practices. */
export const withPractices = (practices: Record<string, boolean>, model?: ScenarioInput['model']): ScenarioInput => ({
  ...base,
  years: 2,
  leaders: { openness: { mean: 0.65 }, moralPurpose: { mean: 0.7 } },
  turnover: { leaderRate: 0 },
  partnerships: { size: 6, practices },
  model,
});

/** Behaviour 5: the four structural practices. */
export const PRACTICES = ['codeOfConduct', 'partnershipLead', 'informalTime', 'writtenRoles'] as const;

/** Behaviour 5: all four practices on. */
export const allPractices: Record<string, boolean> = { codeOfConduct: true, partnershipLead: true, informalTime: true, writtenRoles: true };

/** Behaviour 5, mechanism off per practice: the parameters through which it acts set to have no effect. */
export const practiceOff: Record<(typeof PRACTICES)[number], NonNullable<ScenarioInput['model']>> = {
  codeOfConduct: { trust: { challengeCushion: 0, assimilation: 0 } },
  partnershipLead: { trust: { noLeadMeetingChance: 1 }, lencioni: { commitmentBase: 1 } },
  informalTime: { trust: { informalVulnerabilityBoost: 0 } },
  writtenRoles: { trust: { rolesCommitmentChance: 0.35 }, lencioni: { commitmentBase: 1 } },
};

/** Behaviour 5: mean trust after two years. */
export const trustAtTwoYears = (o: RunOutput) => at(o, 'trust_mean', 2 * TPY);

// ---------------------------------------------------------------------------
// Behaviours 6-11 (policy layer), one group of settings per behaviour
// ---------------------------------------------------------------------------

/** Behaviour 6: closed-MAT consolidation (Town; City for access), measured over years 5-6. */
export const consolidation = {
  /** Seeds per setting. */
  REPS: 12,
  /** Seeds for the mechanism-off runs. */
  OFF_REPS: 3,
  /** A quarter of schools join trusts in year 1, all open or all closed. */
  consolidate: (openness: 'open' | 'closed') => [{ event: 'matConsolidation' as const, year: 1, rate: 0.25, until: 1, openness }],
  /** Six years in the Town preset. */
  town: scenario({ years: 6, locality: { preset: 'town' } }),
  /** Six years in the City preset. */
  city: scenario({ years: 6, locality: { preset: 'city' } }),
  /** Mechanism off: closedness has no effect. */
  off: scenario({ mats: { closedHubBarrier: 0, closedWithdrawal: 0 } }),
  /** Measure: mean of a metric over years 5-6. */
  late: (m: string) => (o: RunOutput) => overYears(o, m, 5, 6),
};

/** Behaviour 7: alliances replaced by hubs in year 2; all schools 25-45 km from the one Teaching School Hub. */
export const hubReform = {
  /** Seeds per setting. */
  REPS: 12,
  /** Seeds for the mechanism-off run. */
  OFF_REPS: 4,
  /** A dense or sparse heads' network; `carry` sets hubs.networkCarry (0: mechanism off). */
  place: (dense: boolean, carry?: number): ScenarioInput => ({
    years: 7,
    locality: {
      preset: 'custom',
      schools: 72,
      extentKm: 20,
      headsNetwork: { coverage: dense ? 0.95 : 0.1, priorTrust: dense ? 0.62 : 0.45, assimilating: dense },
    },
    hubs: { mathsHubKm: null, teachingSchoolHubKm: 35, teachingSchoolHubsActive: false, alliances: 3, ...(carry !== undefined ? { networkCarry: carry } : {}) },
    spanners: { count: dense ? 6 : 0, roles: { hubLead: 1, governor: 3, specialistLeader: 1 } },
    timeline: [{ event: 'replaceAlliancesByHubs', year: 2 }],
  }),
  /** Measure: hub engagement over years 1-2 (before the reform). */
  before: (o: RunOutput) => overYears(o, 'hub_engagement', 1, 2),
  /** Measure: hub engagement over years 6-7 (after the reform). */
  after: (o: RunOutput) => overYears(o, 'hub_engagement', 6, 7),
};

/** Behaviour 8: boundary spanners leave at year 0.2; measured over years 3-5. */
export const spannerLoss = {
  /** Seeds per setting. */
  REPS: 20,
  /** Seeds for the mechanism-off runs. */
  OFF_REPS: 4,
  /**
   * Six settlements whose partnerships and heads' clusters form within them:
   * only the spanners (governors and specialist leaders) link them.
   * `extraGroups` sets spanners.extraGroups (0: mechanism off).
   */
  place: (extraGroups?: number): ScenarioInput => ({
    years: 5,
    locality: { preset: 'custom', schools: 64, extentKm: 30, settlements: 6, urbanShare: 0.9, partnershipCoverage: 0.9, headsNetwork: { coverage: 0.9 } },
    spanners: { count: 6, roles: { governor: 3, specialistLeader: 3 }, ...(extraGroups !== undefined ? { extraGroups } : {}) },
    model: { practice: { seedShare: 0.1 } },
  }),
  /** The spanners leave at year 0.2. */
  loss: [{ event: 'spannersLeave' as const, year: 0.2 }],
  /** Measure: mean reach of the knowledge network over years 3-5. */
  reach: (o: RunOutput) => overYears(o, 'knowledge_mean_reach', 3, 5),
  /** Measure: components of the knowledge network over years 3-5. */
  comps: (o: RunOutput) => overYears(o, 'knowledge_components', 3, 5),
  /** Measure: practice adoption at year 5. */
  adoption: (o: RunOutput) => at(o, 'practice_adoption', 5 * TPY),
};

/** Behaviour 9: competition in the Town; measured over years 4-5. */
export const competition = {
  /** Seeds per setting. */
  REPS: 10,
  /** Seeds for the mechanism-off run. */
  OFF_REPS: 3,
  /** Five years in the Town preset with the given competition settings. */
  town: (competition: ScenarioInput['competition']): ScenarioInput => ({ years: 5, locality: { preset: 'town' }, competition }),
  /** No parental choice. */
  calm: competitionSettings({ choiceIntensity: 0 }),
  /** Strong parental choice and falling rolls. */
  rival: competitionSettings({ choiceIntensity: 0.9, fallingRolls: 0.03 }),
  /** Mechanism off: `rival` with no trust penalty and no stance sensitivity. */
  rivalOff: competitionSettings({ choiceIntensity: 0.9, fallingRolls: 0.03, trustPenalty: 0, stanceSensitivity: 0 }),
  /** Measure: mean of a metric over years 4-5. */
  late: (m: string) => (o: RunOutput) => overYears(o, m, 4, 5),
};

/** Behaviour 10: teacher retention after five years. */
export const retention = {
  /** Seeds per setting (five-year retention has a seed SD of about 0.019, so a difference of two sets has SE 0.005). */
  REPS: 24,
  /** Seeds for the mechanism-off run. */
  OFF_REPS: 8,
  /** 60 schools, no partnerships: no professional community. */
  noCommunity: scenario({ years: 5, schools: { count: 60 }, partnerships: { coverage: 0 } }),
  /** Five years in the Shire preset (heads' network, partnerships, hub work groups). */
  shire: scenario({ years: 5, locality: { preset: 'shire' } }),
  /** 60 schools with hub work groups only (no partnerships, no heads' network). */
  hubsOnly: scenario({
    years: 5,
    locality: { preset: 'custom', schools: 60, partnershipCoverage: 0, headsNetwork: { coverage: 0 } },
    hubs: { mathsHubKm: 0, teachingSchoolHubKm: 0 },
  }),
  /** Mechanism off: the Shire with communityEffect 0. */
  shireOff: scenario({ years: 5, locality: { preset: 'shire' }, turnover: { communityEffect: 0 } }),
  /** Measure: a metric at year 5. */
  five: (m: string) => (o: RunOutput) => at(o, m, 5 * TPY),
};

/** Behaviour 11: word-of-mouth spread of a practice (City, 8 years). */
export const wordOfMouth = {
  /** Seeds per setting. */
  REPS: 12,
  /** Seeds for the practice that does not work. */
  DUD_REPS: 4,
  /** Seeds for each mechanism-off run. */
  OFF_REPS: 2,
  /** Eight years in the City preset, a tenth of schools using the practice at the start (complex contagion needs two trusted sources). */
  city: scenario({ years: 8, locality: { preset: 'city' }, model: { practice: { seedShare: 0.1 } } }),
  /** Mean adoption at years 0-8. */
  curve: (outs: RunOutput[]) => Array.from({ length: 9 }, (_, y) => avg(outs, (o) => at(o, 'practice_adoption', y * TPY))),
  /** A 20 x 20 lattice of heads (ties of trust 0.6), or its random rewiring, with a seedSide x seedSide block of first adopters (test/helpers/contagion.ts). */
  lattice: (rewired: boolean, seedSide: number, practice?: ContagionSetup['practice']): ContagionSetup => ({
    side: 20,
    trust: 0.6,
    rewired,
    seedSide,
    years: 6,
    ticksPerYear: TPY,
    practice,
  }),
  /** Mechanism off: simple contagion. */
  simple: { minSources: 1, steepness: 1 },
};

/** Behaviour 11: a practice that does not work. */
export const wordOfMouthDud: ScenarioInput = { ...wordOfMouth.city, model: { practice: { seedShare: 0.1, works: false } } };

/** Behaviour 11, mechanism off: four years with no word of mouth (rate 0). */
export const wordOfMouthOff: ScenarioInput = { ...wordOfMouth.city, years: 4, model: { practice: { seedShare: 0.1, rate: 0 } } };

/** Behaviour 11, mechanism off: four years with no tie trusted enough (tieTrust 1). */
export const wordOfMouthUntrusted: ScenarioInput = { ...wordOfMouth.city, years: 4, model: { practice: { seedShare: 0.1 }, network: { tieTrust: 1 } } };
