/**
 * Meetings and the Bryk & Schneider trust update (model brief 3.2 and 3.3).
 *
 * In each meeting of a group, every member i observes every other member j:
 * - respect: whether j listens (openness, low competitiveness);
 * - personal regard: whether j cares about i (moral purpose, and j's own trust in i);
 * - competence: j's leadership competence and j's school's effectiveness;
 * - integrity: when a commitment falls due, whether j kept it (follow-through);
 * - vulnerability: j may admit a weakness to i; met with support it builds j's
 *   regard and respect for i and i's view of j's integrity (Lencioni's
 *   vulnerability-based trust, seed 001); met without support it counts as a snub;
 * - challenge: j may challenge i with probability candour_j * (0.25 + 0.75 * trust j->i)
 *   (teams without trust avoid open debate); i accepts it with probability
 *   0.3 + 0.7 * trust i->j (raised by a code of conduct); accepted, it raises
 *   i's view of j's competence and gives i's school an insight; rejected, i
 *   takes it as an attack (a snub to its regard for j).
 * Each perception moves toward what was observed, slowly up and quickly down.
 * Relational trust is the power mean (exponent -4) of the four perceptions:
 * a weak perception caps trust.
 */
import type { Ctx } from '../context.ts';
import { relationalTrust } from '../state.ts';

/** What a broken commitment says about integrity (most come with a reason). */
export const BROKEN_PROMISE = 0.3;
/** What unsupported vulnerability, or a challenge taken as an attack, says about personal regard. */
export const SNUB = 0.2;

/** Per-leader quantities that do not depend on the partner, refreshed once per tick. */
export function refreshLeaderBehaviour(ctx: Ctx): void {
  const L = ctx.state.leaders;
  const E = ctx.state.edges;
  for (let j = 0; j < L.n; j++) {
    L.listen[j] = 0.25 + 0.5 * L.openness[j] + 0.25 * (1 - L.competitiveness[j]);
    const a = E.outStart[j];
    const b = E.outStart[j + 1];
    let sum = 0;
    for (let e = a; e < b; e++) sum += E.trust[e];
    L.meanOutTrust[j] = b > a ? sum / (b - a) : 0;
  }
}

/** Move a perception toward an observation: slow to build, quick to lose. */
function toward(p: number, obs: number, up: number, down: number): number {
  const o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  return p + (o > p ? up : down) * (o - p);
}

export function meetings(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const { groups: G, edges: E, leaders: L, schools: S, tallies } = state;
  const T = scenario.model.trust;
  const K = scenario.model.knowledge;
  const r = rng.interactions;
  const up = T.buildRate;
  const down = T.loseRate;
  const noise = 2 * T.observationNoise;
  const halfNoise = T.observationNoise;
  const insight = K.challengeInsight;
  const tpy = state.ticksPerYear;

  for (let g = 0; g < G.n; g++) {
    const lambda = G.meetingsPerYear[g] / tpy;
    let m = Math.floor(lambda);
    if (r() < lambda - m) m++;
    if (!G.partnershipLead[g]) {
      let held = 0;
      for (let k = 0; k < m; k++) if (r() < T.noLeadMeetingChance) held++;
      m = held;
    }
    if (m === 0) continue;
    const commitChance = G.writtenRoles[g] ? T.rolesCommitmentChance : T.commitmentChance;
    const vulnBoost = G.informalTime[g] ? 1 + T.informalVulnerabilityBoost : 1;
    const cushion = G.codeOfConduct[g] ? T.challengeCushion : 0;
    const e0 = G.edgeStart[g];
    const e1 = G.edgeStart[g + 1];
    for (let meeting = 0; meeting < m; meeting++) {
      G.meetingsHeld[g]++;
      for (let k = e0; k < e1; k++) {
        const e = G.edges[k];
        const rv = E.rev[e];
        const i = E.src[e];
        const j = E.dst[e];
        const tji = E.trust[rv];
        const tij = E.trust[e];
        // Respect, regard and competence, observed with noise.
        E.respect[e] = toward(E.respect[e], L.listen[j] + noise * r() - halfNoise, up, down);
        E.regard[e] = toward(E.regard[e], 0.2 + 0.4 * L.moralPurpose[j] + 0.4 * tji + noise * r() - halfNoise, up, down);
        E.competence[e] = toward(
          E.competence[e],
          0.5 * L.competence[j] + 0.5 * S.effectiveness[L.school[j]] + noise * r() - halfNoise,
          up,
          down,
        );
        // Integrity: a commitment falls due and is kept or broken.
        if (r() < commitChance) E.integrity[e] = toward(E.integrity[e], r() < L.followThrough[j] ? 1 : BROKEN_PROMISE, up, down);
        // Vulnerability shown by j to i, met (or not) with i's support.
        const pv = L.openness[j] * (0.3 + 0.7 * tji) * vulnBoost;
        if (r() < (pv > 1 ? 1 : pv)) {
          if (r() < 0.2 + 0.5 * L.moralPurpose[i] + 0.3 * tij) {
            E.regard[rv] = toward(E.regard[rv], 1, up, down);
            E.respect[rv] = toward(E.respect[rv], 1, up, down);
            E.integrity[e] = toward(E.integrity[e], 1, up, down);
          } else {
            E.regard[rv] = toward(E.regard[rv], SNUB, up, down);
          }
        }
        // Challenge from j to i.
        if (r() < L.candour[j] * (0.25 + 0.75 * tji)) {
          tallies.challenges++;
          const base = 0.3 + 0.7 * tij;
          const accept = base + cushion * (1 - base);
          if (r() < accept) {
            tallies.challengesAccepted++;
            E.competence[e] = toward(E.competence[e], 1, up, down);
            S.learning[L.school[i]] += insight;
          } else {
            E.regard[e] = toward(E.regard[e], SNUB, up, down);
          }
        }
        E.trust[e] = relationalTrust(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
        E.trust[rv] = relationalTrust(E.respect[rv], E.regard[rv], E.competence[rv], E.integrity[rv]);
        E.interactions[e]++;
      }
      tallies.relationshipUpdates += e1 - e0;
    }
  }
}
