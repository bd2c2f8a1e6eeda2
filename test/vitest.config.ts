import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Starters build with real toolchains on a 2-core machine: one test file at a time, generous bounded timeouts.
    fileParallelism: false,
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
