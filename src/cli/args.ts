/**
 * What the commands share: exit codes, the signal an action throws to end
 * with one, and commander argument parsers for bounded numbers.
 */
import { InvalidArgumentError } from 'commander';
import { InputError, formatInputError } from '../scenario/load.ts';
import { SweepError } from '../experiment/errors.ts';
import { partYearProblem } from '../model/recording.ts';
import type { Scenario } from '../model/schema.ts';

/** Exit codes (docs/errors.md): 0 ok, 1 a run failed, 2 invalid input, 3 a fault of the environment (disk, file system, permissions), 130 interrupted. */
export const EXIT = { ok: 0, failed: 1, input: 2, fault: 3, interrupted: 130 } as const;

/** Thrown by an action to end with a given exit code. */
export class ExitSignal extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

/** Parser for an integer option in [min, max]; `noun` words the message ("an integer", "a whole number"). */
export function intArg(name: string, min: number, max: number, noun = 'an integer'): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be ${noun} from ${min} to ${max}, found '${v}'`);
    return n;
  };
}

/** Parser for a finite number option in [min, max]. */
export function numArg(name: string, min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be a number from ${min} to ${max}, found '${v}'`);
    return n;
  };
}

/** `--years` for a scenario whose series is recorded once a year must be whole years (model/recording.ts). */
export function checkYearsOption(scenario: Scenario, years: number | undefined, file: string): void {
  const problem = years === undefined ? undefined : partYearProblem(scenario, years, file);
  if (problem) throw new InvalidArgumentError(`--years ${years}: ${problem}`);
}

/** Print an error the user can act on (bad input; a folder refused) and give its exit code; undefined for any other error. */
export function reportUserError(e: unknown, err: NodeJS.WritableStream): number | undefined {
  if (e instanceof InputError) {
    err.write(formatInputError(e) + '\n');
    return EXIT.input;
  }
  if (e instanceof SweepError) {
    err.write(`error: ${e.message}\n`);
    return e.exitCode;
  }
  return undefined;
}
