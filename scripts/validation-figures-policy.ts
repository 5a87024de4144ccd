/**
 * Prints the figures quoted in docs/validation.md (behaviours 6-11) and in
 * docs/ODD.md (Part II, P9), with the settings, seeds and replication counts
 * of test/validation-policy.test.ts (12 seeds unless the test says otherwise;
 * the mechanism-off runs use the test's smaller counts).
 *   npx tsx scripts/validation-figures-policy.ts
 */
import { replicate, mean, meanOver, at } from '../test/helpers/replicate.ts';
import type { RunOutput } from '../src/engine/contract.ts';
import type { ScenarioInput } from '../src/scenario/schema.ts';

const TPY = 6;
const overYears = (o: RunOutput, m: string, y0: number, y1: number) => meanOver(o, m, Math.round(y0 * TPY), Math.round(y1 * TPY));
const avg = (outs: RunOutput[], f: (o: RunOutput) => number) => mean(outs.map(f));
const paired = (a: RunOutput[], b: RunOutput[], f: (o: RunOutput) => number) => a.map((o, i) => f(b[i]) - f(o));
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const range = (xs: number[]) => `[${f3(Math.min(...xs))}, ${f3(Math.max(...xs))}]`;
const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs)).toExponential(1);

// Behaviour 6: closed-MAT consolidation (Town; City for access), years 5-6.
{
  const REPS = 12;
  const consolidate = (openness: 'open' | 'closed') => [{ event: 'matConsolidation' as const, year: 1, rate: 0.25, until: 1, openness }];
  const town: ScenarioInput = { years: 6, locality: { preset: 'town' } };
  const city: ScenarioInput = { years: 6, locality: { preset: 'city' } };
  const late = (m: string) => (o: RunOutput) => overYears(o, m, 5, 6);
  const none = replicate(town, REPS);
  const closed = replicate({ ...town, timeline: consolidate('closed') }, REPS);
  const open = replicate({ ...town, timeline: consolidate('open') }, REPS);
  const three = (m: string, f = f2) => `none ${f(avg(none, late(m)))}, closed ${f(avg(closed, late(m)))}, open ${f(avg(open, late(m)))}`;
  console.log('B6 trust share (closed)', f3(avg(closed, late('mat_share'))));
  console.log('B6 within-trust ties per head:', three('within_mat_ties_per_school'));
  console.log('B6 cross-trust ties per head:', three('cross_mat_ties_per_school'), '| closed - open per seed', range(paired(open, closed, late('cross_mat_ties_per_school'))));
  console.log('B6 hub engagement:', three('hub_engagement'));
  const cClosed = replicate({ ...city, timeline: consolidate('closed') }, REPS);
  const cOpen = replicate({ ...city, timeline: consolidate('open') }, REPS);
  console.log('B6 City reach dispersion: closed', f3(avg(cClosed, late('pl_reach_sd'))), 'open', f3(avg(cOpen, late('pl_reach_sd'))), '| components: closed', avg(cClosed, late('knowledge_components')).toFixed(1), 'open', avg(cOpen, late('knowledge_components')).toFixed(1));
  const off = { mats: { closedHubBarrier: 0, closedWithdrawal: 0 } };
  const c = replicate({ ...town, ...off, timeline: consolidate('closed') }, 3);
  const o = replicate({ ...town, ...off, timeline: consolidate('open') }, 3);
  console.log('B6 off (3 seeds): hub engagement closed', f2(avg(c, late('hub_engagement'))), 'open', f2(avg(o, late('hub_engagement'))), '| max |closed - open| over cross ties, hub, reach sd:', ['cross_mat_ties_per_school', 'hub_engagement', 'pl_reach_sd'].map((m) => maxAbs(paired(o, c, late(m)))).join(', '));
}

// Behaviour 7: alliances replaced by hubs, distant schools; years 1-2 vs 6-7.
{
  const REPS = 12;
  const place = (dense: boolean, carry?: number): ScenarioInput => ({
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
  });
  const before = (o: RunOutput) => overYears(o, 'hub_engagement', 1, 2);
  const after = (o: RunOutput) => overYears(o, 'hub_engagement', 6, 7);
  const ba = (outs: RunOutput[]) => `${f2(avg(outs, before))} -> ${f2(avg(outs, after))}`;
  console.log('B7 hub engagement before -> after: sparse', ba(replicate(place(false), REPS)), '| dense', ba(replicate(place(true), REPS)));
  console.log('B7 off (networkCarry 0, 4 seeds): dense', ba(replicate(place(true, 0), 4)));
}

// Behaviour 8: boundary spanners leave at year 0.2; years 3-5.
{
  const REPS = 12;
  const place = (extraGroups?: number): ScenarioInput => ({
    years: 5,
    locality: { preset: 'custom', schools: 64, extentKm: 30, settlements: 6, urbanShare: 0.9, partnershipCoverage: 0.9, headsNetwork: { coverage: 0.9 } },
    spanners: { count: 6, roles: { governor: 3, specialistLeader: 3 }, ...(extraGroups !== undefined ? { extraGroups } : {}) },
  });
  const loss = [{ event: 'spannersLeave' as const, year: 0.2 }];
  const reach = (o: RunOutput) => overYears(o, 'knowledge_mean_reach', 3, 5);
  const comps = (o: RunOutput) => overYears(o, 'knowledge_components', 3, 5);
  const adoption = (o: RunOutput) => at(o, 'practice_adoption', 5 * TPY);
  const keep = replicate(place(), REPS);
  const lost = replicate({ ...place(), timeline: loss }, REPS);
  console.log('B8 kept vs lost: reach', f2(avg(keep, reach)), 'vs', f2(avg(lost, reach)), '| components', avg(keep, comps).toFixed(1), 'vs', avg(lost, comps).toFixed(1), '| adoption at year 5', f2(avg(keep, adoption)), 'vs', f2(avg(lost, adoption)));
  const k0 = replicate(place(0), 4);
  const l0 = replicate({ ...place(0), timeline: loss }, 4);
  console.log('B8 off (extraGroups 0, 4 seeds): reach', f2(avg(k0, reach)), 'vs', f2(avg(l0, reach)), '| gap', f3(Math.abs(avg(k0, reach) - avg(l0, reach))));
}

