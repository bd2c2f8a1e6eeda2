import { defineConfig } from 'vitest/config';
import SlowestFirst from './sequencer.js';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['test/**/*.test.ts'],
    // Starters build with real toolchains on a 2-core machine: two test files at a time (much of a starter's time is
    // spent waiting on installs and servers, so the second worker fills it), slowest first, generous bounded timeouts.
    // Each file works in its own temporary folders and free ports; the database suite owns its PostgreSQL.
    maxWorkers: 2,
    sequence: { sequencer: SlowestFirst },
    testTimeout: 30 * 60_000,
    hookTimeout: 30 * 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
