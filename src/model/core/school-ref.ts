/** Schools named in timeline events: by name or by index. */
import type { ModelState } from './state.ts';

/** Resolve a school given by name or index; throws a clear error for an unknown school. */
export function schoolIndex(state: ModelState, ref: string | number): number {
  const S = state.schools;
  if (typeof ref === 'number') {
    if (ref >= S.n) throw new Error(`timeline: school index ${ref} is out of range (the scenario has ${S.n} schools, 0..${S.n - 1})`);
    return ref;
  }
  const i = S.names.indexOf(ref);
  if (i < 0) throw new Error(`timeline: no school named '${ref}'`);
  return i;
}
