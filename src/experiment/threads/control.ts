/**
 * The control block a team's threads share (an Int32Array over a
 * SharedArrayBuffer) and the commands the main thread gives through it.
 * The main thread writes the command, clears DONE, bumps GEN and wakes the
 * threads; each thread does its part, adds one to DONE and wakes the main
 * thread. Atomics order every plain write before the bump and after it.
 * A shared step's work is claimed chunk by chunk (NEXT, claim).
 */
export const GEN = 0;
export const CMD = 1;
export const ROUND = 2;
export const DONE = 3;
export const READY = 4;
export const FAILED = 5;
/** The next chunk of a shared step to be claimed (see CLAIMS_PER_THREAD). */
export const NEXT = 6;
export const CONTROL_SLOTS = 8;

/**
 * A shared step is cut into this many chunks per thread, and each thread,
 * the main one included, claims the next chunk (Atomics.add on NEXT) until
 * none is left. A thread that runs slower (a busy core) takes fewer chunks,
 * so the others wait for it at most one chunk. Every chunk writes its own
 * schools', heads' or groups' results (or its own sums, added in chunk
 * order), so which thread takes which chunk changes nothing in the results.
 */
export const CLAIMS_PER_THREAD = 8;

/** The next chunk for this thread, or a number >= chunks when none is left. */
export function claim(control: Int32Array): number {
  return Atomics.add(control, NEXT, 1);
}

export const COMMAND = { meet: 1, rebind: 2, stop: 3, knowledge: 4, relationships: 5, lencioni: 6, improvement: 7, practice: 8, resets: 9 } as const;
