/**
 * The bench: the main run (A) and, in the what-if view, a copy (B) built
 * from the same setup and seed that differs in one setting. The room's
 * controls act on both the same way (except the setting that differs).
 *
 * Platform-free: the Web Worker runs it, and so do the Node tests.
 */
import { encodeHash } from './hash.ts';
import type { WhatIf } from './protocol.ts';
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

  setWhatIf(w: WhatIf | null): void {
    this.load(this.fresh(), w);
  }

  hash(): string {
    return encodeHash(this.a.setup, this.preset(this.a.setup.preset), this.ui);
  }
}

/** Copy B of a what-if: the same setup with one setting changed. */
export function variantSetup(setup: Setup, w: WhatIf): Setup {
  const v = clone(setup);
  if (isSettingKey(w.key)) v.settings[w.key] = Number(w.value);
  else if (isPracticeKey(w.key)) v.practices[w.key] = Boolean(w.value);
  return v;
}
