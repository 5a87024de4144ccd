/**
 * Prints the figures quoted in docs/validation.md (behaviours 6-11) and in
 * docs/ODD.md (Part II, P9), with the settings, seeds and replication counts
 * of test/model/validation/policy.test.ts (12 seeds unless the test says otherwise;
 * the mechanism-off runs use the test's smaller counts), all shared through
 * test/helpers/validation-settings.ts.
 *   npx tsx scripts/validation-figures-policy.ts
 */
import { replicate, mean, at } from '../test/helpers/replicate.ts';
import {
  TPY,
  avg,
  paired,
  consolidation,
  hubReform,
  spannerLoss,
  competition,
  retention,
  wordOfMouth,
  wordOfMouthDud,
  wordOfMouthOff,
  wordOfMouthUntrusted,
} from '../test/helpers/validation-settings.ts';
import type { RunOutput } from '../src/engine/contract.ts';
const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);
const range = (xs: number[]) => `[${f3(Math.min(...xs))}, ${f3(Math.max(...xs))}]`;
const maxAbs = (xs: number[]) => Math.max(...xs.map(Math.abs)).toExponential(1);

// Behaviour 6: closed-MAT consolidation (Town; City for access), years 5-6.
{
  const { REPS, OFF_REPS, consolidate, town, city, off, late } = consolidation;
  const none = replicate(town, REPS);
  const closed = replicate({ ...town, timeline: consolidate('closed') }, REPS);
  const open = replicate({ ...town, timeline: consolidate('open') }, REPS);
  const three = (m: string, f = f2) => `none ${f(avg(none, late(m)))}, closed ${f(avg(closed, late(m)))}, open ${f(avg(open, late(m)))}`;
  console.log('B6 trust share (closed)', f3(avg(closed, late('mat_share'))));
  console.log('B6 within-trust ties per head:', three('within_mat_ties_per_school'));
  console.log(
    'B6 cross-trust ties per head:',
    three('cross_mat_ties_per_school'),
    '| closed - open per seed',
    range(paired(open, closed, late('cross_mat_ties_per_school'))),
  );
  console.log('B6 hub engagement:', three('hub_engagement'));
  const cClosed = replicate({ ...city, timeline: consolidate('closed') }, REPS);
  const cOpen = replicate({ ...city, timeline: consolidate('open') }, REPS);
  console.log(
    'B6 City reach dispersion: closed',
    f3(avg(cClosed, late('pl_reach_sd'))),
    'open',
    f3(avg(cOpen, late('pl_reach_sd'))),
    '| components: closed',
    avg(cClosed, late('knowledge_components')).toFixed(1),
    'open',
    avg(cOpen, late('knowledge_components')).toFixed(1),
  );
  const c = replicate({ ...town, ...off, timeline: consolidate('closed') }, OFF_REPS);
  const o = replicate({ ...town, ...off, timeline: consolidate('open') }, OFF_REPS);
  console.log(
    `B6 off (${OFF_REPS} seeds): hub engagement closed`,
    f2(avg(c, late('hub_engagement'))),
    'open',
    f2(avg(o, late('hub_engagement'))),
    '| max |closed - open| over cross ties, hub, reach sd:',
    ['cross_mat_ties_per_school', 'hub_engagement', 'pl_reach_sd'].map((m) => maxAbs(paired(o, c, late(m)))).join(', '),
  );
}

// Behaviour 7: alliances replaced by hubs, distant schools; years 1-2 vs 6-7.
{
  const { REPS, OFF_REPS, place, before, after } = hubReform;
  const ba = (outs: RunOutput[]) => `${f2(avg(outs, before))} -> ${f2(avg(outs, after))}`;
  console.log('B7 hub engagement before -> after: sparse', ba(replicate(place(false), REPS)), '| dense', ba(replicate(place(true), REPS)));
  console.log(`B7 off (networkCarry 0, ${OFF_REPS} seeds): dense`, ba(replicate(place(true, 0), OFF_REPS)));
}

