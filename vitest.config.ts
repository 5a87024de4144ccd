import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The Slurm integration test installs and starts a cluster: it has its own entry point (test/cluster/run-slurm-test.sh).
    exclude: ['test/cluster/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
