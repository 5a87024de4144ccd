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
 * A group of more than `tableSize` heads meets at tables: each meeting seats
 * its members in a fresh random order at tables of near-equal size, and the
 * pairs above are the pairs at one table (a head at a hub session of twenty
 * talks with the few at its table, not with all twenty).
 * Each perception moves toward what was observed, slowly up and quickly down.
 *
 * Randomness: each group's meetings in a tick draw from their own substream,
 * keyed by the run and counted by (group, tick) (engine/counter-rng.ts), so
 * the draws do not depend on which other groups met or in what order. Five
 * draws per observed pair: one split into two 16-bit uniforms (the respect
 * and regard noise), one for the competence noise, and one each for the
 * commitment, the disclosure and the challenge; the follow-up decision
 * (kept, supported, accepted) reuses the conditional uniform u / p of the
 * draw u < p that made the event happen.
 * Relational trust is the power mean (exponent -4) of the four perceptions:
 * a weak perception caps trust.
 */
import { TRACE, type Ctx, type TraceSink } from '../../core/context.ts';
import { relationalTrust, type EdgeArrays, type GroupArrays, type LeaderArrays, type SchoolArrays, type StatePart, type Tallies } from '../../core/state.ts';
import { meetingPlan } from './meeting-plan.ts';
import { ALEA_2_32, type AleaState } from '../../../engine/rng.ts';
import { seedSubstream } from '../../../engine/counter-rng.ts';

/** What a broken commitment says about integrity (most come with a reason). */
export const BROKEN_PROMISE = 0.3;
/** What unsupported vulnerability, or a challenge taken as an attack, says about personal regard. */
export const SNUB = 0.2;

/** 2^-16: the scale of a 16-bit uniform split from a 32-bit draw. */
const U16 = 1 / 65536;

/** Scratch for a meeting's seating: member positions, then the ordered pairs at each table (grown, never shrunk). */
let seats = new Int32Array(64);
let seated = new Int32Array(64 * 8);
/** The substream state a group's meetings are seeded into. */
const substream: AleaState = { s0: 0, s1: 0, s2: 0, c: 0 };

/**
 * Seat a meeting of the group whose members' relationships are `gEdges[e0..]`
 * (the member-by-member layout of setup/network.ts: member p's edge to member
 * q at e0 + p (n - 1) + (q < p ? q : q - 1)) at tables of at most `table`,
 * in the order of `order` (a permutation of 0..n-1), and list in `seated` the
 * edges between heads at one table; returns how many.
 */
export function seatTables(gEdges: Int32Array, e0: number, n: number, table: number, order: Int32Array, out: Int32Array): number {
  const tables = Math.ceil(n / table);
  const base = Math.floor(n / tables);
  const larger = n - base * tables;
  let count = 0;
  for (let t = 0, first = 0; t < tables; t++) {
    const size = t < larger ? base + 1 : base;
    for (let a = first; a < first + size; a++) {
      const p = order[a];
      const row = e0 + p * (n - 1);
      for (let b = first; b < first + size; b++) {
        if (b === a) continue;
        const q = order[b];
        out[count++] = gEdges[row + (q < p ? q : q - 1)];
      }
    }
    first += size;
  }
  return count;
}

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

/** Make the seating scratch large enough for the largest of the groups order[from .. to - 1]. */
function ensureSeats(memberStart: Int32Array, groupOrder: Int32Array, from: number, to: number): void {
  let most = 0;
  for (let k = from; k < to; k++) most = Math.max(most, memberStart[groupOrder[k] + 1] - memberStart[groupOrder[k]]);
  if (most > seats.length) seats = new Int32Array(most);
  if (most * (most - 1) > seated.length) seated = new Int32Array(most * (most - 1));
}

/** The arrays the meeting kernel reads and writes, by part of the state: what a thread that runs it needs to share. */
export const MEETING_ARRAYS = {
  groups: [
    'edgeStart',
    'edges',
    'memberStart',
    'meetingsPerYear',
    'partnershipLead',
    'writtenRoles',
    'informalTime',
    'codeOfConduct',
    'meetingsHeld',
    'lConflict',
    'lCommitment',
    'lAccountability',
  ],
  edges: ['dst', 'rev', 'trust', 'interactions', 'respect', 'regard', 'competence', 'integrity'],
  leaders: ['listen', 'moralPurpose', 'competence', 'school', 'followThrough', 'openness', 'candour'],
  schools: ['standing', 'learning'],
} as const;

/** The state the meeting kernel works on: the arrays of MEETING_ARRAYS. */
export interface MeetingState {
  groups: StatePart<GroupArrays, typeof MEETING_ARRAYS.groups>;
  edges: StatePart<EdgeArrays, typeof MEETING_ARRAYS.edges>;
  leaders: StatePart<LeaderArrays, typeof MEETING_ARRAYS.leaders>;
  schools: StatePart<SchoolArrays, typeof MEETING_ARRAYS.schools>;
}

