/**
 * Binding styles on Node's V8: the same edge kernel (a perception update and
 * the power-mean trust over group-ordered edges of the 2,000-school network,
 * with an inline generator) written four ways, to see how the way hot typed
 * arrays are reached changes what V8 makes of the loop:
 *   property  - arrays read through the state objects on every access (E.trust[e])
 *   locals    - arrays bound to local constants once per call (the engine's style)
 *   class     - arrays held in fields of a class instance (this.trust[e])
 *   closure   - arrays captured by a closure built once (module-style binding)
 *   imported  - arrays in locals, but constants and helpers read through ES module
 *               imports inside the loop: V8 checks an imported binding on every read
 *               (it could still be uninitialised), which the engine's rules avoid by
 *               copying imports to locals at the top of the function
 */
import { buildCase } from '../lib/measure.ts';
import { CORE_CASES } from '../lib/cases.ts';
import { heading, table } from '../lib/format.ts';
import type { EdgeArrays, GroupArrays, LeaderArrays } from '../../src/model/core/state.ts';
import { DOWN as DOWN_IMPORTED, LCG_MOD, NOISE, UP as UP_IMPORTED, towardsImported, trustOfImported } from '../lib/kernel-constants.ts';

const UP = 0.06,
  DOWN = 0.25;
const towards = (p: number, o: number) => p + (o > p ? UP : DOWN) * (o - p);
const trustOf = (a: number, b: number, c: number, d: number) => {
  const a2 = a * a,
    b2 = b * b,
    c2 = c * c,
    d2 = d * d;
  return 1 / Math.sqrt(Math.sqrt((1 / (a2 * a2) + 1 / (b2 * b2) + 1 / (c2 * c2) + 1 / (d2 * d2)) / 4));
};

function viaProperty(G: GroupArrays, E: EdgeArrays, L: LeaderArrays, rs: Float64Array): void {
  let x = rs[0];
  for (let k = 0; k < G.edges.length; k++) {
    const e = G.edges[k];
    const j = E.dst[e];
    x = (x * 16807) % 2147483647;
    E.respect[e] = towards(E.respect[e], L.listen[j] + 0.24 * (x / 2147483647) - 0.12);
    E.regard[e] = towards(E.regard[e], 0.2 + 0.4 * L.moralPurpose[j] + 0.4 * E.trust[E.rev[e]]);
    E.trust[e] = trustOf(E.respect[e], E.regard[e], E.competence[e], E.integrity[e]);
  }
  rs[0] = x;
}

function viaLocals(G: GroupArrays, E: EdgeArrays, L: LeaderArrays, rs: Float64Array): void {
  const gEdges = G.edges,
    dst = E.dst,
    rev = E.rev,
    respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity,
    trust = E.trust;
  const listen = L.listen,
    moral = L.moralPurpose;
  let x = rs[0];
  for (let k = 0; k < gEdges.length; k++) {
    const e = gEdges[k];
    const j = dst[e];
    x = (x * 16807) % 2147483647;
    respect[e] = towards(respect[e], listen[j] + 0.24 * (x / 2147483647) - 0.12);
    regard[e] = towards(regard[e], 0.2 + 0.4 * moral[j] + 0.4 * trust[rev[e]]);
    trust[e] = trustOf(respect[e], regard[e], competence[e], integrity[e]);
  }
  rs[0] = x;
}

function viaImported(G: GroupArrays, E: EdgeArrays, L: LeaderArrays, rs: Float64Array): void {
  const gEdges = G.edges,
    dst = E.dst,
    rev = E.rev,
    respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity,
    trust = E.trust;
  const listen = L.listen,
    moral = L.moralPurpose;
  let x = rs[0];
  for (let k = 0; k < gEdges.length; k++) {
    const e = gEdges[k];
    const j = dst[e];
    x = (x * 16807) % LCG_MOD;
    respect[e] = towardsImported(respect[e], listen[j] + NOISE * (x / LCG_MOD) - NOISE / 2);
    regard[e] = towardsImported(regard[e], 0.2 + 0.4 * moral[j] + 0.4 * trust[rev[e]]);
    trust[e] = trustOfImported(respect[e], regard[e], competence[e], integrity[e]);
  }
  rs[0] = x + 0 * (UP_IMPORTED + DOWN_IMPORTED);
}