// Behaviour 8: boundary spanners leave at year 0.2; years 3-5.
{
  const { REPS, OFF_REPS, place, loss, reach, comps, adoption } = spannerLoss;
  const keep = replicate(place(), REPS);
  const lost = replicate({ ...place(), timeline: loss }, REPS);
  console.log(
    'B8 kept vs lost: reach',
    f2(avg(keep, reach)),
    'vs',
    f2(avg(lost, reach)),
    '| components',
    avg(keep, comps).toFixed(1),
    'vs',
    avg(lost, comps).toFixed(1),
    '| adoption at year 5',
    f2(avg(keep, adoption)),
    'vs',
    f2(avg(lost, adoption)),
  );
  const k0 = replicate(place(0), OFF_REPS);
  const l0 = replicate({ ...place(0), timeline: loss }, OFF_REPS);
  console.log(
    `B8 off (extraGroups 0, ${OFF_REPS} seeds): reach`,
    f2(avg(k0, reach)),
    'vs',
    f2(avg(l0, reach)),
    '| gap',
    f3(Math.abs(avg(k0, reach) - avg(l0, reach))),
  );
}

// Behaviour 9: competition (Town), 10 seeds; years 4-5.
{
  const { REPS, OFF_REPS, town, late } = competition;
  const calm = replicate(town(competition.calm), REPS);
  const rival = replicate(town(competition.rival), REPS);
  const d = paired(calm, rival, late('rival_trust_mean'));
  console.log(
    'B9 calm vs rival: sharing stance',
    f2(avg(calm, late('stance_share'))),
    'vs',
    f2(avg(rival, late('stance_share'))),
    '| rival trust',
    f3(avg(calm, late('rival_trust_mean'))),
    'vs',
    f3(avg(rival, late('rival_trust_mean'))),
    `(lower in ${d.filter((x) => x < 0).length}/${d.length} seeds, mean drop ${f3(-mean(d))})`,
    '| knowledge flow',
    f3(avg(calm, late('knowledge_flow'))),
    'vs',
    f3(avg(rival, late('knowledge_flow'))),
  );
  const off = replicate(town(competition.rivalOff), OFF_REPS);
  console.log(
    `B9 off (trustPenalty 0, stanceSensitivity 0, ${OFF_REPS} seeds): sharing`,
    f2(avg(off, late('stance_share'))),
    '| rival trust',
    f3(avg(off, late('rival_trust_mean'))),
    'vs calm',
    f3(avg(calm.slice(0, OFF_REPS), late('rival_trust_mean'))),
    '| max |diff|',
    maxAbs(paired(calm.slice(0, OFF_REPS), off, late('rival_trust_mean'))),
  );
}

// Behaviour 10: teacher retention after five years.
{
  const { REPS, OFF_REPS, noCommunity, five } = retention;
  const ret = (outs: RunOutput[]) => `${f3(avg(outs, five('teacher_retention')))} (maths ${f3(avg(outs, five('teacher_retention_maths')))})`;
  const none = replicate(noCommunity, REPS);
  const shire = replicate(retention.shire, REPS);
  const hubsOnly = replicate(retention.hubsOnly, REPS);
  console.log('B10 retention: none', ret(none), '| Shire', ret(shire), '| hubs only', ret(hubsOnly), 'community', f2(avg(hubsOnly, five('community_mean'))));
  const off = replicate(retention.shireOff, OFF_REPS);
  console.log(`B10 off (communityEffect 0, ${OFF_REPS} seeds): Shire`, ret(off));
}

// Behaviour 11: word-of-mouth spread (City, 8 years).
{
  const { REPS, DUD_REPS, OFF_REPS, city, curve } = wordOfMouth;
  const outs = replicate(city, REPS);
  const c = curve(outs);
  const steps = c.slice(1).map((v, i) => v - c[i]);
  const peak = steps.indexOf(Math.max(...steps));
  console.log('B11 adoption at years 0-8:', c.map(f2).join(', '));
  console.log(
    'B11 yearly rises:',
    steps.map(f2).join(', '),
    `| fastest ${f2(steps[peak])} from year ${peak} to ${peak + 1}; first ${f2(steps[0])}, last ${f2(steps[7])}`,
  );
  const dud = replicate(wordOfMouthDud, DUD_REPS);
  console.log(
    `B11 practice that does not work (${DUD_REPS} seeds): adoption at year 4`,
    f2(avg(dud, (o) => at(o, 'practice_adoption', 4 * TPY))),
    'vs a third of working',
    f2(c[4] / 3),
  );
  const off = replicate(wordOfMouthOff, OFF_REPS);
  const untrusted = replicate(wordOfMouthUntrusted, OFF_REPS);
  const grow = (os: RunOutput[]) => os.map((o) => `${f3(at(o, 'practice_adoption', 0))} -> ${f3(at(o, 'practice_adoption', 4 * TPY))}`).join(', ');
  console.log(`B11 off (${OFF_REPS} seeds each), adoption year 0 -> 4: rate 0`, grow(off), '| tieTrust 1', grow(untrusted));
}