/** The meeting kernel's parameters, in the order a thread receives them (a Float64Array). */
export const MEETING_PARAMS = [
  'buildRate',
  'loseRate',
  'observationNoise',
  'noLeadMeetingChance',
  'commitmentChance',
  'rolesCommitmentChance',
  'informalVulnerabilityBoost',
  'challengeCushion',
  'challengeInsight',
  'tableSize',
  'feedback',
  'ticksPerYear',
  'tick',
] as const;

export type MeetingParams = Record<(typeof MEETING_PARAMS)[number], number>;

export function meetingParams(ctx: Ctx): MeetingParams {
  const T = ctx.scenario.model.trust;
  return {
    buildRate: T.buildRate,
    loseRate: T.loseRate,
    observationNoise: T.observationNoise,
    noLeadMeetingChance: T.noLeadMeetingChance,
    commitmentChance: T.commitmentChance,
    rolesCommitmentChance: T.rolesCommitmentChance,
    informalVulnerabilityBoost: T.informalVulnerabilityBoost,
    challengeCushion: T.challengeCushion,
    challengeInsight: ctx.scenario.model.knowledge.challengeInsight,
    tableSize: T.tableSize,
    feedback: ctx.scenario.model.lencioni.feedback ? 1 : 0,
    ticksPerYear: ctx.state.ticksPerYear,
    tick: ctx.state.tick,
  };
}

/** Tallies of one slice of meetings: challenges, accepted challenges, relationship updates. */
export const TALLY_FIELDS = 3;
const tally = new Float64Array(TALLY_FIELDS);

/** Add one chunk's tallies (at 0 of `chunk`) into `into` at `slot` x TALLY_FIELDS. */
export function addTallyFields(into: Float64Array, slot: number, chunk: Float64Array): void {
  for (let f = 0; f < TALLY_FIELDS; f++) into[slot * TALLY_FIELDS + f] += chunk[f];
}

/** Add a slice's tallies (at `slot` x TALLY_FIELDS) to the run's. */
export function addTallies(tallies: Tallies, from: Float64Array, slot: number): void {
  tallies.challenges += from[slot * TALLY_FIELDS];
  tallies.challengesAccepted += from[slot * TALLY_FIELDS + 1];
  tallies.relationshipUpdates += from[slot * TALLY_FIELDS + 2];
}

/**
 * Every group meets, in the plan's order (meeting-plan.ts). With threads
 * (`ctx.parallel`), they share out each round's groups; the result is the same.
 */
export function meetings(ctx: Ctx): void {
  const G = ctx.state.groups;
  if (ctx.parallel && ctx.trace === undefined) {
    ctx.parallel.meetings(ctx);
    return;
  }
  const plan = meetingPlan(G, ctx.scenario.model.trust.tableSize);
  meetGroups(ctx.state, meetingParams(ctx), ctx.keys.meetings, plan.order, 0, plan.order.length, tally, 0, ctx.trace);
  addTallies(ctx.state.tallies, tally, 0);
}

/**
 * The groups order[from .. to - 1] meet: the model's hot kernel. Tallies go
 * to out[slot * TALLY_FIELDS ..] (overwritten).
 */
