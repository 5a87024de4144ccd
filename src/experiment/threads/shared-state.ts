/**
 * Moving the arrays a shared rule works on into shared memory. The model
 * allocates ordinary typed arrays (and new ones whenever the structure is
 * rebuilt); before threads share a rule's work, each array it needs is
 * copied once into a SharedArrayBuffer and put back in the state in place of
 * the original, so the model and the threads then read and write the same memory.
 */
import type { ModelState } from '../../model/core/state.ts';
import { typedArray, type TypedArrayConstructor } from '../../model/core/arrays.ts';

type TypedArray = Int32Array | Uint32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;

/** Array names by part of the state (MEETING_ARRAYS in meetings.ts, KNOWLEDGE_ARRAYS in knowledge.ts). */
export type ArrayLists = Partial<Record<'groups' | 'edges' | 'leaders' | 'schools' | 'policy', readonly string[]>>;

function shared(a: TypedArray): TypedArray {
  const copy = typedArray(a.constructor as TypedArrayConstructor<TypedArray>, a.length, true);
  copy.set(a);
  return copy;
}

/** Put every listed array in shared memory (those already there stay). A part the state lacks (the policy layer, when off) is left out. */
export function shareArrays(state: ModelState, lists: ArrayLists): void {
  for (const [part, names] of Object.entries(lists) as [keyof ArrayLists, readonly string[]][]) {
    const holder = state[part] as unknown as Record<string, TypedArray> | undefined;
    if (!holder) continue;
    for (const name of names) {
      const a = holder[name];
      if (!(a.buffer instanceof SharedArrayBuffer)) holder[name] = shared(a);
    }
  }
}

/** A rule's view of the state: the listed (shared) arrays only, what is posted to the threads. */
export function viewOf<V>(state: ModelState, lists: ArrayLists): V {
  const view = {} as Record<string, Record<string, TypedArray>>;
  for (const [part, names] of Object.entries(lists) as [keyof ArrayLists, readonly string[]][]) {
    const holder = state[part] as unknown as Record<string, TypedArray> | undefined;
    if (!holder) continue;
    view[part] = {};
    for (const name of names) view[part][name] = holder[name];
  }
  return view as V;
}

/**
 * The arrays of some lists as they are in the state now: where each lives
 * and which array it is. `stillBound` then tells, without allocating,
 * whether the state still holds exactly those arrays (a rebuilt structure
 * or a new run puts new ones in place).
 */
export interface BoundArrays {
  holders: Record<string, TypedArray>[];
  names: string[];
  arrays: TypedArray[];
}

export function boundArrays(state: ModelState, lists: readonly ArrayLists[]): BoundArrays {
  const b: BoundArrays = { holders: [], names: [], arrays: [] };
  for (const l of lists)
    for (const [part, names] of Object.entries(l) as [keyof ArrayLists, readonly string[]][]) {
      const holder = state[part] as unknown as Record<string, TypedArray> | undefined;
      if (!holder) continue;
      for (const name of names) {
        b.holders.push(holder);
        b.names.push(name);
        b.arrays.push(holder[name]);
      }
    }
  return b;
}

/** Whether every array of `b` is still the one its holder holds. */
export function stillBound(b: BoundArrays): boolean {
  for (let k = 0; k < b.arrays.length; k++) if (b.holders[k][b.names[k]] !== b.arrays[k]) return false;
  return true;
}
