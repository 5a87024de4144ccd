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

/**
 * How many times a thread reads a control slot before it sleeps on it
 * (Atomics.wait). A shared step is followed by the next within microseconds
 * as a rule, and waking a sleeping thread costs tens of microseconds on this
 * machine, paid at every step by the thread that slept; a few microseconds
 * of reading first usually see the change. Only when the other side is busy
 * for longer (the main thread's serial work between steps) does it sleep.
 */
export const SPINS = 20000;

/** Wait until control[slot] is no longer `value`: read it up to SPINS times, then sleep on it. */
export function waitWhile(control: Int32Array, slot: number, value: number): void {
  for (let k = 0; k < SPINS; k++) if (Atomics.load(control, slot) !== value) return;
  Atomics.wait(control, slot, value);
}

export const COMMAND = { meet: 1, rebind: 2, stop: 3, knowledge: 4, relationships: 5, lencioni: 6, improvement: 7, practice: 8, resets: 9 } as const;
