/**
 * What a live session sends the page: its static description (schools,
 * network, groups, trusts and hubs: rebuilt only when the structure changes)
 * and a snapshot of the state after a tick (typed arrays, copied so they can
 * be transferred).
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import { edgeSources, type SchoolModel, type Scenario } from './model-api.ts';
import type { LogEntry } from './narrate-text.ts';
import type { Preset } from './scenario-file.ts';
import type { Mode, SessionId, Snapshot, StaticInfo } from './protocol.ts';
import type { Setup } from './settings.ts';
import type { TraceBuffer } from './trace.ts';

type State = SchoolModel['state'];

/** Leader trait arrays in snapshot order. */
const TRAIT_ARRAYS = ['openness', 'candour', 'propensity', 'competitiveness', 'followThrough', 'moralPurpose', 'competence'] as const;

/** Kilometres per unit of x, y in the core layout (a model without a locality). */
const CORE_KM_PER_UNIT = 10;

export interface StaticParts {
  id: SessionId;
  mode: Mode;
  preset: Preset;
  setup: Setup;
  structure: number;
  scenario: Scenario;
  model: SchoolModel;
  unsupported: StaticInfo['unsupported'];
}

/** The session's static description, for the page's layout. */
export function packStatic(p: StaticParts): StaticInfo {
  const { schools: S, leaders: L, edges: E, groups: G, policy: P } = p.model.state;
  return {
    id: p.id,
    mode: p.mode,
    preset: p.preset.info,
    setup: p.setup,
    structure: p.structure,
    scenarioName: p.scenario.name,
    ticksPerYear: p.scenario.ticksPerYear,
    horizon: p.model.ticks,
    keys: p.model.observer.rec.keys,
    kmPerUnit: P?.kmPerUnit ?? CORE_KM_PER_UNIT,
    schools: {
      names: S.names.slice(),
      x: S.x.slice(),
      y: S.y.slice(),
      pupils: S.pupils.slice(),
      phase: S.phase.slice(),
      disadvantaged: S.disadvantaged.slice(),
    },
    leaderSchool: L.school.slice(),
    edges: { src: edgeSources(E), dst: E.dst.slice(), rev: E.rev.slice() },
    groups: {
      names: G.names.slice(),
      kind: G.kind.slice(),
      memberStart: G.memberStart.slice(),
      members: G.members.slice(),
    },
    mats: (P?.mats ?? []).map((m) => ({ name: m.name, open: m.open, local: m.local })),
    hubs: (P?.hubs ?? []).filter((h) => !h.closed).map((h) => ({ name: h.name, kind: h.kind, lead: h.lead, x: h.x, y: h.y, active: h.active })),
    unsupported: p.unsupported,
  };
}

/** The five Lencioni levels of every group, five values per group (trust .. results). */
export function lencioniLevels(G: State['groups']): Float32Array {
  const levels = new Float32Array(G.n * 5);
  for (let g = 0; g < G.n; g++) {
    levels[g * 5] = G.lTrust[g];
    levels[g * 5 + 1] = G.lConflict[g];
    levels[g * 5 + 2] = G.lCommitment[g];
    levels[g * 5 + 3] = G.lAccountability[g];
    levels[g * 5 + 4] = G.lResults[g];
  }
  return levels;
}

/** Lencioni levels and practices of every group, five per group. */
function groupArrays(G: State['groups']): { levels: Float32Array; practices: Uint8Array } {
  const levels = lencioniLevels(G);
  const practices = new Uint8Array(G.n * 5);
  for (let g = 0; g < G.n; g++) {
    practices[g * 5] = G.codeOfConduct[g];
    practices[g * 5 + 1] = G.partnershipLead[g];
    practices[g * 5 + 2] = G.informalTime[g];
    practices[g * 5 + 3] = G.writtenRoles[g];
    practices[g * 5 + 4] = G.peerReview[g];
  }
  return { levels, practices };
}

/** Seven traits per leader slot, in TRAIT_ARRAYS order. */
function leaderTraits(L: State['leaders']): Float32Array {
  const traits = new Float32Array(L.n * 7);
  for (let i = 0; i < L.n; i++) for (let k = 0; k < 7; k++) traits[i * 7 + k] = L[TRAIT_ARRAYS[k]][i];
  return traits;
}

/** 1 for each school that engages with any hub this year. */
function engagedSchools(st: State): Uint8Array {
  const n = st.schools.n;
  const engaged = new Uint8Array(n);
  const P = st.policy;
  if (P) for (let sc = 0; sc < n; sc++) for (let k = 0; k < 3; k++) if (P.engaged[sc * 3 + k]) engaged[sc] = 1;
  return engaged;
}

export interface SnapshotParts {
  id: SessionId;
  tick: number;
  structure: number;
  model: SchoolModel;
  /** Display names of the heads now. */
  names: string[];
  /** Series rows from this row up to the current tick. */
  rowStart: number;
  /** Effectiveness of each school at each observed tick: [tick * nSchools + school]. */
  effHistory: Float64Array;
  log: LogEntry[];
  trace: TraceBuffer;
}

/** The state now, plus the series rows and log lines since the last snapshot, and the last tick's interactions. */
export function packSnapshot(p: SnapshotParts): Snapshot {
  const st = p.model.state;
  const { schools: S, leaders: L, edges: E, groups: G } = st;
  const rec = p.model.observer.rec;
  const nk = rec.keys.length;
  const rowEnd = p.tick + 1;
  return {
    id: p.id,
    tick: p.tick,
    structure: p.structure,
    names: p.names.slice(),
    trust: E.trust.slice(),
    respect: E.respect.slice(),
    regard: E.regard.slice(),
    competence: E.competence.slice(),
    integrity: E.integrity.slice(),
    ...groupArrays(G),
    binding: G.binding.slice(),
    effectiveness: S.effectiveness.slice(),
    standing: S.standing.slice(),
    grade: S.grade.slice(),
    internalTrust: S.internalTrust.slice(),
    improving: S.improving.slice(),
    mat: S.mat.slice(),
    governance: S.governance.slice(),
    engaged: engagedSchools(st),
    traits: leaderTraits(L),
    changes: L.changes.slice(),
    meetingsPerYear: G.meetingsPerYear.slice(),
    rowStart: p.rowStart,
    rows: rec.values.slice(p.rowStart * nk, rowEnd * nk),
    schoolRows: p.effHistory.slice(p.rowStart * S.n, rowEnd * S.n),
    log: p.log,
    trace: p.trace.pack(),
  };
}
