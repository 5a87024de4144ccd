/**
 * Cross-references inside a scenario that the per-key schema cannot see:
 * a timeline event that names a school must name one the scenario has (by
 * name, or by index below the number of schools), and every event must
 * fall inside the run (an event after the last tick would silently never
 * happen). Checked when the file is
 * validated, so `validate` reports it with its position instead of the run
 * failing at that year.
 */
import type { z } from 'zod';
import { localitySchoolCount, type SchoolCountInput } from './mechanisms/locality/presets.ts';

interface TimelineInput extends SchoolCountInput {
  schools: { count: number; named?: { name: string }[] };
  years: number;
  ticksPerYear: number;
  timeline: { event: string; year: number; school?: string | number }[];
}

/** The names of the scenario's schools: as listed in `schools.named`, or School 1 .. School n. */
function schoolNames(s: TimelineInput): { n: number; names: Set<string>; describe: string } {
  const named = s.schools.named;
  if (named && named.length >= 2) {
    return { n: named.length, names: new Set(named.map((x) => x.name)), describe: `the names listed in schools.named` };
  }
  const n = localitySchoolCount(s);
  const names = new Set<string>();
  for (let i = 1; i <= n; i++) names.add(`School ${i}`);
  return { n, names, describe: `School 1 .. School ${n}` };
}

/** Report every timeline event whose `school` the scenario does not have. */
export function checkTimelineSchools(s: TimelineInput, ctx: z.RefinementCtx): void {
  if (!s.timeline.some((ev) => ev.school !== undefined)) return;
  const { n, names, describe } = schoolNames(s);
  s.timeline.forEach((ev, i) => {
    const ref = ev.school;
    if (ref === undefined) return;
    if (typeof ref === 'number' && ref >= n) {
      ctx.addIssue({
        code: 'custom',
        path: ['timeline', i, 'school'],
        message: `school index ${ref} is out of range: the scenario has ${n} schools (0..${n - 1})`,
      });
    } else if (typeof ref === 'string' && !names.has(ref)) {
      ctx.addIssue({ code: 'custom', path: ['timeline', i, 'school'], message: `no school named '${ref}': the scenario's schools are ${describe}` });
    }
  });
}

/** Report every timeline event scheduled after the run's last tick (the same rounding as events.ts and simulate.ts). */
export function checkTimelineHorizon(s: TimelineInput, ctx: z.RefinementCtx): void {
  const lastTick = Math.max(1, Math.round(s.years * s.ticksPerYear));
  s.timeline.forEach((ev, i) => {
    if (Math.max(1, Math.round(ev.year * s.ticksPerYear)) <= lastTick) return;
    ctx.addIssue({
      code: 'custom',
      path: ['timeline', i, 'year'],
      message: `event '${ev.event}' in year ${ev.year} is after the end of the run (years: ${s.years}): it would never happen`,
    });
  });
}

/** Every cross-reference check on the timeline. */
export function checkTimeline(s: TimelineInput, ctx: z.RefinementCtx): void {
  checkTimelineSchools(s, ctx);
  checkTimelineHorizon(s, ctx);
}
