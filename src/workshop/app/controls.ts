/**
 * Live changes to a running model: what a slider, a toggle or an event
 * button does between two ticks. Each is a small function of the model (its
 * state and its own copy of the scenario), so the main run and the what-if
 * copy change in exactly the same way. Events go through the model's own
 * `applyEvent`, so a live event does what the same event in a scenario's
 * timeline does.
 */
import { applyEvent, PARTNERSHIP_KIND, type SchoolModel, type TimelineEvent } from './model-api.ts';
import type { SettingKey } from './settings.ts';

type LeaderArrays = SchoolModel['state']['leaders'];

type TraitArray = 'openness' | 'candour' | 'propensity' | 'competitiveness';
type TraitDistKey = 'openness' | 'candour' | 'propensityToTrust' | 'competitiveness';

/** Which leader trait array, and which scenario distribution, a trait slider moves. */
const TRAIT_SLIDERS: Partial<Record<SettingKey, { array: TraitArray; dist: TraitDistKey }>> = {
  openness: { array: 'openness', dist: 'openness' },
  candour: { array: 'candour', dist: 'candour' },
  propensityToTrust: { array: 'propensity', dist: 'propensityToTrust' },
  competition: { array: 'competitiveness', dist: 'competitiveness' },
};

/**
 * Unclamped trait values per leader slot, so that moving a slider up and
 * back down returns every head to where they were even if a value was
 * clamped at 0 or 1 on the way. A slot whose head has changed since (a
 * newcomer) starts from the newcomer's drawn value.
 */
export class TraitMemory {
  private readonly raw = new Map<TraitArray, Float64Array>();
  private readonly seen = new Map<TraitArray, Uint16Array>();

  values(L: LeaderArrays, a: TraitArray): Float64Array {
    let raw = this.raw.get(a);
    let seen = this.seen.get(a);
    if (!raw || !seen || raw.length !== L.n) {
      raw = Float64Array.from(L[a]);
      seen = Uint16Array.from(L.changes);
      this.raw.set(a, raw);
      this.seen.set(a, seen);
    }
    for (let i = 0; i < L.n; i++) {
      if (seen[i] !== L.changes[i]) {
        raw[i] = L[a][i];
        seen[i] = L.changes[i];
      }
    }
    return raw;
  }
}

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);

/**
 * Move a trait level: every current head's trait shifts by the change in the
 * level (personas keep their differences), and newcomers are drawn around the
 * new level.
 */
export function setTraitLevel(model: SchoolModel, memory: TraitMemory, key: SettingKey, level: number): void {
  const spec = TRAIT_SLIDERS[key];
  if (!spec) throw new Error(`${key} is not a trait slider`);
  const dist = model.scenario.leaders[spec.dist];
  const delta = level - dist.mean;
  if (delta === 0) return;
  const L = model.state.leaders;
  const raw = memory.values(L, spec.array);
  for (let i = 0; i < L.n; i++) {
    raw[i] += delta;
    L[spec.array][i] = clamp01(raw[i]);
  }
  dist.mean = clamp01(level);
}

/** Meetings per year of every partnership, from now on. */
function setMeetingsPerYear(model: SchoolModel, perYear: number): void {
  const G = model.state.groups;
  for (let g = 0; g < G.n; g++) if (G.kind[g] === PARTNERSHIP_KIND) G.meetingsPerYear[g] = perYear;
  model.scenario.partnerships.meetingsPerYear = perYear;
}

/** The yearly hazard that a head leaves, from now on. */
function setLeaderRate(model: SchoolModel, rate: number): void {
  model.scenario.turnover.leaderRate = rate;
}

/** An event applied now, between the tick just observed and the next one (as if scheduled for the next tick). */
export function applyNow(model: SchoolModel, ev: TimelineEvent): void {
  const st = model.state;
  const was = st.tick;
  // The model applies scheduled events at the start of a tick, with the clock on that tick.
  st.tick = was + 1;
  try {
    applyEvent(model.ctx, ev);
  } finally {
    st.tick = was;
  }
}

/** Apply a live setting change to a model. Returns false for a setting this model cannot change. */
export function applySetting(model: SchoolModel, memory: TraitMemory, key: SettingKey, value: number): boolean {
  if (TRAIT_SLIDERS[key]) {
    setTraitLevel(model, memory, key, value);
    return true;
  }
  if (key === 'meetingsPerYear') {
    setMeetingsPerYear(model, value);
    return true;
  }
  if (key === 'leaderRate') {
    setLeaderRate(model, value);
    return true;
  }
  return false;
}
