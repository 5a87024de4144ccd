/**
 * How often a run records its series (scenario `output.every`): every tick
 * (the default), or once a year. A run recorded once a year has a row at
 * each year's end (and year 0); its flows (heads who left, challenges and
 * their acceptance, review visits, the knowledge flow) are taken over the
 * whole year between two rows, not over the row's last tick. The model is
 * the same either way: only the observer runs less often (docs/ODD.md,
 * "Observation").
 */
import type { z } from 'zod';

interface RecordingInput {
  years: number;
  ticksPerYear: number;
  answer?: { at?: number };
  /** Absent: every tick. */
  output: { every?: 'tick' | 'year' };
}

/** Model ticks between two recorded rows: 1, or the ticks of a year. */
export function ticksPerRow(s: Pick<RecordingInput, 'ticksPerYear' | 'output'>): number {
  return s.output.every === 'year' ? s.ticksPerYear : 1;
}

/** Whether `years` ends on a recorded row (always, when every tick is recorded). */
export function endsOnRow(s: Pick<RecordingInput, 'ticksPerYear' | 'output'>, years: number): boolean {
  return s.output.every !== 'year' || Number.isInteger(years);
}

/** Why a run of `file` cannot last `years` (a series recorded once a year needs whole years), or undefined when it can. */
export function partYearProblem(s: Pick<RecordingInput, 'ticksPerYear' | 'output'>, years: number, file: string): string | undefined {
  if (endsOnRow(s, years)) return undefined;
  return `${file} records its series once a year (output.every: year), so the run must last whole years, not ${years}`;
}

/** A run recorded once a year lasts whole years, and its answer is read at a year's end. */
export function checkRecording(s: RecordingInput, ctx: z.RefinementCtx): void {
  if (s.output.every !== 'year') return;
  if (!Number.isInteger(s.years))
    ctx.addIssue({
      code: 'custom',
      path: ['years'],
      message: `years is ${s.years}, but output.every is 'year': a run recorded once a year must last whole years`,
    });
  const at = s.answer?.at;
  if (at !== undefined && !Number.isInteger(at))
    ctx.addIssue({
      code: 'custom',
      path: ['answer', 'at'],
      message: `answer.at is ${at}, but output.every is 'year': the answer is read at a recorded row, a year's end`,
    });
}
