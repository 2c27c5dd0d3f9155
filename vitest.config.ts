import { defineConfig } from 'vitest/config';

// Every test file creates and drops its own database (see packages/core/test/helpers/database.ts).
// Two cores: keep to two workers so PGlite start-ups and server DDL do not starve each other.
export default defineConfig({
  test: {
    include: ['packages/*/test/**/*.test.ts', 'actions/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['packages/core/test/helpers/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
