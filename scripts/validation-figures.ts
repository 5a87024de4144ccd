/**
 * Prints the figures quoted in docs/validation.md for behaviours 1-5
 * (the settings of test/model/validation/core.test.ts, 16 seeds, shared through
 * test/helpers/validation-settings.ts).
 *   npx tsx scripts/validation-figures.ts
 */
import { replicate } from '../test/helpers/replicate.ts';
import {
  REPS,
  avg,
  lastYear as ly,
  lowTrust,
  highTrust,
  lowTrustUngated,
  ordinaryNoCandour,
  highTrustNoCandour,
  highTrustCandid,
  review as rv,
  reviewDamageOff,
  leaderTurnover,
  TURNOVER_LOW,
  TURNOVER_HIGH,
  withPractices,
  allPractices,
  trustAtTwoYears,
} from '../test/helpers/validation-settings.ts';
import type { RunOutput } from '../src/engine/contract.ts';

const f = (x: number) => x.toFixed(3);

console.log(
  'B1 share improving: low',
  f(avg(replicate(lowTrust, REPS), (o) => ly(o, 'share_improving'))),
  'high',
  f(avg(replicate(highTrust, REPS), (o) => ly(o, 'share_improving'))),
  'low with gate off',
  f(avg(replicate(lowTrustUngated, REPS), (o) => ly(o, 'share_improving'))),
);
const bl = replicate(ordinaryNoCandour, REPS);
const tl = replicate(highTrustNoCandour, REPS);
const th = replicate(highTrustCandid, REPS);
console.log(
  'B2 trust (no candour): ordinary',
  f(avg(bl, (o) => ly(o, 'trust_mean'))),
  'high',
  f(avg(tl, (o) => ly(o, 'trust_mean'))),
  '| results',
  f(avg(bl, (o) => ly(o, 'lencioni_results'))),
  f(avg(tl, (o) => ly(o, 'lencioni_results'))),
  '| high trust with candour: results',
  f(avg(th, (o) => ly(o, 'lencioni_results'))),
);
const cf = replicate(rv(true, true), REPS),
  fr = replicate(rv(true, false), REPS),
  ins = replicate(rv(false, true), REPS);
const insN = replicate(rv(false, true, false), REPS),
  off = replicate(reviewDamageOff, REPS);
const g = (o: RunOutput[]) => f(avg(o, (x) => x.summary.effectiveness_change));
console.log(
  'B3 gain: critical friends',
  g(cf),
  'friends',
  g(fr),
  'inspectors',
  g(ins),
  '| trust: inspectors',
  f(avg(ins, (o) => ly(o, 'trust_mean'))),
  'no review',
  f(avg(insN, (o) => ly(o, 'trust_mean'))),
  'damage off',
  f(avg(off, (o) => ly(o, 'trust_mean'))),
);
const lo = replicate(leaderTurnover(TURNOVER_LOW), REPS),
  hi = replicate(leaderTurnover(TURNOVER_HIGH), REPS);
console.log(
  'B4 trust',
  f(avg(lo, (o) => ly(o, 'trust_mean'))),
  f(avg(hi, (o) => ly(o, 'trust_mean'))),
  '| results',
  f(avg(lo, (o) => ly(o, 'lencioni_results'))),
  f(avg(hi, (o) => ly(o, 'lencioni_results'))),
);
const run5 = (p: Record<string, boolean>) => f(avg(replicate(withPractices(p), REPS), trustAtTwoYears));
console.log(
  'B5 trust at 2 years: none',
  run5({}),
  'all',
  run5(allPractices),
  'code',
  run5({ codeOfConduct: true }),
  'lead',
  run5({ partnershipLead: true }),
  'informal',
  run5({ informalTime: true }),
  'roles',
  run5({ writtenRoles: true }),
);
