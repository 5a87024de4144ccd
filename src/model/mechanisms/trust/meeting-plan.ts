/**
 * The order in which groups meet within a tick: rounds of groups that share
 * no head. Two groups without a common member touch no common relationship
 * and no common school, so the groups of one round may meet in any order, or
 * at the same time on different threads, with the same result; the rounds
 * follow one another. Every run, on any number of threads, meets the groups
 * in this order: round by round, and by group index within a round.
 *
 * Rounds are a greedy colouring of the groups in index order (a group takes
 * the first round none of its members' earlier groups is in). The plan is
 * made once per group set (setup, and each structural rebuild) and cached.
 */
import type { GroupArrays } from '../../core/state.ts';
import { prefixCut } from '../../core/edges.ts';

export interface MeetingPlan {
  /** Groups in meeting order. */
  order: Int32Array;
  /** Round r is order[roundStart[r] .. roundStart[r + 1] - 1]. */
  roundStart: Int32Array;
  /**
   * Cumulative expected work before each position in `order` (relationship
   * updates per year, length order.length + 1): threads split a round into
   * slices of equal work.
   */
  work: Float64Array;
  /** The table size the work was estimated for. */
  tableSize: number;
}

const PLANS = new WeakMap<GroupArrays, MeetingPlan>();

/** The plan of a group set (made on first use, then cached with the group arrays). */
export function meetingPlan(G: GroupArrays, tableSize: number): MeetingPlan {
  const cached = PLANS.get(G);
  if (cached && cached.tableSize === tableSize) return cached;
  const plan = makePlan(G, tableSize);
  PLANS.set(G, plan);
  return plan;
}

function makePlan(G: GroupArrays, tableSize: number): MeetingPlan {
  const n = G.n;
  const round = new Int32Array(n);
  let rounds = 0;
  let taken = new Uint8Array(16);
  for (let g = 0; g < n; g++) {
    // Rounds of the earlier groups of g's members.
    for (let k = G.memberStart[g]; k < G.memberStart[g + 1]; k++) {
      const i = G.members[k];
      for (let q = G.byLeaderStart[i]; q < G.byLeaderStart[i + 1]; q++) {
        const h = G.byLeader[q];
        if (h < g) taken[round[h]] = 1;
      }
    }
    let r = 0;
    while (r < rounds && taken[r]) r++;
    round[g] = r;
    if (r === rounds) rounds++;
    if (rounds >= taken.length) taken = new Uint8Array(taken.length * 2);
    else taken.fill(0, 0, rounds);
  }
  // Counting sort by round, group index within a round.
  const roundStart = new Int32Array(rounds + 1);
  for (let g = 0; g < n; g++) roundStart[round[g] + 1]++;
  for (let r = 0; r < rounds; r++) roundStart[r + 1] += roundStart[r];
  const next = roundStart.slice(0, rounds);
  const order = new Int32Array(n);
  for (let g = 0; g < n; g++) order[next[round[g]]++] = g;
  const work = new Float64Array(n + 1);
  for (let k = 0; k < n; k++) {
    const g = order[k];
    const m = G.memberStart[g + 1] - G.memberStart[g];
    const atTable = Math.min(m, tableSize);
    work[k + 1] = work[k] + G.meetingsPerYear[g] * m * (atTable - 1) + 1;
  }
  return { order, roundStart, work, tableSize };
}

/**
 * Thread `k` of `threads`'s slice of round `r`: positions [from, to) in the
 * plan's order, cut where the cumulative work crosses k / threads of the round's.
 */
export function roundSlice(plan: MeetingPlan, r: number, k: number, threads: number): [number, number] {
  const a = plan.roundStart[r];
  const b = plan.roundStart[r + 1];
  return [prefixCut(plan.work, a, b, k / threads), prefixCut(plan.work, a, b, (k + 1) / threads)];
}
