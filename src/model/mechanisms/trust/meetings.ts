/**
 * Meetings and the Bryk & Schneider trust update (model brief 3.2 and 3.3).
 *
 * In each meeting of a group, every member i observes every other member j:
 * - respect: whether j listens (openness, low competitiveness);
 * - personal regard: whether j cares about i (moral purpose, and j's own trust in i);
 * - competence: j's leadership competence and j's school's standing (national percentile);
 * - integrity: when a commitment falls due, whether j kept it: j's follow-through,
 *   raised by the group's accountability (Lencioni level 4: peers who hold each
 *   other to account close half the gap to always keeping it);
 * - vulnerability: j may admit a weakness to i; met with support it builds j's
 *   regard and respect for i and i's view of j's integrity (Lencioni's
 *   vulnerability-based trust, seed 001); met without support it counts as a snub;
 * - challenge: j may challenge i with probability
 *   candour_j * (0.25 + 0.75 * trust j->i) * (0.5 + conflict)
 *   (teams without trust avoid open debate; a group that has learnt to air
 *   conflict, Lencioni level 2, challenges more); i accepts it with probability
 *   0.3 + 0.7 * trust i->j (raised by a code of conduct); accepted, it raises
 *   i's view of j's competence and, as far as the group commits to acting on
 *   what it agrees (Lencioni level 3), gives i's school an improvement impulse
 *   of challengeInsight * commitment divided by the number of i's partners in
 *   the group (pupil SD, per accepted challenge: an event, so a year's effect
 *   does not depend on the tick length); rejected, i takes it as an attack
 *   (a snub to its regard for j).
 * Each perception moves toward what was observed, slowly up and quickly down.
 * Relational trust is the power mean (exponent -4) of the four perceptions:
 * a weak perception caps trust.
 */
import { TRACE, type Ctx } from '../../core/context.ts';
import { relationalTrust } from '../../core/state.ts';
import { ALEA_2_32 } from '../../../engine/rng.ts';

/** What a broken commitment says about integrity (most come with a reason). */
export const BROKEN_PROMISE = 0.3;
/** What unsupported vulnerability, or a challenge taken as an attack, says about personal regard. */
export const SNUB = 0.2;

/** Per-leader quantities that do not depend on the partner, refreshed once per tick. */
export function refreshLeaderBehaviour(ctx: Ctx): void {
  const L = ctx.state.leaders;
  const listen = L.listen,
    openness = L.openness,
    competitiveness = L.competitiveness;
  for (let j = 0; j < L.n; j++) listen[j] = 0.25 + 0.5 * openness[j] + 0.25 * (1 - competitiveness[j]);
}

/** Move a perception toward an observation: slow to build, quick to lose. */
function toward(p: number, obs: number, up: number, down: number): number {
  const o = obs < 0 ? 0 : obs > 1 ? 1 : obs;
  return p + (o > p ? up : down) * (o - p);
}

