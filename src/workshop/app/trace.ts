/**
 * The workshop's interaction trace: who kept or broke a commitment, who
 * admitted a weakness to whom, who challenged whom, and how it landed, in
 * the last tick. The live session sets `model.ctx.trace` to a buffer's sink
 * (the model's meetings mechanism reports each interaction to it); the narrator
 * reads the buffer for the event log, and the snapshot carries it to the page.
 *
 * The sink only writes to the buffer: it draws nothing from the model's
 * random streams and changes no state, so a traced run follows the same
 * trajectory as `collabsim run` (tests check it). Every interaction is
 * counted; the details of at most `cap` of them per tick are kept: all of
 * them in a team, a uniform sample in a locality (reservoir sampling with the
 * buffer's own generator, seeded by the tick, so the same run keeps the same
 * sample).
 */
import { TRACE, type TraceSink } from './model-api.ts';

export { TRACE };

/** One traced interaction. Leader slots: `actor` did it to `target`, in group `group`. */
export interface TraceEvent {
  kind: number;
  actor: number;
  target: number;
  ok: boolean;
  group: number;
}

/** A tick's trace as it travels to the page. */
export interface PackedTrace {
  /** The tick the interactions happened in (0: none yet). */
  tick: number;
  /** Every interaction counted: [kind * 2 + (ok ? 1 : 0)] for kinds 1..3 (8 entries, 0 and 1 unused). */
  counts: Uint32Array;
  /** Details of the kept interactions, in the order they happened: 5 per event (kind, actor, target, ok, group). */
  events: Int32Array;
}

/** Details kept per tick in a team (far more than a team of eight heads produces) and in a locality. */
export const TEAM_DETAIL_CAP = 2048;
export const LOCALITY_DETAIL_CAP = 20;

const STRIDE = 6; // seq, kind, actor, target, ok, group

export class TraceBuffer {
  /** [kind * 2 + ok]: every interaction of the tick, counted. */
  readonly counts = new Uint32Array(8);
  tick = 0;
  /** Interactions reported this tick (kept or not). */
  total = 0;
  /** Details kept (at most cap). */
  n = 0;
  private readonly data: Int32Array;
  private rng = 1;

  /** The function the model calls (set it as `model.ctx.trace`). */
  readonly sink: TraceSink;

  constructor(readonly cap: number) {
    this.data = new Int32Array(cap * STRIDE);
    this.sink = (kind, actor, target, ok, group) => {
      this.counts[kind * 2 + (ok ? 1 : 0)]++;
      const seq = this.total++;
      let slot = this.n;
      if (slot >= this.cap) {
        // Reservoir sampling: keep each of the `total` events with equal chance.
        slot = this.next() % (seq + 1);
        if (slot >= this.cap) return;
      } else this.n++;
      const o = slot * STRIDE;
      const d = this.data;
      d[o] = seq;
      d[o + 1] = kind;
      d[o + 2] = actor;
      d[o + 3] = target;
      d[o + 4] = ok ? 1 : 0;
      d[o + 5] = group;
    };
  }

  /** Empty the buffer before tick `tick` runs. */
  clear(tick: number): void {
    this.tick = tick;
    this.counts.fill(0);
    this.total = 0;
    this.n = 0;
    this.rng = (Math.imul(tick, 0x9e3779b1) ^ 0x5bd1e995) >>> 0 || 1;
  }

  /** The buffer's own generator (xorshift32): never the model's streams. */
  private next(): number {
    let x = this.rng;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.rng = x >>> 0;
    return this.rng;
  }

  /** How many interactions of a kind were reported this tick, with the given outcome (or either). */
  count(kind: number, ok?: boolean): number {
    if (ok === undefined) return this.counts[kind * 2] + this.counts[kind * 2 + 1];
    return this.counts[kind * 2 + (ok ? 1 : 0)];
  }

  /** The kept details, in the order they happened. */
  events(): TraceEvent[] {
    const d = this.data;
    const idx = Array.from({ length: this.n }, (_, k) => k).sort((a, b) => d[a * STRIDE] - d[b * STRIDE]);
    return idx.map((k) => {
      const o = k * STRIDE;
      return { kind: d[o + 1], actor: d[o + 2], target: d[o + 3], ok: d[o + 4] === 1, group: d[o + 5] };
    });
  }

  /** A copy for the page (typed arrays, transferable). */
  pack(): PackedTrace {
    const ev = this.events();
    const events = new Int32Array(ev.length * 5);
    ev.forEach((e, k) => events.set([e.kind, e.actor, e.target, e.ok ? 1 : 0, e.group], k * 5));
    return { tick: this.tick, counts: this.counts.slice(), events };
  }
}

/** The events of a packed trace. */
export function unpackTrace(t: PackedTrace): TraceEvent[] {
  const out: TraceEvent[] = [];
  for (let o = 0; o + 4 < t.events.length; o += 5)
    out.push({ kind: t.events[o], actor: t.events[o + 1], target: t.events[o + 2], ok: t.events[o + 3] === 1, group: t.events[o + 4] });
  return out;
}
