/**
 * The network and parameters every implementation runs in the peer
 * comparison, as plain arrays taken from a built collabsim model: leaders and
 * their traits, groups with members and practices, directed relationships
 * with their starting perceptions. Peers build their own structures from it.
 */
import type { SchoolModel } from '../../src/model/model.ts';
import { edgeSources } from '../../src/model/core/edges.ts';
import { refreshLeaderBehaviour, BROKEN_PROMISE, SNUB } from '../../src/model/mechanisms/trust/meetings.ts';

export interface KernelParams {
  ticksPerYear: number;
  buildRate: number;
  loseRate: number;
  observationNoise: number;
  noLeadMeetingChance: number;
  commitmentChance: number;
  rolesCommitmentChance: number;
  informalVulnerabilityBoost: number;
  challengeCushion: number;
  challengeInsight: number;
  brokenPromise: number;
  snub: number;
  /** Lencioni: per-tick share of the gap closed, commitment base, collective gain. */
  lencioniAdjust: number;
  commitmentBase: number;
  collectiveGain: number;
  /** Whether the Lencioni levels feed back into meetings (conflict, commitment, accountability); false: neutral values. */
  lencioniFeedback: boolean;
  /** Most heads at one table: a larger group is seated afresh at each meeting, and only heads at one table interact. */
  tableSize: number;
}

export interface NetworkSpec {
  params: KernelParams;
  leaders: {
    n: number;
    school: Int32Array;
    listen: Float32Array;
    openness: Float32Array;
    candour: Float32Array;
    moralPurpose: Float32Array;
    competence: Float32Array;
    followThrough: Float32Array;
  };
  /** Each school's standing (national percentile, 0..1): what a head's competence is partly judged by. */
  schools: { n: number; standing: Float64Array };
  /** Directed relationships: src -> dst with starting perceptions. */
  ties: {
    n: number;
    src: Int32Array;
    dst: Int32Array;
    respect: Float32Array;
    regard: Float32Array;
    competence: Float32Array;
    integrity: Float32Array;
    trust: Float32Array;
  };
  groups: {
    n: number;
    members: number[][];
    meetingsPerYear: Float32Array;
    partnershipLead: Uint8Array;
    writtenRoles: Uint8Array;
    informalTime: Uint8Array;
    codeOfConduct: Uint8Array;
    levels: Float32Array[]; // trust, conflict, commitment, accountability, results
  };
}

export function specOf(model: SchoolModel): NetworkSpec {
  const { state, scenario, perTick } = model.ctx;
  refreshLeaderBehaviour(model.ctx);
  const { leaders: L, schools: S, edges: E, groups: G } = state;
  const T = scenario.model.trust;
  const members: number[][] = [];
  for (let g = 0; g < G.n; g++) members.push(Array.from(G.members.subarray(G.memberStart[g], G.memberStart[g + 1])));
  return {
    params: {
      ticksPerYear: state.ticksPerYear,
      buildRate: T.buildRate,
      loseRate: T.loseRate,
      observationNoise: T.observationNoise,
      noLeadMeetingChance: T.noLeadMeetingChance,
      commitmentChance: T.commitmentChance,
      rolesCommitmentChance: T.rolesCommitmentChance,
      informalVulnerabilityBoost: T.informalVulnerabilityBoost,
      challengeCushion: T.challengeCushion,
      challengeInsight: scenario.model.knowledge.challengeInsight,
      brokenPromise: BROKEN_PROMISE,
      snub: SNUB,
      lencioniAdjust: perTick.lencioniAdjust,
      commitmentBase: scenario.model.lencioni.commitmentBase,
      collectiveGain: scenario.model.lencioni.collectiveGain,
      lencioniFeedback: scenario.model.lencioni.feedback,
      tableSize: T.tableSize,
    },
    leaders: {
      n: L.n,
      school: L.school.slice(),
      listen: L.listen.slice(),
      openness: L.openness.slice(),
      candour: L.candour.slice(),
      moralPurpose: L.moralPurpose.slice(),
      competence: L.competence.slice(),
      followThrough: L.followThrough.slice(),
    },
    schools: { n: S.n, standing: S.standing.slice() },
    ties: {
      n: E.n,
      src: edgeSources(E),
      dst: E.dst.slice(),
      respect: E.respect.slice(),
      regard: E.regard.slice(),
      competence: E.competence.slice(),
      integrity: E.integrity.slice(),
      trust: E.trust.slice(),
    },
    groups: {
      n: G.n,
      members,
      meetingsPerYear: G.meetingsPerYear.slice(),
      partnershipLead: G.partnershipLead.slice(),
      writtenRoles: G.writtenRoles.slice(),
      informalTime: G.informalTime.slice(),
      codeOfConduct: G.codeOfConduct.slice(),
      levels: [G.lTrust.slice(), G.lConflict.slice(), G.lCommitment.slice(), G.lAccountability.slice(), G.lResults.slice()],
    },
  };
}

/** What every implementation reports after each tick. */
export interface TickMetrics {
  trustMean: number;
  lencioniTrust: number;
  lencioniResults: number;
}

/** A peer implementation of the kernel. */
export interface PeerModel {
  /** One tick: meetings in every group, then the Lencioni update. */
  step(): void;
  metrics(): TickMetrics;
  /** Directed relationship updates so far (one per relationship per meeting held). */
  updates(): number;
}

/** Clamp, as in the engine's observation. */
export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/** The engine's weak-link trust (power mean, exponent -4), restated for the peers. */
export function powerMeanTrust(r: number, p: number, c: number, i: number): number {
  const a = r < 0.01 ? 0.01 : r,
    b = p < 0.01 ? 0.01 : p,
    d = c < 0.01 ? 0.01 : c,
    e = i < 0.01 ? 0.01 : i;
  const a2 = a * a,
    b2 = b * b,
    d2 = d * d,
    e2 = e * e;
  return 1 / Math.sqrt(Math.sqrt((1 / (a2 * a2) + 1 / (b2 * b2) + 1 / (d2 * d2) + 1 / (e2 * e2)) / 4));
}

/**
 * A meeting's seating, as the engine's (src/model/mechanisms/trust/meetings.ts): positions
 * 0..n-1 shuffled in `order` (Fisher-Yates from the last position down, one uniform draw each
 * from the peer's own generator), then cut into ceil(n / table) tables of near-equal size (the
 * first n mod T one larger). Writes each table's first position to `first` (and n after the
 * last); returns the number of tables. Pairs interact only within a table, in the order: table,
 * then observer position, then observed position.
 */
export function seatAtTables(n: number, table: number, uniform: () => number, order: Int32Array, first: Int32Array): number {
  for (let a = 0; a < n; a++) order[a] = a;
  for (let a = n - 1; a > 0; a--) {
    // min(): a generator whose range includes 1 (Flocc's) must not pick position a + 1.
    const b = Math.min(a, Math.floor(uniform() * (a + 1)));
    const x = order[a];
    order[a] = order[b];
    order[b] = x;
  }
  const tables = Math.ceil(n / table);
  const base = Math.floor(n / tables);
  const larger = n - base * tables;
  first[0] = 0;
  for (let t = 0; t < tables; t++) first[t + 1] = first[t] + (t < larger ? base + 1 : base);
  return tables;
}
