import { defineConfig } from 'vitest/config';

// The slow proofs: real processes, kills, stale locks, bad networks. `npm run test:faults`.
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/helpers/proof-build.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Real-process tests measure time; running two files at once on two cores would skew them.
    fileParallelism: false,
  },
});