// eslint-disable-next-line max-lines-per-function -- the model's hot kernel: one loop over meetings with every array, parameter and the generator's state in locals (docs/ARCHITECTURE.md, "Exceptions")
export function meetings(ctx: Ctx): void {
  const { state, scenario, rng } = ctx;
  const { groups: G, edges: E, leaders: L, schools: S, tallies } = state;
  const T = scenario.model.trust;
  const K = scenario.model.knowledge;
  const up = T.buildRate;
  const down = T.loseRate;
  const noise = 2 * T.observationNoise;
  const halfNoise = T.observationNoise;
  const insight = K.challengeInsight;
  const noLeadChance = T.noLeadMeetingChance;
  // Parameters read once here, so the group loop reads only locals (a parameter first read
  // deep inside a loop that V8 has already compiled would send the code back to the interpreter).
  const commitPlain = T.commitmentChance;
  const commitRoles = T.rolesCommitmentChance;
  const vulnInformal = 1 + T.informalVulnerabilityBoost;
  const codeCushion = T.challengeCushion;
  const tpy = state.ticksPerYear;
  const feedback = scenario.model.lencioni.feedback;
  // Hot arrays bound to locals once (the loop below is the model's hot path).
  const gEdgeStart = G.edgeStart,
    gEdges = G.edges,
    gMeetingsPerYear = G.meetingsPerYear,
    gLead = G.partnershipLead;
  const gRoles = G.writtenRoles,
    gInformal = G.informalTime,
    gCode = G.codeOfConduct,
    gHeld = G.meetingsHeld;
  const src = E.src,
    dst = E.dst,
    rev = E.rev,
    trust = E.trust,
    interactions = E.interactions;
  const respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity;
  const listen = L.listen,
    moralPurpose = L.moralPurpose,
    lCompetence = L.competence,
    school = L.school;
  const followThrough = L.followThrough,
    openness = L.openness,
    candour = L.candour;
  const standing = S.standing,
    learning = S.learning;
  const gConflict = G.lConflict,
    gCommitment = G.lCommitment,
    gAccountability = G.lAccountability;
  // The interactions stream, stepped inline: each `(t = ..., s2 = t - (c = t | 0))`
  // below is one draw, the same Alea step as rng.interactions().
  const R = rng.interactions.state;
  const trace = ctx.trace;
  let s0 = R.s0,
    s1 = R.s1,
    s2 = R.s2,
    c = R.c,
    t: number;
  // Imported and module-level bindings copied to locals: V8 re-checks an imported binding
  // on every read (it may not be initialised yet), which cost a third of this loop's time.
  const K32 = ALEA_2_32,
    broken = BROKEN_PROMISE,
    snub = SNUB,
    rt = relationalTrust,
    tw = toward;
  let challenges = 0,
    accepted = 0,
    updates = 0;

  for (let g = 0; g < G.n; g++) {
    const lambda = gMeetingsPerYear[g] / tpy;
    let m = Math.floor(lambda);
    if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < lambda - m) m++;
    if (!gLead[g]) {
      let held = 0;
      for (let k = 0; k < m; k++) if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < noLeadChance) held++;
      m = held;
    }
    if (m > 0) {
      const commitChance = gRoles[g] ? commitRoles : commitPlain;
      const vulnBoost = gInformal[g] ? vulnInformal : 1;
      const cushion = gCode[g] ? codeCushion : 0;
      // An accepted challenge's insight is shared out over the group's partners, so a
      // head in a large group does not learn more per meeting just for having more partners.
      const members = G.memberStart[g + 1] - G.memberStart[g];
      // The impulse enters the tick's learning inflow, a rate per year: impulse * ticks per year.
      // Without feedback (an ablation) the levels take neutral values: commitment 0.5, conflict 0.5, no accountability.
      const groupInsight = members > 1 ? ((insight * (feedback ? gCommitment[g] : 0.5)) / (members - 1)) * tpy : 0;
      const challengeScale = feedback ? 0.5 + gConflict[g] : 1;
      const holdToAccount = feedback ? 0.5 * gAccountability[g] : 0;
      const e0 = gEdgeStart[g];
      const e1 = gEdgeStart[g + 1];
      for (let meeting = 0; meeting < m; meeting++) {
        gHeld[g]++;
        for (let k = e0; k < e1; k++) {
          const e = gEdges[k];
          const rv = rev[e];
          const i = src[e];
          const j = dst[e];
          const tji = trust[rv];
          const tij = trust[e];
          // Respect, regard and competence, observed with noise.
          let u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)));
          respect[e] = tw(respect[e], listen[j] + noise * u - halfNoise, up, down);
          u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)));
          regard[e] = tw(regard[e], 0.2 + 0.4 * moralPurpose[j] + 0.4 * tji + noise * u - halfNoise, up, down);
          u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)));
          competence[e] = tw(competence[e], 0.5 * lCompetence[j] + 0.5 * standing[school[j]] + noise * u - halfNoise, up, down);
          // Integrity: a commitment falls due and is kept or broken.
          if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < commitChance) {
            u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)));
            const ft = followThrough[j];
            const kept = u < ft + (1 - ft) * holdToAccount;
            integrity[e] = tw(integrity[e], kept ? 1 : broken, up, down);
            if (trace !== undefined) trace(TRACE.promise, j, i, kept, g);
          }
          // Vulnerability shown by j to i, met (or not) with i's support.
          const pv = openness[j] * (0.3 + 0.7 * tji) * vulnBoost;
          if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < (pv > 1 ? 1 : pv)) {
            if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < 0.2 + 0.5 * moralPurpose[i] + 0.3 * tij) {
              regard[rv] = tw(regard[rv], 1, up, down);
              respect[rv] = tw(respect[rv], 1, up, down);
              integrity[e] = tw(integrity[e], 1, up, down);
              if (trace !== undefined) trace(TRACE.vulnerability, j, i, true, g);
            } else {
              regard[rv] = tw(regard[rv], snub, up, down);
              if (trace !== undefined) trace(TRACE.vulnerability, j, i, false, g);
            }
            // Only this branch changes i's view of j; elsewhere trust[rv] already equals
            // relationalTrust of its perceptions (every rule that moves a perception keeps it so).
            trust[rv] = rt(respect[rv], regard[rv], competence[rv], integrity[rv]);
          }
          // Challenge from j to i.
          if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < candour[j] * (0.25 + 0.75 * tji) * challengeScale) {
            challenges++;
            const base = 0.3 + 0.7 * tij;
            const accept = base + cushion * (1 - base);
            if (((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) < accept) {
              accepted++;
              competence[e] = tw(competence[e], 1, up, down);
              learning[school[i]] += groupInsight;
              if (trace !== undefined) trace(TRACE.challenge, j, i, true, g);
            } else {
              regard[e] = tw(regard[e], snub, up, down);
              if (trace !== undefined) trace(TRACE.challenge, j, i, false, g);
            }
          }
          trust[e] = rt(respect[e], regard[e], competence[e], integrity[e]);
          interactions[e]++;
        }
        updates += e1 - e0;
      }
    }
    // Generator state and tallies go back to their objects after every group rather than once
    // after the loop: V8 compiles this function on-stack during its first call, when code after
    // the loop has not yet run, and such compiled code would bail out there on every later call.
    R.s0 = s0;
    R.s1 = s1;
    R.s2 = s2;
    R.c = c;
    tallies.challenges += challenges;
    tallies.challengesAccepted += accepted;
    tallies.relationshipUpdates += updates;
    challenges = accepted = updates = 0;
  }
}
