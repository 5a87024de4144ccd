/**
 * What the room can change: the concept sliders, the structural practices
 * and the event buttons (their keys, labels, ranges and sources), the setup
 * those choices make, and small type guards over the keys.
 *
 * Platform-free: used by the Web Worker, the UI and the Node tests.
 */
/** The concept sliders. Each value is a level on the scenario's own scale. */
export const SETTING_KEYS = ['openness', 'candour', 'propensityToTrust', 'leaderRate', 'meetingsPerYear', 'competition', 'matOpenness'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export const PRACTICE_KEYS = ['codeOfConduct', 'partnershipLead', 'informalTime', 'writtenRoles'] as const;
export type PracticeKey = (typeof PRACTICE_KEYS)[number];

export type Settings = Record<SettingKey, number>;
export type PracticeFlags = Record<PracticeKey, boolean>;

export interface SettingDef {
  key: SettingKey;
  label: string;
  min: number;
  max: number;
  step: number;
  /** Tooltip: the concept and where it comes from. */
  concept: string;
  source: string;
  /** How a value reads aloud (aria-valuetext) and on screen. */
  format: (v: number) => string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const level = (v: number) => {
  const word = v < 0.2 ? 'very low' : v < 0.4 ? 'low' : v < 0.6 ? 'middling' : v < 0.8 ? 'high' : 'very high';
  return `${v.toFixed(2)} (${word})`;
};

export const SETTINGS: readonly SettingDef[] = [
  {
    key: 'openness',
    label: 'Openness to vulnerability',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'How readily heads admit a weakness and ask partners for help. Met with support, it builds regard and respect: vulnerability-based trust.',
    source: 'Lencioni, The Five Dysfunctions of a Team (absence of trust); seed 001.',
    format: level,
  },
  {
    key: 'candour',
    label: 'Candour (will to challenge)',
    min: 0,
    max: 1,
    step: 0.05,
    concept:
      'The skill and will to challenge a peer: the move from friends to critical friends. Challenge that lands on trust raises competence; without trust it is taken as an attack.',
    source: 'Seed 001 ("from friends to critical friends"); Lencioni (fear of conflict).',
    format: level,
  },
  {
    key: 'propensityToTrust',
    label: 'Propensity to trust',
    min: 0,
    max: 1,
    step: 0.05,
    concept: 'How much trust a head extends to someone they have not yet worked with. Sets where a new relationship starts.',
    source: 'Bryk & Schneider, Trust in Schools (relational trust); seed 001.',
    format: level,
  },
  {
    key: 'leaderRate',
    label: 'Head turnover (per year)',
    min: 0,
    max: 0.5,
    step: 0.01,
    concept: 'Yearly chance that a head leaves, before stress. Each newcomer starts every relationship again: trust has to be rebuilt.',
    source: 'Seed 001 ("you have to constantly rebuild trust"); Bryk & Schneider.',
    format: (v) => `${pct(v)} a year`,
  },
  {
    key: 'meetingsPerYear',
    label: 'Meetings per year',
    min: 0,
    max: 24,
    step: 1,
    concept:
      'How often the heads meet. Trust is built in repeated interactions: each meeting is a chance to observe respect, regard, competence and integrity.',
    source: 'Bryk & Schneider (trust from repeated social exchange); seed 001 (half-termly meetings).',
    format: (v) => `${Math.round(v)} a year`,
  },
  {
    key: 'competition',
    label: 'Competition (parental choice)',
    min: 0,
    max: 1,
    step: 0.05,
    concept:
      'How freely families choose between schools. Choice and falling rolls set nearby schools against each other: rivals share less and trust each other less.',
    source: 'Seed 003 (EQuaLLS: "increased choice is associated with increased competition between schools"); model brief 3.9.',
    format: level,
  },
  {
    key: 'matOpenness',
    label: 'MAT openness',
    min: 0,
    max: 1,
    step: 0.05,
    concept:
      'Share of multi-academy trusts that are open (their schools engage hubs and other trusts) rather than boundary-keeping (their schools drift out of cross-trust groups and away from hubs).',
    source: 'Seed 003 (EQuaLLS: closed MATs as "boundary keepers").',
    format: pct,
  },
];

export const PRACTICES: readonly { key: PracticeKey; label: string; concept: string; source: string }[] = [
  {
    key: 'codeOfConduct',
    label: 'Code of conduct',
    concept: 'Agreed norms: newcomers are assimilated faster and challenge is less often taken as an attack.',
    source: 'Seed 001 (Thanet and Barnet partnerships).',
  },
  {
    key: 'partnershipLead',
    label: 'Partnership lead',
    concept: 'A named lead keeps meetings happening and makes roles clear, so commitment is easier.',
    source: 'Seed 001 (clear roles); seed 004 (senior champions).',
  },
  {
    key: 'informalTime',
    label: 'Protected informal time',
    concept: 'Time at the start of meetings for informal talk: more chances to show vulnerability and personal regard.',
    source: 'Seed 001 (a Lincolnshire partnership protecting its first 45 minutes).',
  },
  {
    key: 'writtenRoles',
    label: 'Written agreement and roles',
    concept: 'Commitments are written down, so partners see more often whether they are kept (integrity).',
    source: 'Seed 001 (written partnership agreements).',
  },
];

/** Events the room can fire. `school` is needed for the per-head events. */
export const ROOM_EVENTS = ['leaderLeaves', 'inspectionDowngrade', 'hiddenAgenda', 'peerReview', 'turnoverShock', 'matForms'] as const;
export type RoomEventKind = (typeof ROOM_EVENTS)[number];

export const ROOM_EVENT_LABELS: Record<RoomEventKind, { label: string; help: string }> = {
  leaderLeaves: {
    label: 'Head leaves, newcomer arrives',
    help: 'The selected head leaves; a newcomer with fresh traits takes over and every relationship restarts.',
  },
  inspectionDowngrade: {
    label: 'Inspection downgrade',
    help: "The selected school's grade falls: staff trust and partners' view of the head's competence drop.",
  },
  hiddenAgenda: {
    label: 'Hidden agenda comes out',
    help: "Partners find the selected head was pursuing a hidden agenda: their view of that head's integrity collapses.",
  },
  peerReview: {
    label: 'Peer review starts',
    help: 'The partnership starts the annual peer-review cycle: self-review, review visit, improvement workshop, 90-day follow-up.',
  },
  turnoverShock: { label: 'Many heads leave', help: 'A turnover shock: a quarter of the heads leave at once.' },
  matForms: {
    label: 'A MAT forms or grows',
    help: 'Consolidation: a share of the schools not yet in a strong trust join one this year (the nearest trust with room, or a new one). Closed trusts pull their schools out of cross-trust groups.',
  },
};

/**
 * One thing the room did during a run that a scenario timeline can say:
 * an event button, or a change of a setting that has a timeline event
 * (`kind: 'set'`: turnover, practices, competition, MAT openness).
 */
export interface RoomEvent {
  kind: RoomEventKind | 'set';
  /** Applied before this tick is simulated (1 = before the first tick). */
  tick: number;
  /** School name, or index when names repeat. */
  school?: string | number;
  /** For `set`: the setting, its new value and the value before. */
  key?: SettingKey | PracticeKey;
  value?: number | boolean;
  from?: number | boolean;
  /** Extra fields of the timeline event (e.g. a consolidation's rate and target). */
  args?: Record<string, number | string | boolean>;
}

/** Settings whose change during a run is a scenario timeline event (so a file reproduces it). */
export const EVENT_SETTINGS: readonly (SettingKey | PracticeKey)[] = ['leaderRate', 'competition', 'matOpenness', ...PRACTICE_KEYS];

export interface Setup {
  /** Preset id (the scenario file's stem), or `file:<name>` for a scenario loaded from disk. */
  preset: string;
  seed: number;
  /** Team mode: number of heads (3..8). */
  teamSize?: number;
  settings: Settings;
  practices: PracticeFlags;
  events: RoomEvent[];
}

export interface UiPrefs {
  mode?: 'team' | 'locality' | 'whatif';
  large?: boolean;
}

/** Whether a key names a structural practice (rather than a slider). */
export function isPracticeKey(k: string): k is PracticeKey {
  return (PRACTICE_KEYS as readonly string[]).includes(k);
}

/** Whether a key names a concept slider. */
export function isSettingKey(k: string): k is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(k);
}

/** Room events that act on one selected head. */
export function needsSchool(kind: RoomEventKind): boolean {
  return kind === 'leaderLeaves' || kind === 'inspectionDowngrade' || kind === 'hiddenAgenda';
}
