/**
 * The bench: the main run (A) and, in the what-if view, a copy (B) built
 * from the same setup and seed that differs in one setting. The room's
 * controls act on both the same way (except the setting that differs).
 *
 * Platform-free: the Web Worker runs it, and so do the Node tests.
 */
import { quantileSorted } from 'simple-statistics';
import { encodeHash } from './hash.ts';
import type { SeedBand, WhatIf } from './protocol.ts';
import type { Preset } from './scenario-file.ts';
import { Session } from './session.ts';
import { clone, defaultSetup } from './setup.ts';
import { isPracticeKey, isSettingKey, type PracticeKey, type RoomEventKind, type SettingKey, type Setup, type UiPrefs } from './settings.ts';

export class Bench {
  a!: Session;
  b: Session | null = null;
  whatIf: WhatIf | null = null;
  ui: UiPrefs = {};

  constructor(readonly presets: Map<string, Preset>) {}

  preset(id: string): Preset {
    const p = this.presets.get(id);
    if (!p) throw new Error(`unknown preset '${id}'`);
    return p;
  }

  /** Build the runs for a setup (and what-if) from tick 0. */
  load(setup: Setup, whatIf: WhatIf | null = this.whatIf): void {
    const preset = this.preset(setup.preset);
    const a = new Session('A', preset, { ...setup, events: setup.events });
    this.a = a;
    this.whatIf = whatIf;
    this.b = whatIf ? new Session('B', preset, variantSetup(setup, whatIf)) : null;
  }

  sessions(): Session[] {
    return this.b ? [this.a, this.b] : [this.a];
  }

  get tick(): number {
    return this.a.tick;
  }

  /** Whether the runs have reached their horizon (the scenario's years, or as extended). */
  get atEnd(): boolean {
    return this.a.atEnd;
  }

  /** Move the horizon on by the scenario's length. */
  extend(): void {
    for (const s of this.sessions()) s.extend();
  }

  step(): boolean {
    let moved = false;
    for (const s of this.sessions()) moved = s.step() || moved;
    return moved;
  }

  /** Rebuild from tick 0 with the settings in force now; the room's events are cleared. */
  setupAgain(): void {
    this.load(this.fresh());
  }

  /** The setup with the settings in force now as starting values, and no events. */
  fresh(): Setup {
    return { ...this.a.setup, settings: { ...this.a.current.settings }, practices: { ...this.a.current.practices }, events: [] };
  }

  /** Back to the preset's own settings. */
  reset(): void {
    this.load(defaultSetup(this.preset(this.a.setup.preset)));
  }

  reseed(seed: number): void {
    this.load({ ...this.fresh(), seed: seed >>> 0 });
  }

  /** Change a slider: before the start it rebuilds the runs (so a file or link reproduces them); later it acts live. */
  set(key: SettingKey, value: number): void {
    if (this.tick === 0) {
      const setup = { ...this.a.setup, settings: { ...this.a.setup.settings, [key]: value } };
      this.load(setup);
      return;
    }
    this.a.setLive(key, value);
    if (this.b && this.whatIf?.key !== key) this.b.setLive(key, value);
  }

  practice(key: PracticeKey, on: boolean): void {
    if (this.tick === 0) {
      this.load({ ...this.a.setup, practices: { ...this.a.setup.practices, [key]: on } });
      return;
    }
    this.a.setLive(key, on);
    if (this.b && this.whatIf?.key !== key) this.b.setLive(key, on);
  }

  teamSize(n: number): void {
    this.load({ ...this.fresh(), teamSize: n });
  }

  fire(kind: RoomEventKind, school: number | undefined): string | null {
    let err: string | null = null;
    for (const s of this.sessions()) err = s.fire(kind, school) ?? err;
    return err;
  }

  /**
   * The what-if's effect over several seeds: copies A and B rebuilt from the start with the
   * setup as chosen (room events included) and seeds seed, seed + 1, ..., run to the horizon;
   * per row the 10th, 50th and 90th percentile over seeds of B minus A.
   */
  seedBand(metrics: readonly string[], seeds: number): SeedBand | null {
    const w = this.whatIf;
    if (!w) return null;
    const setup = this.a.setup;
    const preset = this.preset(setup.preset);
    const runs = Array.from({ length: seeds }, (_, k) => {
      const s: Setup = { ...clone(setup), seed: (setup.seed + k) >>> 0 };
      return [new Session('A', preset, s), new Session('B', preset, variantSetup(s, w))].map(toHorizon);
    });
    const rows = Math.min(...runs.flat().map((r) => r.rows));
    const tpy = this.a.scenario.ticksPerYear;
    const band: SeedBand = { metrics: [...metrics], seeds, years: Array.from({ length: rows }, (_, t) => t / tpy), p10: [], p50: [], p90: [] };
    for (const m of metrics) {
      const lo: number[] = [];
      const mid: number[] = [];
      const hi: number[] = [];
      for (let t = 0; t < rows; t++) {
        const d = runs
          .map(([a, b]) => b.at(m, t) - a.at(m, t))
          .filter(Number.isFinite)
          .sort((x, y) => x - y);
        lo.push(quantileOf(d, 0.1));
        mid.push(quantileOf(d, 0.5));
        hi.push(quantileOf(d, 0.9));
      }
      band.p10.push(lo);
      band.p50.push(mid);
      band.p90.push(hi);
    }
    return band;
  }

  setWhatIf(w: WhatIf | null): void {
    this.load(this.fresh(), w);
  }

  hash(): string {
    return encodeHash(this.a.setup, this.preset(this.a.setup.preset), this.ui);
  }
}

/** A session run to its scenario's horizon, read by metric and row. */
function toHorizon(s: Session): { rows: number; at: (metric: string, row: number) => number } {
  while (s.step()) {
    // run on
  }
  const ser = s.series();
  const nk = ser.keys.length;
  const col = new Map(ser.keys.map((k, i) => [`${k.metric}@${k.level}`, i]));
  return {
    rows: ser.rows,
    at: (metric, row) => {
      const k = col.get(`${metric}@all`);
      return k === undefined ? NaN : ser.values[row * nk + k];
    },
  };
}

/** Quantile of sorted values (NaN when empty). */
function quantileOf(sorted: readonly number[], q: number): number {
  return sorted.length ? quantileSorted(sorted, q) : NaN;
}

/** Copy B of a what-if: the same setup with one setting changed. */
export function variantSetup(setup: Setup, w: WhatIf): Setup {
  const v = clone(setup);
  if (isSettingKey(w.key)) v.settings[w.key] = Number(w.value);
  else if (isPracticeKey(w.key)) v.practices[w.key] = Boolean(w.value);
  return v;
}
