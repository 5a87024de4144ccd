/** Memory layout at setup: co-members of a partnership get neighbouring ids. */
import type { GroupSpec } from '../core/group-spec.ts';
import type { ModelState } from '../core/state.ts';

/**
 * Renumber schools and their heads in the order the partnerships list them
 * (partnerships follow a spatial path, so this is also a spatial order),
 * schools outside any partnership last in their old order, and rewrite the
 * specs to match. Co-members then have neighbouring ids and their
 * relationships neighbouring edge indices, which keeps the meeting kernel's
 * reads within a few cache lines (national scale: about 1.5x faster). Only
 * generated schools are renumbered: their names follow their new index.
 * School i keeps head slot i.
 */
export function renumberSchools(state: ModelState, specs: GroupSpec[]): void {
  const S = state.schools;
  const L = state.leaders;
  const n = S.n;
  const newId = new Int32Array(n).fill(-1);
  let next = 0;
  for (const g of specs)
    for (const l of g.members) {
      const sch = L.school[l];
      if (newId[sch] < 0) newId[sch] = next++;
    }
  if (next === 0) return;
  for (let i = 0; i < n; i++) if (newId[i] < 0) newId[i] = next++;
  let identity = true;
  for (let i = 0; i < n && identity; i++) identity = newId[i] === i;
  if (identity) return;
  const tpy = state.ticksPerYear;
  // Garbage made at setup stays in the process's peak memory (the tick loop allocates nothing, so starts no
  // collection), hence no copy per array: an array of doubles has its rows moved where it is, and any other
  // array (whatever its type, its values are exact as doubles) through one scratch array of a double per school,
  // copied in and out by the built-in `set`. Rows are moved as doubles only: one loop indexing arrays of a dozen
  // element types was a twentieth of a 70-school run.
  let scratch = new Float64Array(n);
  const done = new Uint8Array(n);
  const permute = (part: Record<string, unknown>) => {
    for (const key of Object.keys(part)) {
      const a = part[key];
      if (!ArrayBuffer.isView(a) || a instanceof DataView) continue;
      const length = (a as Float64Array).length;
      if (length !== n && length !== n * tpy) throw new Error(`renumberSchools: unexpected length of ${key}`);
      done.fill(0);
      if (a instanceof Float64Array) {
        moveRowsInPlace(a, newId, done, length / n);
        continue;
      }
      if (scratch.length < length) scratch = new Float64Array(length);
      const rows = scratch.subarray(0, length);
      rows.set(a as unknown as Float64Array);
      moveRowsInPlace(rows, newId, done, length / n);
      (a as unknown as Float64Array).set(rows);
    }
  };
  permute(S as unknown as Record<string, unknown>);
  permute(L as unknown as Record<string, unknown>);
  // School i has head slot i, before and after. Names follow the index, so a generated school's name (and its
  // head's) is already the one its new index gives (build-state.ts): not made again, which was 40,000 strings
  // of garbage at national scale.
  for (let i = 0; i < n; i++) {
    S.leader[i] = i;
    L.school[i] = i;
  }
  for (const g of specs) for (let k = 0; k < g.members.length; k++) g.members[k] = newId[g.members[k]];
}

/**
 * Row i of `rows` (`width` values each) to row newId[i], in place: each cycle
 * of the permutation is followed from its first row, carrying one row at a
 * time (`done` marks the rows already placed; all 0 on entry).
 */
function moveRowsInPlace(rows: Float64Array, newId: Int32Array, done: Uint8Array, width: number): void {
  const n = newId.length;
  const carried = new Float64Array(width);
  for (let s = 0; s < n; s++) {
    if (done[s]) continue;
    for (let c = 0; c < width; c++) carried[c] = rows[s * width + c];
    for (let k = newId[s]; !done[k]; k = newId[k]) {
      for (let c = 0; c < width; c++) {
        const next = rows[k * width + c];
        rows[k * width + c] = carried[c];
        carried[c] = next;
      }
      done[k] = 1;
    }
  }
}
