/**
 * The order of one tick (docs/ODD.md, "Process overview and scheduling"):
 * each step is one process, applied to every school, head or group in turn.
 * This is the only place the order is written.
 */
import type { Ctx } from './core/context.ts';
import { applyEvent } from './events.ts';
import { rivalry } from './mechanisms/competition/competition.ts';
import { improvement } from './mechanisms/improvement/improvement.ts';
import { inspections } from './mechanisms/inspection/inspection.ts';
import { knowledgeExchange } from './mechanisms/knowledge/knowledge.ts';
import { policyLearning } from './mechanisms/knowledge/professional-learning.ts';
import { lencioni } from './mechanisms/lencioni/lencioni.ts';
import { peerReview } from './mechanisms/peer-review/peer-review.ts';
import { practiceSpread } from './mechanisms/practice-spread/practice-spread.ts';
import { communityStrength, staffChurn, teacherRetention } from './mechanisms/retention/retention.ts';
import { meetings, refreshLeaderBehaviour } from './mechanisms/trust/meetings.ts';
import { leaderTurnover } from './mechanisms/turnover/turnover.ts';
import type { TimelineEvent } from './schema.ts';
import { policyStructure } from './structure/install.ts';
import { ticksPerRow } from './recording.ts';

/** One process of a tick: its short name (the bench's budget of a run names it so) and its rule. */
export interface TickStep {
  readonly name: string;
  readonly run: (ctx: Ctx) => void;
}

/**
 * Told how long each step of a tick took, by the step's name: the bench's
 * budget of a replication (bench/lib/measure.ts). The model never reads it.
 */
export type StepClock = (step: string, ms: number) => void;

/**
 * The steps after the scheduled policy events (1), in order. The community (8b), staff churn (8c)
 * and teachers leaving (8d) read and write nothing the practice's exposure (9) reads: practiceSpread
 * makes them first, and on a team of threads while the others start 9's pass over the schools.
 */
export const TICK_STEPS: readonly TickStep[] = [
  { name: 'structure', run: policyStructure }, //               1b. yearly structure: trusts, hubs, spanners, competition
  { name: 'behaviour', run: refreshLeaderBehaviour }, //         2. how each head behaves this tick
  { name: 'meetings', run: meetings }, //                        3. meetings: interactions and the trust update
  { name: 'rivalry', run: rivalry }, //                          3b. rivalry erodes trust between nearby competitors
  { name: 'lencioni', run: lencioni }, //                        4. the Lencioni cascade in each group
  { name: 'peer review', run: peerReview }, //                   5. the peer-review cycle
  { name: 'knowledge', run: knowledgeExchange }, //              6. knowledge exchange between partners
  { name: 'learning', run: policyLearning }, //                  6b. professional learning from hubs, trusts, the practice
  { name: 'improvement', run: improvement }, //                  7. school improvement
  { name: 'inspections', run: inspections }, //                  7b. inspections that fall due
  { name: 'turnover', run: leaderTurnover }, //                  8. heads leave and are replaced
  { name: 'practice', run: (ctx) => practiceSpread(ctx, communityAndTeachers) }, // 8b-8d (below); 9. word-of-mouth spread of a practice
];

/** Advance the model by one tick; `events` are the timeline events due at this tick. */
export function tick(ctx: Ctx, t: number, events: readonly TimelineEvent[] | undefined, clock?: StepClock): void {
  startTick(ctx, t);
  if (events) for (const ev of events) applyEvent(ctx, ev); //  1. scheduled policy events
  for (const step of TICK_STEPS) {
    if (clock === undefined) step.run(ctx);
    else timed(clock, step.name, step.run, ctx);
  }
}

/** Run `run(arg)` and tell the clock how long it took, under `name`: how a step, or the observer (model.ts), is timed. */
export function timed<A>(clock: StepClock, name: string, run: (arg: A) => void, arg: A): void {
  const start = performance.now();
  run(arg);
  clock(name, performance.now() - start);
}

/** Steps 8b-8d, which the practice's step makes first (on a team of threads, while the others start its pass). */
function communityAndTeachers(ctx: Ctx): void {
  communityStrength(ctx); //                                     8b. the professional community teachers belong to
  staffChurn(ctx); //                                            8c. the yearly teacher leaving share staff trust feels
  teacherRetention(ctx); //                                      8d. teachers leave or stay
}

/**
 * Clear the tick's inflows, and the tallies of flows when the tick starts a
 * recorded row's period (every tick, unless the run is recorded once a year:
 * then the tallies add up the year; recording.ts).
 */
function startTick(ctx: Ctx, t: number): void {
  const st = ctx.state;
  st.tick = t;
  const sinceStart = t - st.t0;
  if (sinceStart < 1 || (sinceStart - 1) % ticksPerRow(ctx.scenario) === 0) {
    const T = st.tallies;
    T.departuresThisTick = 0;
    T.reviewCount = 0;
    T.reviewHonestySum = 0;
    T.reviewRigourSum = 0;
    T.challenges = 0;
    T.challengesAccepted = 0;
  }
  st.schools.learning.fill(0);
}
