/**
 * Export a model's network, parameters and meetings key to the binary
 * layout bench/native/kernel.c reads, and run the same kernel
 * (meetings + Lencioni, nothing else) in JavaScript for comparison.
 */
import fs from 'node:fs';
import type { SchoolModel } from '../../src/model/model.ts';
import { edgeSources } from '../../src/model/core/edges.ts';
import { meetings, refreshLeaderBehaviour, BROKEN_PROMISE, SNUB } from '../../src/model/mechanisms/trust/meetings.ts';
import { lencioni } from '../../src/model/mechanisms/lencioni/lencioni.ts';

export function exportNetwork(model: SchoolModel, file: string): void {
  const { state, scenario, perTick } = model.ctx;
  const { groups: G, edges: E, leaders: L, schools: S } = state;
  refreshLeaderBehaviour(model.ctx);
  const T = scenario.model.trust;
  const P = scenario.model.lencioni;
  const key = model.ctx.keys.meetings;
  // The header, field for field as kernel.c's Header: 8 int32, then 19 doubles.
  const ints: Record<string, number> = {
    nL: L.n,
    nS: S.n,
    nG: G.n,
    nE: E.n,
    nGE: G.edges.length,
    nM: G.members.length,
    tpy: state.ticksPerYear,
    feedback: P.feedback ? 1 : 0,
  };
  const doubles: Record<string, number> = {
    up: T.buildRate,
    down: T.loseRate,
    noise: 2 * T.observationNoise,
    halfNoise: T.observationNoise,
    insight: scenario.model.knowledge.challengeInsight,
    noLead: T.noLeadMeetingChance,
    commit: T.commitmentChance,
    rolesCommit: T.rolesCommitmentChance,
    informalBoost: T.informalVulnerabilityBoost,
    cushion: T.challengeCushion,
    rho: perTick.lencioniAdjust,
    commitBase: P.commitmentBase,
    collectiveGain: P.collectiveGain,
    brokenPromise: BROKEN_PROMISE,
    snub: SNUB,
    // The meetings key (two uint32 words): kernel.c seeds substream (group, tick) from it.
    key0: key[0],
    key1: key[1],
    tableSize: T.tableSize,
    reserved: 0,
  };
  const head = Buffer.alloc(8 * 4 + 19 * 8);
  Object.values(ints).forEach((v, i) => head.writeInt32LE(v, i * 4));
  Object.values(doubles).forEach((v, i) => head.writeDoubleLE(v, 32 + i * 8));
  const parts: ArrayBufferView[] = [
    G.edgeStart, G.edges, G.memberStart, G.members, G.meetingsPerYear,
    G.partnershipLead, G.writtenRoles, G.informalTime, G.codeOfConduct,
    G.lTrust, G.lConflict, G.lCommitment, G.lAccountability, G.lResults,
    edgeSources(E), E.dst, E.rev,
    E.respect, E.regard, E.competence, E.integrity, E.trust,
    L.listen, L.moralPurpose, L.competence, L.followThrough, L.openness, L.candour, L.school,
    S.standing,
  ];
  const fd = fs.openSync(file, 'w');
  fs.writeSync(fd, head);
  for (const p of parts) fs.writeSync(fd, new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  fs.closeSync(fd);
}

function fnv(h: number, v: ArrayBufferView): number {
  const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  for (let i = 0; i < b.length; i++) {
    h ^= b[i];
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h >>> 0;
}

/** The same kernel as kernel.c in JavaScript: meetings then Lencioni for `ticks` ticks. Mutates the model. */
export function runJsKernel(model: SchoolModel, ticks: number): { ms: number; updates: number; hash: number } {
  const ctx = model.ctx;
  const st = ctx.state;
  refreshLeaderBehaviour(ctx);
  const before = st.tallies.relationshipUpdates;
  const t0 = performance.now();
  for (let t = 1; t <= ticks; t++) {
    st.tick = t;
    st.schools.learning.fill(0);
    meetings(ctx);
    lencioni(ctx);
  }
  const ms = performance.now() - t0;
  const E = st.edges, G = st.groups;
  let h = 2166136261;
  for (const v of [E.trust, E.respect, E.integrity, G.lResults, G.lConflict, st.schools.learning]) h = fnv(h, v);
  return { ms, updates: st.tallies.relationshipUpdates - before, hash: h };
}