// eslint-disable-next-line max-lines-per-function, max-params -- the model's hot kernel: one loop over meetings with every array, parameter and the generator's state in locals (docs/ARCHITECTURE.md, "Exceptions")
export function meetGroups(
  state: MeetingState,
  P: MeetingParams,
  key: Uint32Array,
  groupOrder: Int32Array,
  from: number,
  to: number,
  out: Float64Array,
  slot: number,
  trace?: TraceSink,
): void {
  const { groups: G, edges: E, leaders: L, schools: S } = state;
  const up = P.buildRate;
  const down = P.loseRate;
  const noise = 2 * P.observationNoise;
  const halfNoise = P.observationNoise;
  const insight = P.challengeInsight;
  const noLeadChance = P.noLeadMeetingChance;
  const tableSize = P.tableSize;
  const tick = P.tick;
  const u16 = U16;
  // Parameters read once here, so the group loop reads only locals (a parameter first read
  // deep inside a loop that V8 has already compiled would send the code back to the interpreter).
  const commitPlain = P.commitmentChance;
  const commitRoles = P.rolesCommitmentChance;
  const vulnInformal = 1 + P.informalVulnerabilityBoost;
  const codeCushion = P.challengeCushion;
  const tpy = P.ticksPerYear;
  const feedback = P.feedback !== 0;
  // Hot arrays bound to locals once (the loop below is the model's hot path).
  const gEdgeStart = G.edgeStart,
    gEdges = G.edges,
    gMemberStart = G.memberStart,
    gMeetingsPerYear = G.meetingsPerYear,
    gLead = G.partnershipLead;
  const gRoles = G.writtenRoles,
    gInformal = G.informalTime,
    gCode = G.codeOfConduct,
    gHeld = G.meetingsHeld;
  const dst = E.dst,
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
  // Each group's substream, stepped inline: each `(t = ..., s2 = t - (c = t | 0))`
  // below is one Alea draw (engine/rng.ts).
  const R = substream;
  let s0: number, s1: number, s2: number, c: number, t: number;
  ensureSeats(gMemberStart, groupOrder, from, to);
  const order = seats,
    tableEdges = seated;
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
  out[slot * 3] = out[slot * 3 + 1] = out[slot * 3 + 2] = 0;

  for (let pos = from; pos < to; pos++) {
    const g = groupOrder[pos];
    seedSubstream(key, g, tick, R);
    s0 = R.s0;
    s1 = R.s1;
    s2 = R.s2;
    c = R.c;
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
      const members = gMemberStart[g + 1] - gMemberStart[g];
      // The impulse enters the tick's learning inflow, a rate per year: impulse * ticks per year.
      // Without feedback (an ablation) the levels take neutral values: commitment 0.5, conflict 0.5, no accountability.
      const groupInsight = members > 1 ? ((insight * (feedback ? gCommitment[g] : 0.5)) / (members - 1)) * tpy : 0;
      const challengeScale = feedback ? 0.5 + gConflict[g] : 1;
      const holdToAccount = feedback ? 0.5 * gAccountability[g] : 0;
      const e0 = gEdgeStart[g];
      const seatedAtTables = members > tableSize;
      let list = gEdges,
        k0 = e0,
        k1 = gEdgeStart[g + 1];
      for (let meeting = 0; meeting < m; meeting++) {
        gHeld[g]++;
        if (seatedAtTables) {
          // A fresh seating (Fisher-Yates, one draw per position from the last down).
          for (let a = 0; a < members; a++) order[a] = a;
          for (let a = members - 1; a > 0; a--) {
            const b = Math.floor(((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) * (a + 1));
            const x = order[a];
            order[a] = order[b];
            order[b] = x;
          }
          list = tableEdges;
          k0 = 0;
          k1 = seatTables(gEdges, e0, members, tableSize, order, tableEdges);
        }
        for (let k = k0; k < k1; k++) {
          const e = list[k];
          const rv = rev[e];
          const i = dst[rv];
          const j = dst[e];
          const tji = trust[rv];
          const tij = trust[e];
          // Respect and regard (two 16-bit uniforms from one draw) and competence, observed with noise.
          let u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0))) * 65536;
          const hi = Math.floor(u);
          respect[e] = tw(respect[e], listen[j] + noise * hi * u16 - halfNoise, up, down);
          regard[e] = tw(regard[e], 0.2 + 0.4 * moralPurpose[j] + 0.4 * tji + noise * (u - hi) - halfNoise, up, down);
          u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)));
          competence[e] = tw(competence[e], 0.5 * lCompetence[j] + 0.5 * standing[school[j]] + noise * u - halfNoise, up, down);
          // Integrity: a commitment falls due (u < p) and is kept or broken (u / p, uniform given u < p).
          if ((u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)))) < commitChance) {
            const ft = followThrough[j];
            const kept = u / commitChance < ft + (1 - ft) * holdToAccount;
            integrity[e] = tw(integrity[e], kept ? 1 : broken, up, down);
            if (trace !== undefined) trace(TRACE.promise, j, i, kept, g);
          }
          // Vulnerability shown by j to i, met (or not) with i's support.
          let pv = openness[j] * (0.3 + 0.7 * tji) * vulnBoost;
          if (pv > 1) pv = 1;
          if ((u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)))) < pv) {
            if (u / pv < 0.2 + 0.5 * moralPurpose[i] + 0.3 * tij) {
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
          let pc = candour[j] * (0.25 + 0.75 * tji) * challengeScale;
          if (pc > 1) pc = 1;
          if ((u = ((t = 2091639 * s0 + c * K32), (s0 = s1), (s1 = s2), (s2 = t - (c = t | 0)))) < pc) {
            challenges++;
            const base = 0.3 + 0.7 * tij;
            const accept = base + cushion * (1 - base);
            if (u / pc < accept) {
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
          if (interactions[e] !== 255) interactions[e]++;
        }
        updates += k1 - k0;
      }
    }
    // Tallies go back to their object after every group rather than once after the loop:
    // V8 compiles this function on-stack during its first call, when code after the loop
    // has not yet run, and such compiled code would bail out there on every later call.
    out[slot * 3] += challenges;
    out[slot * 3 + 1] += accepted;
    out[slot * 3 + 2] += updates;
    challenges = accepted = updates = 0;
  }
}
