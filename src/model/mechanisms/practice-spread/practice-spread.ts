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
import type { EdgeArrays, LeaderArrays, ModelState, SchoolArrays, StatePart } from '../../core/state.ts';
import type { PolicyState } from '../../core/policy-state.ts';

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

/** The arrays the exposure pass reads, by part of the state: what a thread that computes it for some schools needs to share. */
export const PRACTICE_ARRAYS = {
  edges: ['outStart', 'dst', 'rev', 'trust'],
  leaders: ['school'],
  schools: ['leader'],
  policy: ['adopted', 'adoptedTick'],
} as const;

/** The state the exposure pass reads: the arrays of PRACTICE_ARRAYS. */
export interface PracticeState {
  edges: StatePart<EdgeArrays, typeof PRACTICE_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof PRACTICE_ARRAYS.leaders>;
  schools: StatePart<SchoolArrays, typeof PRACTICE_ARRAYS.schools>;
  policy: StatePart<PolicyState, typeof PRACTICE_ARRAYS.policy>;
}

/** What the exposure pass needs to know of the tick: the practice's parameters, the tie threshold and the tick. */
export interface PracticeTick {
  thr: number;
  rate: number;
  credibility: number;
  steepness: number;
  minSources: number;
  /** halfExposure ^ steepness. */
  x50h: number;
  tick: number;
}

/** In the exposure pass's output: a school that already uses the practice. */
export const USES = -1;
/** In the exposure pass's output: a school too little exposed to consider it this tick (no draw). */
export const UNEXPOSED = -2;

/** The tick's numbers, filled in every tick (one object: the tick loop allocates nothing). */
const TICK: PracticeTick = { thr: 0, rate: 0, credibility: 0, steepness: 0, minSources: 0, x50h: 0, tick: 0 };

/** This tick's numbers for the exposure pass (into `into`, by default one object reused every tick). */
export function practiceTick(ctx: Ctx, into: PracticeTick = TICK): PracticeTick {
  const Pr = ctx.scenario.model.practice;
  into.thr = ctx.scenario.model.network.tieTrust;
  into.rate = Pr.rate;
  into.credibility = Pr.works ? 1 : Pr.failCredibility;
  into.steepness = Pr.steepness;
  into.minSources = Pr.minSources;
  into.x50h = Math.pow(Pr.halfExposure, Pr.steepness);
  into.tick = ctx.state.tick;
  return into;
}

/** Scratch for the exposure pass on one thread (grown, never shrunk). */
let scratch = new Float64Array(0);

/**
 * The practice spreads (schedule step 9). `first`, the tick's steps before
 * it (schedule.ts: community, staff churn, teacher retention), reads and
 * writes nothing the exposure pass reads:
 * it runs first, and on a team of threads while the others start the pass
 * (the same bytes on any number of threads); without a spreading practice
 * it runs alone.
 */
export function practiceSpread(ctx: Ctx, first?: (ctx: Ctx) => void): void {
  const { state, scenario } = ctx;
  const P = state.policy;
  // The practice is introduced at year 0: it does not spread during the burn-in.
  if (!P || state.burning || scenario.model.practice.rate <= 0) {
    first?.(ctx);
    return;
  }
  const n = state.schools.n;
  let yearly: Float64Array;
  if (ctx.parallel) yearly = ctx.parallel.practice(ctx, first);
  else {
    first?.(ctx);
    if (scratch.length < n) scratch = new Float64Array(n);
    yearly = scratch;
    practiceExposure(state as PracticeState, practiceTick(ctx), 0, n, yearly);
  }
  adopt(ctx, yearly);
}

/**
 * Schools from .. to - 1: each one's yearly chance of adopting the practice
 * this tick into out[s] (USES for a school that already does, UNEXPOSED for
 * one with too few trusted sources). Reads only what the practice's users
 * were at the start of the tick, so a team of threads may share the schools
 * out (experiment/threads/team.ts), and the draws that follow (adopt) are
 * made in school order as before.
 */
export function practiceExposure(st: PracticeState, p: PracticeTick, from: number, to: number, out: Float64Array): void {
  const { edges: E, leaders: L, schools: S, policy: P } = st;
  const outStart = E.outStart,
    dst = E.dst,
    rev = E.rev,
    trust = E.trust,
    school = L.school,
    adopted = P.adopted,
    adoptedTick = P.adoptedTick;
  const thr = p.thr,
    tick = p.tick,
    h = p.steepness;
  for (let s = from; s < to; s++) {
    if (adopted[s]) {
      out[s] = USES;
      continue;
    }
    const head = S.leader[s];
    let x = 0;
    let sources = 0;
    for (let e = outStart[head]; e < outStart[head + 1]; e++) {
      const sj = school[dst[e]];
      if (!adopted[sj] || adoptedTick[sj] === tick) continue;
      const tie = 0.5 * (trust[e] + trust[rev[e]]);
      if (tie >= thr) {
        x += tie;
        sources++;
      }
    }
    if (sources < p.minSources || x <= 0) {
      out[s] = UNEXPOSED;
      continue;
    }
    const xh = Math.pow(x, h);
    out[s] = p.rate * (xh / (xh + p.x50h)) * p.credibility;
  }
}

/** The draws, in school order from the practice's stream: each exposed school adopts with its chance; the tick when half the schools use it is kept. */
function adopt(ctx: Ctx, yearly: Float64Array): void {
  const { state } = ctx;
  const P = state.policy!;
  const n = state.schools.n;
  const tick = state.tick;
  const tpy = state.ticksPerYear;
  const r: Rng = ctx.rng.practice;
  let count = 0;
  for (let s = 0; s < n; s++) {
    const pYear = yearly[s];
    if (pYear === USES) count++;
    else if (pYear !== UNEXPOSED && eventInTick(r(), pYear, tpy)) {
      P.adopted[s] = 1;
      P.adoptedTick[s] = tick;
      count++;
    }
  }
  if (P.t50Tick < 0 && count * 2 >= n) P.t50Tick = tick;
}