class Kernel {
  gEdges: Int32Array;
  dst: Int32Array;
  rev: Int32Array;
  respect: Float32Array;
  regard: Float32Array;
  competence: Float32Array;
  integrity: Float32Array;
  trust: Float32Array;
  listen: Float32Array;
  moral: Float32Array;
  x = 12345;
  constructor(G: GroupArrays, E: EdgeArrays, L: LeaderArrays) {
    this.gEdges = G.edges;
    this.dst = E.dst;
    this.rev = E.rev;
    this.respect = E.respect;
    this.regard = E.regard;
    this.competence = E.competence;
    this.integrity = E.integrity;
    this.trust = E.trust;
    this.listen = L.listen;
    this.moral = L.moralPurpose;
  }
  run(): void {
    for (let k = 0; k < this.gEdges.length; k++) {
      const e = this.gEdges[k];
      const j = this.dst[e];
      this.x = (this.x * 16807) % 2147483647;
      this.respect[e] = towards(this.respect[e], this.listen[j] + 0.24 * (this.x / 2147483647) - 0.12);
      this.regard[e] = towards(this.regard[e], 0.2 + 0.4 * this.moral[j] + 0.4 * this.trust[this.rev[e]]);
      this.trust[e] = trustOf(this.respect[e], this.regard[e], this.competence[e], this.integrity[e]);
    }
  }
}

function viaClosure(G: GroupArrays, E: EdgeArrays, L: LeaderArrays): () => void {
  const gEdges = G.edges,
    dst = E.dst,
    rev = E.rev,
    respect = E.respect,
    regard = E.regard,
    competence = E.competence,
    integrity = E.integrity,
    trust = E.trust;
  const listen = L.listen,
    moral = L.moralPurpose;
  let x = 12345;
  return () => {
    for (let k = 0; k < gEdges.length; k++) {
      const e = gEdges[k];
      const j = dst[e];
      x = (x * 16807) % 2147483647;
      respect[e] = towards(respect[e], listen[j] + 0.24 * (x / 2147483647) - 0.12);
      regard[e] = towards(regard[e], 0.2 + 0.4 * moral[j] + 0.4 * trust[rev[e]]);
      trust[e] = trustOf(respect[e], regard[e], competence[e], integrity[e]);
    }
  };
}

export interface BindingRow {
  style: string;
  nsPerUpdate: number;
  relative: number;
}

export function bindingSection(opts: { quick: boolean }): BindingRow[] {
  heading('Binding styles (V8 on this Node): the same edge kernel, five ways of reaching the arrays and constants');
  const reps = opts.quick ? 15 : 40;
  const styles: Record<string, () => { run: () => void; n: number }> = {
    property: () => {
      const { state } = buildCase(CORE_CASES[2]).model;
      const rs = new Float64Array([12345]);
      return { run: () => viaProperty(state.groups, state.edges, state.leaders, rs), n: state.groups.edges.length };
    },
    locals: () => {
      const { state } = buildCase(CORE_CASES[2]).model;
      const rs = new Float64Array([12345]);
      return { run: () => viaLocals(state.groups, state.edges, state.leaders, rs), n: state.groups.edges.length };
    },
    class: () => {
      const { state } = buildCase(CORE_CASES[2]).model;
      const k = new Kernel(state.groups, state.edges, state.leaders);
      return { run: () => k.run(), n: state.groups.edges.length };
    },
    closure: () => {
      const { state } = buildCase(CORE_CASES[2]).model;
      return { run: viaClosure(state.groups, state.edges, state.leaders), n: state.groups.edges.length };
    },
    imported: () => {
      const { state } = buildCase(CORE_CASES[2]).model;
      const rs = new Float64Array([12345]);
      return { run: () => viaImported(state.groups, state.edges, state.leaders, rs), n: state.groups.edges.length };
    },
  };
  const best: Record<string, number> = {};
  const made = Object.fromEntries(Object.entries(styles).map(([k, f]) => [k, f()]));
  // Interleave styles so machine load affects them alike; keep the best of each.
  for (let r = 0; r < reps; r++)
    for (const [name, { run, n }] of Object.entries(made)) {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++) run();
      const ns = ((performance.now() - t0) * 1e6) / (5 * n);
      best[name] = Math.min(best[name] ?? Infinity, ns);
    }
  const base = best.locals;
  const rows = Object.keys(styles).map((s) => ({ style: s, nsPerUpdate: best[s], relative: best[s] / base }));
  console.log(
    table(
      ['style', 'ns per edge update', 'relative to locals'],
      rows.map((r) => [r.style, r.nsPerUpdate.toFixed(1), r.relative.toFixed(2)]),
    ),
  );
  return rows;
}
