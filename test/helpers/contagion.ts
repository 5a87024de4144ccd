/**
 * A population of heads on a chosen network for the word-of-mouth rule
 * (src/model/mechanisms/practice-spread/practice-spread.ts), run on its own:
 * a clustered lattice (heads on a side x side torus, each tied to its eight
 * surrounding heads: overlapping neighbourhoods, as in a locality) or the
 * same lattice rewired at random by degree-preserving double-edge swaps
 * (every head keeps eight ties, almost no clustering). Every tie carries the
 * same trust. After Centola (2010): complex contagion spreads further and
 * faster on the clustered network.
 */
import type { Ctx } from '../../src/model/core/context.ts';
import { modelStreams } from '../../src/model/core/streams.ts';
import { practiceSpread } from '../../src/model/mechanisms/practice-spread/practice-spread.ts';
import { defaultScenario } from '../../src/api.ts';
import type { ScenarioInput } from '../../src/model/schema.ts';

export interface ContagionSetup {
  /** Side of the torus: side * side heads. */
  side: number;
  rewired: boolean;
  /** Trust on every tie. */
  trust: number;
  /** First adopters: a block of seedSide x seedSide neighbouring heads. */
  seedSide: number;
  years: number;
  ticksPerYear: number;
  practice?: NonNullable<ScenarioInput['model']>['practice'];
}

function gridPairs(side: number): [number, number][] {
  const pairs: [number, number][] = [];
  const id = (x: number, y: number) => ((y + side) % side) * side + ((x + side) % side);
  for (let y = 0; y < side; y++)
    for (let x = 0; x < side; x++)
      for (const [dx, dy] of [
        [1, 0],
        [0, 1],
        [1, 1],
        [1, -1],
      ])
        pairs.push([id(x, y), id(x + dx, y + dy)]);
  return pairs;
}

/** Degree-preserving rewiring: repeated double-edge swaps that create no self-tie and no duplicate. */
function rewire(pairs: [number, number][], n: number, rng: () => number): [number, number][] {
  const key = (a: number, b: number) => (a < b ? a * n + b : b * n + a);
  const have = new Set(pairs.map(([a, b]) => key(a, b)));
  for (let s = 0; s < pairs.length * 20; s++) {
    const p = Math.floor(rng() * pairs.length);
    const q = Math.floor(rng() * pairs.length);
    const [a, b] = pairs[p];
    const [c, d] = pairs[q];
    if (a === d || c === b || a === c || b === d || have.has(key(a, d)) || have.has(key(c, b))) continue;
    have.delete(key(a, b));
    have.delete(key(c, d));
    have.add(key(a, d));
    have.add(key(c, b));
    pairs[p] = [a, d];
    pairs[q] = [c, b];
  }
  return pairs;
}

/** Share of heads using the practice at the end of each year (index 0: the start), for one seed. */
export function spreadCurve(setup: ContagionSetup, seed: number): number[] {
  const { side, trust } = setup;
  const n = side * side;
  const rng = modelStreams(seed);
  let pairs = gridPairs(side);
  if (setup.rewired) pairs = rewire(pairs, n, rng.setup);
  const out: number[][] = Array.from({ length: n }, () => []);
  for (const [a, b] of pairs) {
    out[a].push(b);
    out[b].push(a);
  }
  const outStart = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) outStart[i + 1] = outStart[i] + out[i].length;
  const dst = Int32Array.from(out.flat());
  const rev = new Int32Array(dst.length);
  for (let i = 0; i < n; i++)
    for (let e = outStart[i]; e < outStart[i + 1]; e++) {
      const j = dst[e];
      for (let f = outStart[j]; f < outStart[j + 1]; f++) if (dst[f] === i) rev[e] = f;
    }
  const ident = Int32Array.from({ length: n }, (_, i) => i);
  const adopted = new Uint8Array(n);
  const adoptedTick = new Int32Array(n).fill(-1);
  for (let y = 0; y < setup.seedSide; y++)
    for (let x = 0; x < setup.seedSide; x++) {
      adopted[y * side + x] = 1;
      adoptedTick[y * side + x] = 0;
    }
  const scenario = defaultScenario({ ticksPerYear: setup.ticksPerYear, model: { practice: setup.practice ?? {} } });
  const state = {
    tick: 0,
    ticksPerYear: setup.ticksPerYear,
    schools: { n, leader: ident },
    leaders: { n, school: ident },
    edges: { n: dst.length, outStart, dst, rev, trust: new Float32Array(dst.length).fill(trust) },
    policy: { adopted, adoptedTick, t50Tick: -1 },
  };
  const ctx = { state, scenario, rng } as unknown as Ctx;
  const curve = [(setup.seedSide * setup.seedSide) / n];
  for (let y = 1; y <= setup.years; y++) {
    for (let t = 1; t <= setup.ticksPerYear; t++) {
      state.tick = (y - 1) * setup.ticksPerYear + t;
      practiceSpread(ctx);
    }
    curve.push(adopted.reduce((a, b) => a + b, 0) / n);
  }
  return curve;
}

/** Mean curve over seeds 1..reps. */
export function meanCurve(setup: ContagionSetup, reps: number): number[] {
  const curves = Array.from({ length: reps }, (_, r) => spreadCurve(setup, r + 1));
  return curves[0].map((_, y) => curves.reduce((s, c) => s + c[y], 0) / reps);
}
