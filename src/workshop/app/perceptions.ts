/**
 * The narrator's memory of the state before a tick: every relationship's
 * perceptions, each group's levels and meetings, grades and head changes,
 * so a log line can quote how much a relationship moved over the tick.
 *
 * Platform-free: used by the Web Worker and the Node tests.
 */
import type { SchoolModel } from './model-api.ts';
import { f2 } from './narrate-text.ts';
import { lencioniLevels } from './snapshot.ts';

/** Perceptions of an edge the stories quote. */
export type Part = 'trust' | 'respect' | 'regard' | 'competence' | 'integrity';

export interface Captured {
  trust: Float32Array;
  respect: Float32Array;
  regard: Float32Array;
  competence: Float32Array;
  integrity: Float32Array;
  changes: Uint16Array;
  grade: Uint8Array;
  binding: Uint8Array;
  meetings: Uint32Array;
  levels: Float32Array;
}

/** How a perception moved: the words, and the change. */
export interface Moved {
  text: string;
  d: number;
}

export class Perceptions {
  /** The state before the tick being narrated. */
  readonly prev: Captured;
  /** The perceptions before this tick are not comparable (the network was rebuilt during it). */
  noDiff = false;

  constructor(
    private readonly model: SchoolModel,
    /** What one tick is called in the log. */
    private readonly period: string,
  ) {
    this.prev = this.capture();
  }

  capture(): Captured {
    const { edges: E, leaders: L, schools: S, groups: G } = this.model.state;
    return {
      trust: E.trust.slice(),
      respect: E.respect.slice(),
      regard: E.regard.slice(),
      competence: E.competence.slice(),
      integrity: E.integrity.slice(),
      changes: L.changes.slice(),
      grade: S.grade.slice(),
      binding: G.binding.slice(),
      meetings: G.meetingsHeld.slice(),
      levels: lencioniLevels(G),
    };
  }

  /** Remember the state now (turnover included). */
  sync(): void {
    Object.assign(this.prev, this.capture());
  }

  /** Remember relationships and groups afresh after a rebuild (turnover and grades still compare). */
  restructure(duringTick: boolean): void {
    const c = this.capture();
    const p = this.prev;
    p.trust = c.trust;
    p.respect = c.respect;
    p.regard = c.regard;
    p.competence = c.competence;
    p.integrity = c.integrity;
    p.binding = c.binding;
    p.meetings = c.meetings;
    p.levels = c.levels;
    this.noDiff = duringTick;
  }

  /** The edge i -> j (i's perceptions of j), or -1. */
  edge(i: number, j: number): number {
    const E = this.model.state.edges;
    for (let e = E.outStart[i]; e < E.outStart[i + 1]; e++) if (E.dst[e] === j) return e;
    return -1;
  }

  /** "Ben's view of Ann's competence rose 0.61 → 0.66": one perception of edge e over the tick (just the label when it cannot be compared). */
  moved(label: string, part: Part, e: number, expectUp?: boolean): Moved {
    if (e < 0 || this.noDiff) return { text: expectUp === undefined ? '' : `${label} ${expectUp ? 'rose' : 'fell'}`, d: 0 };
    const a = this.prev[part][e];
    const b = this.model.state.edges[part][e];
    const d = b - a;
    if (f2(a) === f2(b)) return { text: `${label} held at ${f2(b)}`, d };
    const up = d > 0;
    const against = expectUp !== undefined && up !== expectUp;
    return {
      text: `${label} ${against ? 'still ' : ''}${up ? 'rose' : 'fell'} ${f2(a)} → ${f2(b)}${against ? ` over the ${this.period}, with everything else that happened` : ''}`,
      d,
    };
  }
}
