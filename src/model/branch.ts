/**
 * Branching from a saved state (docs/branching.md): which scenarios may
 * continue a saved run, and the parameters the continued run starts with.
 *
 * A saved state already holds the population, the groups, the relationships
 * and everything drawn at setup, so a scenario continuing it must describe
 * the same population: every key must match the saved run's except those in
 * BRANCH_FREE_KEYS, which act during the run and so take effect from the
 * saved year on (policy and behaviour parameters, the horizon, the words).
 * Timeline events up to the saved tick must be exactly those the saved run
 * applied (same events, same order); events after it may be anything.
 */
import { canonicalJson } from '../common/json.ts';
import { eventTick } from './events.ts';
import type { Scenario, TimelineEvent } from './schema.ts';

/**
 * Keys a continuing scenario may set differently (a key and everything under
 * it), less BRANCH_FIXED_KEYS. Each is read while the model runs (or by the
 * per-tick conversion, which a continued run redoes from its own parameters),
 * and never stored in the state at setup; a test checks that each is read.
 * A key not listed here must match: refusing a branch is better than
 * silently ignoring a change the saved state already made irrelevant.
 */
export const BRANCH_FREE_KEYS = [
  '$schema',
  'name',
  'question',
  'description',
  'answer',
  'seed',
  'years',
  'model',
  'turnover',
  'leaders',
  'partnerships.peerReview.followUp',
  'partnerships.peerReview.reviewersPerVisit',
  'mats.closedHubBarrier',
  'mats.closedWithdrawal',
  'mats.clusterSize',
  'mats.cpdlGain',
  'mats.formalRoles',
  'mats.leadershipMeetingsPerYear',
  'mats.maxSize',
  'mats.nonLocalMeetingFactor',
  'mats.strongSize',
  'hubs.allianceMeetingsPerYear',
  'hubs.capacityShare',
  'hubs.carryTrust',
  'hubs.cpdGain',
  'hubs.designationFloor',
  'hubs.distanceDecayKm',
  'hubs.engagementMax',
  'hubs.networkCarry',
  'hubs.workGroupMeetingsPerYear',
  'hubs.workGroupSize',
  'competition.rollsSensitivity',
  'competition.stanceRate',
  'competition.stanceSensitivity',
  'competition.trustPenalty',
  'spanners.boardMeetingsPerYear',
  'spanners.extraGroups',
  'spanners.successionChance',
] as const;

/** Keys under a free key that must still match: read only at setup, or fixed into the state the first time they are used. */
export const BRANCH_FIXED_KEYS = [
  // Which schools use the practice at the start.
  'model.practice.seedShare',
] as const;

/**
 * Scenario keys a timeline event writes in the run's working copy of its
 * parameters. A continued run keeps the values these keys had at the saved
 * tick (the events that wrote them applied in its history too); a saved run
 * whose working copy changed anywhere else is refused as a programming error.
 */
export const EVENT_SCENARIO_WRITES: Partial<Record<TimelineEvent['event'], readonly string[]>> = {
  leaderRate: ['turnover.leaderRate'],
};

/** One way a scenario cannot continue a saved run. */
export interface BranchIssue {
  /** Scenario key path (`schools.count`, `timeline`, `years`). */
  path: string;
  message: string;
}

function under(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);
}

/** Whether a branch may change the key at `path` (dot path, `[i]` for array items). */
export function branchMayChange(path: string): boolean {
  if (BRANCH_FIXED_KEYS.some((p) => under(path, p))) return false;
  return BRANCH_FREE_KEYS.some((p) => under(path, p));
}

function isPlain(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Paths of the leaves where a and b differ (an array of another length differs as a whole). */
export function differingPaths(a: unknown, b: unknown, path = '', out: string[] = []): string[] {
  if (isPlain(a) && isPlain(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) differingPaths(a[k], b[k], path ? `${path}.${k}` : k, out);
  } else if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (let i = 0; i < a.length; i++) differingPaths(a[i], b[i], `${path}[${i}]`, out);
  } else if (!same(a, b)) out.push(path);
  return out;
}

function valueAt(root: unknown, path: string): unknown {
  let v: unknown = root;
  for (const part of path.split(/\.|\[|\]\.?/).filter(Boolean)) v = isPlain(v) || Array.isArray(v) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

function setAt(root: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let o = root;
  for (const p of parts.slice(0, -1)) o = o[p] as Record<string, unknown>;
  o[parts[parts.length - 1]] = structuredClone(value);
}

function show(v: unknown): string {
  const s = v === undefined ? 'not set' : JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

/** The timeline events applied up to and including `tick`, in the order they applied. */
export function appliedEvents(s: Scenario, tick: number): TimelineEvent[] {
  const tpy = s.ticksPerYear;
  return s.timeline
    .map((ev, i) => ({ ev, i, t: eventTick(ev, tpy) }))
    .filter((x) => x.t <= tick)
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.ev);
}

function timelineIssue(saved: Scenario, given: Scenario, tick: number): BranchIssue | undefined {
  const a = appliedEvents(saved, tick);
  const b = appliedEvents(given, tick);
  const year = tick / saved.ticksPerYear;
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (i < a.length && i < b.length && same(a[i], b[i])) continue;
    const here = i < b.length ? show(b[i]) : 'none';
    const there = i < a.length ? show(a[i]) : 'none';
    return {
      path: 'timeline',
      message: `the events up to the saved year ${year} must be those the saved run applied: event ${i + 1} up to then is ${here} here and ${there} in the saved run (put a branch's events after year ${year})`,
    };
  }
  return undefined;
}

/**
 * Why `given` cannot continue a run of `saved` saved at `tick` and run to
 * `ticks` (empty when it can): every key outside the free list must match,
 * the timeline must agree up to the saved tick, and the run must reach it.
 */
export function branchIssues(saved: Scenario, given: Scenario, tick: number, ticks: number): BranchIssue[] {
  const issues: BranchIssue[] = [];
  const rest = (s: Scenario) => ({ ...s, timeline: undefined });
  for (const path of differingPaths(rest(saved), rest(given))) {
    if (branchMayChange(path)) continue;
    issues.push({
      path,
      message: `${path} is ${show(valueAt(given, path))} here but ${show(valueAt(saved, path))} in the saved run: a branch must describe the same population and set-up (docs/branching.md lists the keys it may change)`,
    });
  }
  const t = timelineIssue(saved, given, tick);
  if (t) issues.push(t);
  if (ticks < tick)
    issues.push({
      path: 'years',
      message: `the run would end at year ${ticks / given.ticksPerYear}, before the saved year ${tick / saved.ticksPerYear}`,
    });
  return issues;
}

/**
 * The working copy of parameters a continued run starts with: `given`, with
 * the keys that the events applied up to `tick` wrote set to their values in
 * the saved run's working copy. Throws if the saved working copy changed
 * anywhere else (a handler writing the parameters without being listed in
 * EVENT_SCENARIO_WRITES): continuing would silently lose that change.
 */
export function branchScenario(saved: { scenario: Scenario; working: Scenario }, given: Scenario, tick: number): Scenario {
  const written = new Set(appliedEvents(saved.scenario, tick).flatMap((ev) => EVENT_SCENARIO_WRITES[ev.event] ?? []));
  const stray = differingPaths(saved.scenario, saved.working).filter((p) => !written.has(p));
  if (stray.length) throw new Error(`the saved run's parameters changed at ${stray.join(', ')}, which no event is known to write (EVENT_SCENARIO_WRITES)`);
  const out = structuredClone(given);
  for (const p of written) setAt(out, p, valueAt(saved.working, p));
  return out;
}
