/** Problems with a sweep's output folders (resume, merge), reported without a stack trace. */
export class SweepError extends Error {
  constructor(
    message: string,
    /** Exit code the CLI should use: 2 for unusable input (bad shards, wrong folder), 1 otherwise. */
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'SweepError';
  }
}
