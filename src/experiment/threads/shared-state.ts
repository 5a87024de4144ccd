/**
 * Moving the arrays a shared rule works on into shared memory. The model
 * allocates ordinary typed arrays (and new ones whenever the structure is
 * rebuilt); before threads share a rule's work, each array it needs is
 * copied once into a SharedArrayBuffer and put back in the state in place of
 * the original, so the model and the threads then read and write the same memory.
 */
import type { ModelState } from '../../model/core/state.ts';
import { MEETING_ARRAYS, type MeetingState } from '../../model/mechanisms/trust/meetings.ts';

type TypedArray = Int32Array | Uint32Array | Uint8Array | Uint16Array | Float32Array | Float64Array;
type TypedArrayConstructor = new (buffer: SharedArrayBuffer) => TypedArray;

function shared(a: TypedArray): TypedArray {
  const Ctor = a.constructor as TypedArrayConstructor;
  const copy = new Ctor(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/** Put every array of MEETING_ARRAYS in shared memory; true when any was moved (the threads must be told). */
export function shareMeetingArrays(state: ModelState): boolean {
  let moved = false;
  for (const part of Object.keys(MEETING_ARRAYS) as (keyof typeof MEETING_ARRAYS)[]) {
    const holder = state[part] as unknown as Record<string, TypedArray>;
    for (const name of MEETING_ARRAYS[part]) {
      const a = holder[name];
      if (!(a.buffer instanceof SharedArrayBuffer)) {
        holder[name] = shared(a);
        moved = true;
      }
    }
  }
  return moved;
}

/** The meeting kernel's view of the state: the shared arrays only (what is posted to the threads). */
export function meetingView(state: ModelState): MeetingState {
  const view = {} as Record<string, Record<string, TypedArray>>;
  for (const part of Object.keys(MEETING_ARRAYS) as (keyof typeof MEETING_ARRAYS)[]) {
    const holder = state[part] as unknown as Record<string, TypedArray>;
    view[part] = {};
    for (const name of MEETING_ARRAYS[part]) view[part][name] = holder[name];
  }
  return view as unknown as MeetingState;
}
