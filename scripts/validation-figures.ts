/**
 * Prints the figures quoted in docs/validation.md for behaviours 1-5
 * (the same settings as test/validation-core.test.ts, 16 seeds).
 *   npx tsx scripts/validation-figures.ts
 */
import { replicate, mean, meanOver, at, last } from '../test/helpers/replicate.ts';
import type { RunOutput } from '../src/engine/contract.ts';
import type { ScenarioInput } from '../src/scenario/schema.ts';

const REPS = 16;
const base: ScenarioInput = { years: 4, schools: { count: 30 }, partnerships: { size: 6 } };
const ly = (o: RunOutput, m: string) => meanOver(o, m, last(o) - 5, last(o));
const avg = (outs: RunOutput[], f: (o: RunOutput) => number) => mean(outs.map(f));
const f = (x: number) => x.toFixed(3);
const lowT: ScenarioInput = { ...base, schools: { count: 30, internalTrust: { mean: 0.15, sd: 0.05 } }, leaders: { openness: { mean: 0.15 }, moralPurpose: { mean: 0.15 }, followThrough: { mean: 0.3 }, propensityToTrust: { mean: 0.1 } } };
const highT: ScenarioInput = { ...base, schools: { count: 30, internalTrust: { mean: 0.8, sd: 0.05 } }, leaders: { openness: { mean: 0.85 }, moralPurpose: { mean: 0.85 }, followThrough: { mean: 0.9 }, propensityToTrust: { mean: 0.85 } } };

console.log('B1 share improving: low', f(avg(replicate(lowT, REPS), (o) => ly(o, 'share_improving'))), 'high', f(avg(replicate(highT, REPS), (o) => ly(o, 'share_improving'))), 'low with gate off', f(avg(replicate({ ...lowT, model: { improvement: { trustGateLow: 0, trustGateHigh: 0.01 } } }, REPS), (o) => ly(o, 'share_improving'))));
const nc = { candour: { mean: 0.05, sd: 0.02 } };
const bl = replicate({ ...base, leaders: nc }, REPS);
const tl = replicate({ ...highT, leaders: { ...highT.leaders, ...nc } }, REPS);
const th = replicate({ ...highT, leaders: { ...highT.leaders, candour: { mean: 0.85 } } }, REPS);
console.log('B2 trust (no candour): ordinary', f(avg(bl, (o) => ly(o, 'trust_mean'))), 'high', f(avg(tl, (o) => ly(o, 'trust_mean'))), '| results', f(avg(bl, (o) => ly(o, 'lencioni_results'))), f(avg(tl, (o) => ly(o, 'lencioni_results'))), '| high trust with candour: results', f(avg(th, (o) => ly(o, 'lencioni_results'))));
const L = (t: boolean, c: boolean) => ({ openness: { mean: t ? 0.8 : 0.25 }, propensityToTrust: { mean: t ? 0.8 : 0.15 }, moralPurpose: { mean: t ? 0.8 : 0.3 }, candour: { mean: c ? 0.85 : 0.1 } });
const rv = (t: boolean, c: boolean, en = true, extra: ScenarioInput = {}): ScenarioInput => ({ ...base, years: 5, leaders: L(t, c), partnerships: { size: 6, peerReview: { enabled: en, trainingQuality: 0.9 } }, ...extra });
const cf = replicate(rv(true, true), REPS), fr = replicate(rv(true, false), REPS), ins = replicate(rv(false, true), REPS);
const insN = replicate(rv(false, true, false), REPS), off = replicate(rv(false, true, true, { model: { peerReview: { damage: 0 } } }), REPS);
const g = (o: RunOutput[]) => f(avg(o, (x) => x.summary.effectiveness_change));
console.log('B3 gain: critical friends', g(cf), 'friends', g(fr), 'inspectors', g(ins), '| trust: inspectors', f(avg(ins, (o) => ly(o, 'trust_mean'))), 'no review', f(avg(insN, (o) => ly(o, 'trust_mean'))), 'damage off', f(avg(off, (o) => ly(o, 'trust_mean'))));
const lo = replicate({ ...base, years: 8, turnover: { leaderRate: 0.02 } }, REPS), hi = replicate({ ...base, years: 8, turnover: { leaderRate: 0.3 } }, REPS);
console.log('B4 trust', f(avg(lo, (o) => ly(o, 'trust_mean'))), f(avg(hi, (o) => ly(o, 'trust_mean'))), '| results', f(avg(lo, (o) => ly(o, 'lencioni_results'))), f(avg(hi, (o) => ly(o, 'lencioni_results'))));
const run5 = (p: Record<string, boolean>) => f(avg(replicate({ ...base, years: 2, leaders: { openness: { mean: 0.65 }, moralPurpose: { mean: 0.7 } }, turnover: { leaderRate: 0 }, partnerships: { size: 6, practices: p } }, REPS), (o) => at(o, 'trust_mean', 12)));
console.log('B5 trust at 2 years: none', run5({}), 'all', run5({ codeOfConduct: true, partnershipLead: true, informalTime: true, writtenRoles: true }), 'code', run5({ codeOfConduct: true }), 'lead', run5({ partnershipLead: true }), 'informal', run5({ informalTime: true }), 'roles', run5({ writtenRoles: true }));
