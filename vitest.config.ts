import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fuzz suites run separately (`npm run test:fuzz`): they are slow by design.
    exclude: ['test/**/*.fuzz.test.ts', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
