/**
 * The control block a team's threads share (an Int32Array over a
 * SharedArrayBuffer) and the commands the main thread gives through it.
 * The main thread writes the command, clears DONE, bumps GEN and wakes the
 * threads; each thread does its part, adds one to DONE and wakes the main
 * thread. Atomics order every plain write before the bump and after it.
 */
export const GEN = 0;
export const CMD = 1;
export const ROUND = 2;
export const DONE = 3;
export const READY = 4;
export const FAILED = 5;
export const CONTROL_SLOTS = 8;

export const COMMAND = { meet: 1, rebind: 2, stop: 3, knowledge: 4, relationships: 5, lencioni: 6, improvement: 7, practice: 8 } as const;
