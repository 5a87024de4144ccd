/**
 * Running counts of a sweep folder's finished runs (ok, failed, the first
 * failures), shared by the resume scan, the run loop and the manifest.
 */

/** A failed run, as listed in the manifest and the report. */
export interface FailureInfo {
  run: number;
  point: number;
  rep: number;
  seed: number;
  error: string;
}

/** Failures kept for the manifest and the command's summary. */
export const MAX_FAILURES_KEPT = 100;

export class RunTally {
  ok = 0;
  failed = 0;
  /** Runs executed by this process (not counting those found on resume). */
  executed = 0;
  readonly failures: FailureInfo[] = [];

  get done(): number {
    return this.ok + this.failed;
  }

  addOk(): void {
    this.ok++;
  }

  addFailed(failure: FailureInfo): void {
    this.failed++;
    if (this.failures.length < MAX_FAILURES_KEPT) this.failures.push(failure);
  }
}
