import { defineConfig } from 'vitest/config';

// vitest 5's reporter calls Map.groupBy (Node 21+) when it prints failures; on Node 20 it would
// crash instead of showing them. A faithful polyfill for the main process, where reporters run.
if (typeof (Map as { groupBy?: unknown }).groupBy !== 'function') {
  (Map as unknown as { groupBy: <K, V>(items: Iterable<V>, key: (item: V, index: number) => K) => Map<K, V[]> }).groupBy = (items, key) => {
    const groups = new Map();
    let index = 0;
    for (const item of items) {
      const k = key(item, index++);
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k).push(item);
    }
    return groups;
  };
}

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
    // Every policy tree taken from the catalog is checked against the parser's tree of the same
    // text wherever the parser is loaded (packages/core/src/rules/security/expression.ts).
    env: { PK_CHECK_CATALOG_TREES: '1' },
  },
});
