/**
 * What every rule receives: the state, the scenario (parameters), the named
 * random streams and the per-tick conversions of the yearly rates.
 */
import type { StreamKeys, Streams } from './streams.ts';
import { perTickProbability } from '../../engine/loop.ts';
import type { Scenario } from '../schema.ts';
import type { ModelState } from './state.ts';
import type { EdgePassJob, EdgePassOut } from './edges.ts';
import { improvementStep, type ImprovementStep } from './attainment-scale.ts';

export interface PerTick {
  /** Years per tick. */
  dt: number;
  lencioniAdjust: number;
  internalTrustAdjust: number;
  capacityAdjust: number;
  planDecay: number;
  /** Teacher leaving probabilities per tick without community (all, maths). */
  teacherLeave: number;
  mathsLeave: number;
  /** The improvement rule's exact one-tick step. */
  improvement: ImprovementStep;
}

/** What an interaction trace reports: who did what to whom (leader slots). */
export const TRACE = {
  /** `actor` kept (`ok`) or broke a commitment observed by `target`. */
  promise: 1,
  /** `actor` admitted a weakness to `target`; `ok`: the target responded with support. */
  vulnerability: 2,
  /** `actor` challenged `target`; `ok`: the target accepted the challenge. */
  challenge: 3,
} as const;

/** Optional listener for individual interactions (the workshop's event log). */
export type TraceSink = (kind: number, actor: number, target: number, ok: boolean, group: number) => void;

export interface Ctx {
  state: ModelState;
  scenario: Scenario;
  rng: Streams;
  /** Keys of the counter-based substreams (work that may be split over threads). */
  keys: StreamKeys;
  perTick: PerTick;
  /** When set, meetings report each commitment, disclosure and challenge. Never set in batch runs. */
  trace?: TraceSink;
  /** When set, work that may be split over threads is (the same result on any number; experiment/threads/). */
  parallel?: ParallelWork;
}

/**
 * The heads replaced in one tick, in increasing slot order
 * (mechanisms/turnover/turnover.ts): heads[0 .. count - 1], whether each
 * one's groups assimilate newcomers, and a mark by slot (1 for a head in the
 * list). Their relationships are reset together (mechanisms/trust/newcomers.ts `resetReplaced`).
 */
export interface ReplacedHeads {
  count: number;
  heads: Int32Array;
  assimilating: Uint8Array;
  replaced: Uint8Array;
}

/** What a team of threads runs for the model: the rules whose work it shares out. */
export interface ParallelWork {
  /** Every group meets (mechanisms/trust/meetings.ts), the groups of each round shared out. */
  meetings(ctx: Ctx): void;
  /** Each head's knowledge flow this tick (mechanisms/knowledge/knowledge.ts `knowledgeFlows`), the heads shared out; returns the flows by head. */
  knowledge(ctx: Ctx): Float64Array;
  /** The observer's pass over every relationship (observe/edge-pass.ts `relationshipPass`), its fixed chunks shared out; `meanwhile` runs once on the main thread, while the other threads start. */
  relationships(state: ModelState, job: EdgePassJob, out: EdgePassOut, meanwhile?: () => void): void;
  /** The Lencioni levels of every group (mechanisms/lencioni/lencioni.ts `cascadeGroups`), each closing a share rho of its gap, the groups shared out; returns the results levels at full precision, by group. */
  lencioni(ctx: Ctx, rho: number): Float64Array;
  /** School improvement this tick (mechanisms/improvement/improvement.ts `improveSchools`), the shocks drawn in school order on the main thread, the schools shared out. */
  improvement(ctx: Ctx): void;
  /**
   * Each school's yearly chance of adopting the spreading practice this tick (mechanisms/practice-spread/practice-spread.ts
   * `practiceExposure`), the schools shared out; returns the chances by school. `meanwhile`, a step that reads and writes
   * nothing the pass reads, runs on the calling thread while the others start the pass (before it when it is not shared).
   */
  practice(ctx: Ctx, meanwhile?: (ctx: Ctx) => void): Float64Array;
  /** Reset the relationships of the heads replaced this tick (mechanisms/trust/newcomers.ts `resetReplaced`), the heads shared out. */
  resets(ctx: Ctx, q: ReplacedHeads): void;
}

export function perTickRates(s: Scenario): PerTick {
  const tpy = s.ticksPerYear;
  const M = s.model;
  const T = s.turnover;
  return {
    dt: 1 / tpy,
    lencioniAdjust: perTickProbability(M.lencioni.adjustRate, tpy),
    internalTrustAdjust: perTickProbability(M.improvement.internalTrustRate, tpy),
    capacityAdjust: perTickProbability(M.improvement.capacityRate, tpy),
    planDecay: perTickProbability(M.peerReview.planDecay, tpy),
    teacherLeave: perTickProbability(1 - Math.pow(T.teacherFiveYearRetention, 1 / 5), tpy),
    mathsLeave: perTickProbability(1 - Math.pow(T.mathsFiveYearRetention, 1 / 5), tpy),
    improvement: improvementStep(M.improvement, 1 / tpy),
  };
}