// Behaviour 9: competition (Town), 10 seeds; years 4-5.
{
  const REPS = 10;
  const town = (competition: ScenarioInput['competition']): ScenarioInput => ({ years: 5, locality: { preset: 'town' }, competition });
  const calm = replicate(town({ choiceIntensity: 0 }), REPS);
  const rival = replicate(town({ choiceIntensity: 0.9, fallingRolls: 0.03 }), REPS);
  const late = (m: string) => (o: RunOutput) => overYears(o, m, 4, 5);
  const d = paired(calm, rival, late('rival_trust_mean'));
  console.log('B9 calm vs rival: sharing stance', f2(avg(calm, late('stance_share'))), 'vs', f2(avg(rival, late('stance_share'))), '| rival trust', f3(avg(calm, late('rival_trust_mean'))), 'vs', f3(avg(rival, late('rival_trust_mean'))), `(lower in ${d.filter((x) => x < 0).length}/${d.length} seeds, mean drop ${f3(-mean(d))})`, '| knowledge flow', f3(avg(calm, late('knowledge_flow'))), 'vs', f3(avg(rival, late('knowledge_flow'))));
  const off = replicate(town({ choiceIntensity: 0.9, fallingRolls: 0.03, trustPenalty: 0, stanceSensitivity: 0 }), 3);
  console.log('B9 off (trustPenalty 0, stanceSensitivity 0, 3 seeds): sharing', f2(avg(off, late('stance_share'))), '| rival trust', f3(avg(off, late('rival_trust_mean'))), 'vs calm', f3(avg(calm.slice(0, 3), late('rival_trust_mean'))), '| max |diff|', maxAbs(paired(calm.slice(0, 3), off, late('rival_trust_mean'))));
}

// Behaviour 10: teacher retention after five years.
{
  const REPS = 12;
  const five = (m: string) => (o: RunOutput) => at(o, m, 5 * TPY);
  const ret = (outs: RunOutput[]) => `${f3(avg(outs, five('teacher_retention')))} (maths ${f3(avg(outs, five('teacher_retention_maths')))})`;
  const none = replicate({ years: 5, schools: { count: 60 }, partnerships: { coverage: 0 } }, REPS);
  const shire = replicate({ years: 5, locality: { preset: 'shire' } }, REPS);
  const hubsOnly = replicate({ years: 5, locality: { preset: 'custom', schools: 60, partnershipCoverage: 0, headsNetwork: { coverage: 0 } }, hubs: { mathsHubKm: 0, teachingSchoolHubKm: 0 } }, REPS);
  console.log('B10 retention: none', ret(none), '| Shire', ret(shire), '| hubs only', ret(hubsOnly), 'community', f2(avg(hubsOnly, five('community_mean'))));
  const off = replicate({ years: 5, locality: { preset: 'shire' }, turnover: { communityEffect: 0 } }, 4);
  console.log('B10 off (communityEffect 0, 4 seeds): Shire', ret(off));
}

// Behaviour 11: word-of-mouth spread (City, 8 years).
{
  const REPS = 12;
  const city: ScenarioInput = { years: 8, locality: { preset: 'city' } };
  const outs = replicate(city, REPS);
  const c = Array.from({ length: 9 }, (_, y) => avg(outs, (o) => at(o, 'practice_adoption', y * TPY)));
  const steps = c.slice(1).map((v, i) => v - c[i]);
  const peak = steps.indexOf(Math.max(...steps));
  console.log('B11 adoption at years 0-8:', c.map(f2).join(', '));
  console.log('B11 yearly rises:', steps.map(f2).join(', '), `| fastest ${f2(steps[peak])} from year ${peak} to ${peak + 1}; first ${f2(steps[0])}, last ${f2(steps[7])}`);
  const dud = replicate({ ...city, model: { practice: { works: false } } }, 4);
  console.log('B11 practice that does not work (4 seeds): adoption at year 4', f2(avg(dud, (o) => at(o, 'practice_adoption', 4 * TPY))), 'vs a third of working', f2(c[4] / 3));
  const off = replicate({ ...city, years: 4, model: { practice: { rate: 0 } } }, 2);
  const untrusted = replicate({ ...city, years: 4, model: { network: { tieTrust: 1 } } }, 2);
  const grow = (os: RunOutput[]) => os.map((o) => `${f3(at(o, 'practice_adoption', 0))} -> ${f3(at(o, 'practice_adoption', 4 * TPY))}`).join(', ');
  console.log('B11 off (2 seeds each), adoption year 0 -> 4: rate 0', grow(off), '| tieTrust 1', grow(untrusted));
}
