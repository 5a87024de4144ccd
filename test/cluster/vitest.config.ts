// Vitest configuration for the Slurm integration test alone (the main
// configuration excludes test/cluster/). Used by test/cluster/run-slurm-test.sh.
import { defineConfig } from 'vitest/config';
import { resolve } from 'node:path';

export default defineConfig({
  test: {
    root: resolve(import.meta.dirname, '../..'),
    include: ['test/cluster/**/*.test.ts'],
    testTimeout: 15 * 60_000,
    hookTimeout: 16 * 60_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
