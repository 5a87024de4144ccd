/** Problems with a sweep plan's settings (bad shard counts, time limits, paths), reported without a stack trace. */
export class PlanError extends Error {
  override name = 'PlanError';
}
