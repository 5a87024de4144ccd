/**
 * The policy layer (model brief sections 4 and 5; seed 003): localities,
 * multi-academy trusts, hubs and alliances, competition, boundary spanners
 * and the word-of-mouth spread of a practice. Entry points used by the model.
 */
export { installPolicy, policyStructure } from './init.ts';
export { applyPolicyEvent, POLICY_EVENT_KINDS } from './events.ts';
export { rivalry } from './competition.ts';
export { policyLearning } from './learning.ts';
export { practiceSpread } from './practice.ts';
export { POLICY_METRICS, observePolicy } from './metrics.ts';
export { POLICY_SCHOOL_COLUMNS, policySchoolRows } from './rows.ts';
export { localitySchoolCount } from './params.ts';
