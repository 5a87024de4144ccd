/**
 * Messages between the page (UI) and the Web Worker that runs the model.
 * Large per-tick data travels as typed arrays (transferred, not copied twice).
 */
import type { SeriesKey } from '../../engine/contract.ts';
import type { LogEntry } from './narrate-text.ts';
import type { PackedTrace } from './trace.ts';
import type { PracticeFlags, PracticeKey, RoomEventKind, SettingKey, Settings, Setup, UiPrefs } from './settings.ts';

export type SessionId = 'A' | 'B';
export type Mode = 'team' | 'locality';

export interface PresetInfo {
  id: string;
  file: string;
  name: string;
  title: string;
  question: string;
  description: string;
  mode: Mode;
  schools: number;
}

/** A what-if comparison: copy B differs from A in one setting. */
export interface WhatIf {
  key: SettingKey | PracticeKey;
  value: number | boolean;
}

/** What does not change from tick to tick (sent when a session is built or its structure changes). */
export interface StaticInfo {
  id: SessionId;
  mode: Mode;
  preset: PresetInfo;
  setup: Setup;
  /** Structure version: the groups and network are rebuilt during a run (trusts form, schools withdraw). */
  structure: number;
  scenarioName: string;
  ticksPerYear: number;
  horizon: number;
  keys: SeriesKey[];
  /** Kilometres per unit of x, y. */
  kmPerUnit: number;
  schools: {
    names: string[];
    x: Float32Array;
    y: Float32Array;
    pupils: Float32Array;
    phase: Uint8Array;
    disadvantaged: Uint8Array;
  };
  mats: { name: string; open: boolean; local: boolean }[];
  /** Hubs (kind 0 maths, 1 teaching school hub, 2 research school, -1 alliance) with their lead school (-1: outside the area) and place. */
  hubs: { name: string; kind: number; lead: number; x: number; y: number; active: boolean }[];
  leaderSchool: Int32Array;
  edges: { src: Int32Array; dst: Int32Array; rev: Int32Array };
  groups: { names: string[]; kind: Uint8Array; memberStart: Int32Array; members: Int32Array };
  /** Settings this model can change live; the others are shown disabled with the reason. */
  unsupported: Partial<Record<SettingKey | RoomEventKind, string>>;
}

/** The state after a tick. */
export interface Snapshot {
  id: SessionId;
  tick: number;
  structure: number;
  names: string[];
  trust: Float32Array;
  respect: Float32Array;
  regard: Float32Array;
  competence: Float32Array;
  integrity: Float32Array;
  /** Five Lencioni levels per group: [g * 5 + level]. */
  levels: Float32Array;
  binding: Uint8Array;
  effectiveness: Float64Array;
  /** Each school's national standing (percentile, 0..1), as the model computes it. */
  standing: Float64Array;
  grade: Uint8Array;
  internalTrust: Float64Array;
  improving: Uint8Array;
  mat: Int32Array;
  governance: Uint8Array;
  /** 1 when the school engages with a hub this year. */
  engaged: Uint8Array;
  /** Seven traits per leader slot: openness, candour, propensity, competitiveness, followThrough, moralPurpose, competence. */
  traits: Float32Array;
  changes: Uint16Array;
  /** Practices of each group: [g * 5 + k] for codeOfConduct, partnershipLead, informalTime, writtenRoles, peerReview. */
  practices: Uint8Array;
  meetingsPerYear: Float32Array;
  /** Series rows observed since the last snapshot: rows rowStart..rowStart+n-1, row-major over `keys`. */
  rowStart: number;
  rows: Float64Array;
  /** Effectiveness of each school for the same rows: [row * nSchools + school]. */
  schoolRows: Float64Array;
  log: LogEntry[];
  /**
   * Who did what to whom in the last tick stepped (`trace.tick`; with several ticks between two
   * snapshots, the earlier ticks' interactions are told in `log` only). Every interaction is
   * counted; details: all in a team, a sample of 20 in a locality.
   */
  trace: PackedTrace;
}

export type ToWorker =
  | { type: 'init'; hash: string }
  | { type: 'load'; setup: Setup; whatIf?: WhatIf | null }
  | { type: 'loadFile'; name: string; text: string }
  | { type: 'preset'; id: string }
  | { type: 'go' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'continue' }
  | { type: 'speed'; ticksPerSecond: number }
  | { type: 'setup' }
  | { type: 'reset' }
  | { type: 'reseed'; seed?: number }
  | { type: 'ui'; ui: UiPrefs }
  /** The page drew the last snapshot (the worker may send the next). */
  | { type: 'drawn' }
  | { type: 'mode'; mode: Mode }
  | { type: 'teamSize'; n: number }
  | { type: 'set'; key: SettingKey; value: number }
  | { type: 'practice'; key: PracticeKey; value: boolean }
  | { type: 'event'; kind: RoomEventKind; school?: number }
  | { type: 'whatIf'; whatIf: WhatIf | null }
  | { type: 'export'; id?: SessionId }
  | { type: 'series'; id: SessionId; reqId: number }
  | { type: 'band' };

export type FromWorker =
  | { type: 'presets'; presets: PresetInfo[] }
  | { type: 'static'; infos: StaticInfo[]; whatIf: WhatIf | null; keep: boolean }
  | { type: 'snapshot'; snap: Snapshot; running: boolean }
  | {
      type: 'status';
      running: boolean;
      tick: number;
      /** The run is at its horizon (the scenario's years): the page shows the end card. */
      ended: boolean;
      setup: Setup;
      current: { settings: Settings; practices: PracticeFlags };
      unsupported: StaticInfo['unsupported'];
      hash: string;
      whatIf: WhatIf | null;
      midRun: string[];
      ui: UiPrefs;
    }
  | { type: 'export'; fileName: string; text: string }
  | { type: 'series'; reqId: number; keys: SeriesKey[]; rows: number; values: Float64Array }
  | { type: 'band'; band: SeedBand }
  | { type: 'error'; message: string };

/** The what-if's effect (B minus A) over several seeds, from the start to the horizon, per metric and row. */
export interface SeedBand {
  metrics: string[];
  seeds: number;
  years: number[];
  /** [metric][row]: 10th percentile, median and 90th percentile over seeds of B minus A. */
  p10: number[][];
  p50: number[][];
  p90: number[][];
}
