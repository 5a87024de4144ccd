/**
 * Word-of-mouth spread of a working practice along trusted ties (model brief
 * section 7, behaviour 11; seed 004, Portswood TSA: "a grass roots emergence
 * linked to a word of mouth recommendation based upon the credibility of the
 * success ... the notion of a 'tipping point'").
 *
 * A few schools use the practice at the start (seedShare, at least one).
 * Each tick, a school that does not use it hears about it from the heads it
 * trusts who do: its exposure is
 *   x = sum over its head's relationships i -> j with j's school an adopter
 *       and tie strength (trust i->j + trust j->i) / 2 >= network.tieTrust
 *       of that tie strength,
 * and, if at least minSources trusted heads use it (complex contagion: one
 * voice is not enough; Centola & Macy 2007), it adopts with the yearly chance
 *   rate * x^h / (x^h + x50^h) * credibility
 * (h = steepness: above 1, adoption takes off once enough trusted peers use
 * it: a tipping point; credibility = 1 for a practice that works,
 * failCredibility otherwise). minSources = 1 and h = 1 is simple contagion.
 * An adopting school gains practice.effect (pupil SD a year) through its
 * professional learning (../knowledge/professional-learning.ts).
 * Schools that adopted this tick do not yet recommend it.
 */
import type { Ctx } from '../../core/context.ts';
import type { Rng } from '../../../engine/rng.ts';
import { eventInTick } from '../../../engine/loop.ts';
import type { ModelState } from '../../core/state.ts';

/** Choose the first adopters. */
export function seedPractice(state: ModelState, share: number, rng: Rng): void {
  const P = state.policy!;
  const n = state.schools.n;
  const k = Math.max(1, Math.round(share * n));
  const idx = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (n - i));
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
    P.adopted[idx[i]] = 1;
    P.adoptedTick[idx[i]] = state.t0;
  }
}

export function practiceSpread(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const P = state.policy;
  // The practice is introduced at year 0: it does not spread during the burn-in.
  if (!P || state.burning) return;
  const { edges: E, leaders: L, schools: S } = state;
  const Pr = scenario.model.practice;
  if (Pr.rate <= 0) return;
  const thr = scenario.model.network.tieTrust;
  const cred = Pr.works ? 1 : Pr.failCredibility;
  const h = Pr.steepness;
  const minSources = Pr.minSources;
  const x50h = Math.pow(Pr.halfExposure, h);
  const tick = state.tick;
  const tpy = state.ticksPerYear;
  const r: Rng = rng.practice;
  let count = 0;
  for (let s = 0; s < S.n; s++) {
    if (P.adopted[s]) {
      count++;
      continue;
    }
    const head = S.leader[s];
    let x = 0;
    let sources = 0;
    for (let e = E.outStart[head]; e < E.outStart[head + 1]; e++) {
      const sj = L.school[E.dst[e]];
      if (!P.adopted[sj] || P.adoptedTick[sj] === tick) continue;
      const tie = 0.5 * (E.trust[e] + E.trust[E.rev[e]]);
      if (tie >= thr) {
        x += tie;
        sources++;
      }
    }
    if (sources < minSources || x <= 0) continue;
    const xh = Math.pow(x, h);
    const pYear = Pr.rate * (xh / (xh + x50h)) * cred;
    if (eventInTick(r(), pYear, tpy)) {
      P.adopted[s] = 1;
      P.adoptedTick[s] = tick;
      count++;
    }
  }
  if (P.t50Tick < 0 && count * 2 >= S.n) P.t50Tick = tick;
}
