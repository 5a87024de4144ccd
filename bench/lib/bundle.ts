/**
 * The bench's child entry (bench/case.ts) bundled with esbuild into one
 * file, as `npm run build` bundles the command (scripts/build-package.mjs):
 * the model as `collabsim run` runs it after a build, rather than module by
 * module through tsx as a clone without a build runs it. Made once per
 * bench process, into bench/.build/ (not committed).
 */
import { buildSync } from 'esbuild';
import path from 'node:path';
import { BENCH_DIR } from './child.ts';

/** The bundle's path relative to bench/ (what runChild takes). */
export const CASE_BUNDLE = path.join('.build', 'case.bundle.mjs');

let made = false;

/** Bundle bench/case.ts (once per process); returns CASE_BUNDLE. */
export function caseBundle(): string {
  if (!made) {
    buildSync({
      entryPoints: [path.join(BENCH_DIR, 'case.ts')],
      outfile: path.join(BENCH_DIR, CASE_BUNDLE),
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'warning',
    });
    made = true;
  }
  return CASE_BUNDLE;
}
