/**
 * The order of one tick (docs/ODD.md, "Process overview and scheduling"):
 * each line is one process, applied to every school, head or group in turn.
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

/**
 * Advance the model by one tick; `events` are the timeline events due at this tick.
 * The community (8b), staff churn (8c) and teachers leaving (8d) read and write nothing the
 * practice's exposure (9) reads: practiceSpread makes them first, and on a team of threads
 * while the others start 9's pass over the schools.
 */
export function tick(ctx: Ctx, t: number, events: readonly TimelineEvent[] | undefined): void {
  startTick(ctx, t);
  if (events) for (const ev of events) applyEvent(ctx, ev); //  1. scheduled policy events
  policyStructure(ctx); //                                       1b. yearly structure: trusts, hubs, spanners, competition
  refreshLeaderBehaviour(ctx); //                                2. how each head behaves this tick
  meetings(ctx); //                                              3. meetings: interactions and the trust update
  rivalry(ctx); //                                               3b. rivalry erodes trust between nearby competitors
  lencioni(ctx); //                                              4. the Lencioni cascade in each group
  peerReview(ctx); //                                            5. the peer-review cycle
  knowledgeExchange(ctx); //                                     6. knowledge exchange between partners
  policyLearning(ctx); //                                        6b. professional learning from hubs, trusts, the practice
  improvement(ctx); //                                           7. school improvement
  inspections(ctx); //                                           7b. inspections that fall due
  leaderTurnover(ctx); //                                        8. heads leave and are replaced
  practiceSpread(ctx, communityAndTeachers); //                  8b-8d (below); 9. word-of-mouth spread of a practice
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
