import { bodyOf, display, isExistingTable, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** A plain CREATE INDEX on a table with rows blocks its writes for as long as the build takes. */
export const indexWithoutConcurrently: MigrationRule = {
  meta: {
    id: 'index-without-concurrently',
    title: 'Index built without CONCURRENTLY on an existing table',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'CREATE INDEX without CONCURRENTLY blocks inserts, updates and deletes on the table until the index is built: minutes on a large table. CONCURRENTLY cannot run inside a transaction, and the Supabase CLI runs each migration file in one, so for a large table build the index CONCURRENTLY outside the migration (psql, a one-off job) and keep `CREATE INDEX IF NOT EXISTS` in the migration, where it is then a no-op. For a small table, suppress this finding with that reason.',
    equivalents: { squawk: 'require-concurrent-index-creation' },
    fixable: false,
    examples: {
      bad: 'CREATE INDEX IF NOT EXISTS orders_customer_idx ON public.orders (customer_id);',
      good: '-- platform-kit-ignore index-without-concurrently: orders has under 10k rows, the build takes milliseconds\nCREATE INDEX IF NOT EXISTS orders_customer_idx ON public.orders (customer_id);',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'IndexStmt')) {
      const index = bodyOf(statement, 'IndexStmt');
      if (!index || index.concurrent) continue;
      const table = tableOf(index.relation);
      if (!isExistingTable(file, statement, table, context)) continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `CREATE INDEX ${index.idxname ?? ''} blocks writes to ${display(table)} until it is built`.replace('  ', ' '),
          index.relation?.location,
        ),
      );
    }
    return findings;
  },
};
