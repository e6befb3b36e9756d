import { defineConfig } from 'vitest/config';

/**
 * The fuzz suites (`npm run test:fuzz`): only `test/**\/*.fuzz.test.ts`, which the default
 * configuration leaves out because they run tens of thousands of cases. Seeds and scale come
 * from `FUZZ_SEED` and `FUZZ_SCALE` (see test/fuzz/fuzz-settings.ts).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.fuzz.test.ts'],
    exclude: ['node_modules/**'],
    // Some properties build an engine per case or go through loopback HTTP: minutes, not seconds.
    testTimeout: 600_000,
    hookTimeout: 60_000,
    // The machine is shared: one file at a time keeps the suite's load predictable.
    fileParallelism: false,
  },
});
