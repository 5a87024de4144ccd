/**
 * The annual peer-review cycle (model brief 3.5; seed 001, Schools
 * Partnership Programme): self-review, review visit with improvement
 * workshop, and a 90-day follow-up.
 *
 * At the review visit each member school hosts reviewers from its group:
 *   disclosure = openness_h * (0.2 + 0.8 * trust host->reviewers)   honesty vs "showcasing"
 *   rigourRaw  = trainingQuality * mean candour of reviewers
 *   rigour     = rigourRaw * (0.5 + 0.5 * trust reviewers->host)
 *   diagnosis  = disclosure * rigour
 * The improvement workshop turns the diagnosis into a plan (an improvement
 * push of gain * diagnosis per year that lapses at planDecay). High trust
 * with low challenge breeds complacency ("collusion in mediocrity"): a drag
 * of collusion * trust * (1 - rigourRaw). Challenge without trust makes the
 * host defensive: its regard and respect for the reviewers fall by
 * damage * rigourRaw * (1 - trust). An honest and rigorous review raises the
 * host's view of the reviewers' competence and their view of its integrity.
 * At the follow-up the reviewers see whether the plan was acted on (host's
 * follow-through): if not, half the plan lapses. Without a follow-up, 40%
 * of every plan lapses at that point.
 */
import type { Ctx } from '../../core/context.ts';
import { findEdge } from '../../core/edges.ts';
import { relationalTrust, type ModelState } from '../../core/state.ts';
import { GROUP_KINDS } from '../../core/kinds.ts';
import type { PeerReviewEvent } from './params.ts';
import type { z } from 'zod';

/** Position in its group of the q-th reviewer of the member at position p (never p itself; rotates yearly). */
export function reviewerOf(p: number, q: number, year: number, n: number): number {
  return (p + 1 + ((q + year) % (n - 1))) % n;
}

/** Tick offsets within a year of the review visit and of the follow-up. */
export function cycleTicks(tpy: number): { visit: number; followUp: number } {
  const visit = Math.round(tpy / 6) % tpy;
  const followUp = (visit + Math.max(1, Math.round((tpy * 90) / 365))) % tpy;
  return { visit, followUp };
}

export function peerReview(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const { groups: G, edges: E, leaders: L, schools: S, tallies } = state;
  const tpy = state.ticksPerYear;
  // The programme runs on the scenario's clock: never during the burn-in (year < 0).
  const year = Math.floor((state.tick - state.t0 - 1) / tpy);
  const phase = (state.tick - 1) % tpy;
  if (year < state.reviewStartYear) return;
  const { visit, followUp } = cycleTicks(tpy);
  const PR = scenario.model.peerReview;
  const perVisit = scenario.partnerships.peerReview.reviewersPerVisit;
  const hasFollowUp = scenario.partnerships.peerReview.followUp;
  const up = scenario.model.trust.buildRate;
  const r = rng.peerReview;

  for (let g = 0; g < G.n; g++) {
    if (!G.peerReview[g]) continue;
    const m0 = G.memberStart[g];
    const n = G.memberStart[g + 1] - m0;
    if (n < 2) continue;
    const nr = Math.min(perVisit, n - 1);
    for (let p = 0; p < n; p++) {
      const h = G.members[m0 + p];
      const sh = L.school[h];
      if (phase === visit) {
        let tHR = 0,
          tRH = 0,
          cand = 0;
        for (let q = 0; q < nr; q++) {
          const rv = G.members[m0 + reviewerOf(p, q, year, n)];
          tHR += E.trust[findEdge(E.outStart, E.dst, h, rv)];
          tRH += E.trust[findEdge(E.outStart, E.dst, rv, h)];
          cand += L.candour[rv];
        }
        tHR /= nr;
        tRH /= nr;
        cand /= nr;
        const disclosure = L.openness[h] * (0.2 + 0.8 * tHR);
        const rigourRaw = G.trainingQuality[g] * cand;
        const rigour = rigourRaw * (0.5 + 0.5 * tRH);
        const diagnosis = disclosure * rigour;
        S.reviewPlan[sh] += PR.gain * diagnosis;
        S.complacency[sh] += PR.collusion * tHR * (1 - rigourRaw);
        const defensive = PR.damage * rigourRaw * (1 - tHR);
        for (let q = 0; q < nr; q++) {
          const rv = G.members[m0 + reviewerOf(p, q, year, n)];
          const e = findEdge(E.outStart, E.dst, h, rv);
          const back = E.rev[e];
          E.regard[e] *= 1 - defensive;
          E.respect[e] *= 1 - defensive;
          // Twice the meeting rate, never past the observation (a share of the gap of at most 1).
          E.competence[e] += Math.min(1, up * 2 * diagnosis) * (1 - E.competence[e]);
          E.integrity[back] += Math.min(1, up * 2 * disclosure) * (1 - E.integrity[back]);
          E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
          E.trust[back] = relationalTrust(E.respect[back], E.regard[back], E.competence[back], E.integrity[back]);
        }
        tallies.reviewHonestySum += disclosure;
        tallies.reviewRigourSum += rigour;
        tallies.reviewCount++;
      }
      if (phase === followUp) {
        if (hasFollowUp) {
          const kept = r() < L.followThrough[h];
          if (!kept) S.reviewPlan[sh] *= 0.5;
          for (let q = 0; q < nr; q++) {
            const rv = G.members[m0 + reviewerOf(p, q, year, n)];
            const e = findEdge(E.outStart, E.dst, rv, h);
            const target = kept ? 1 : 0;
            E.integrity[e] += (kept ? up : scenario.model.trust.loseRate) * (target - E.integrity[e]);
            E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
          }
        } else {
          S.reviewPlan[sh] *= 0.6;
        }
      }
    }
  }
}

/** The `peerReview` event: partnerships start (or stop) the cycle, optionally with new reviewer training. */
export function switchPeerReview(state: ModelState, ev: z.output<typeof PeerReviewEvent>): void {
  const G = state.groups;
  const partnership = GROUP_KINDS.indexOf('partnership');
  for (let g = 0; g < G.n; g++) {
    if (G.kind[g] !== partnership) continue;
    G.peerReview[g] = ev.enabled ? 1 : 0;
    if (ev.trainingQuality !== undefined) G.trainingQuality[g] = ev.trainingQuality;
  }
  if (ev.enabled) state.reviewStartYear = Math.min(state.reviewStartYear, Math.floor((state.tick - state.t0 - 1) / state.ticksPerYear));
}
