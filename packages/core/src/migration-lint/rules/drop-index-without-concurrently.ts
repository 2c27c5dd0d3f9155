import { bodyOf, display, isExistingTable, namesOf, nodeBody, tableFromNames, tableKey, tableOf, type TableName, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/**
 * A plain DROP INDEX takes an ACCESS EXCLUSIVE lock on the index's table: it waits for every
 * running query on the table, and every query that arrives meanwhile queues behind it.
 */
export const dropIndexWithoutConcurrently: MigrationRule = {
  meta: {
    id: 'drop-index-without-concurrently',
    title: 'Index dropped without CONCURRENTLY',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'DROP INDEX without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on the table the index belongs to: the drop itself is quick, but it first waits for every running query on the table, and all reads and writes that arrive meanwhile queue behind it. CONCURRENTLY cannot run inside a transaction, and the Supabase CLI runs each migration file in one, so for a large or busy table drop the index CONCURRENTLY outside the migration (psql, a one-off job) and keep `DROP INDEX IF EXISTS` in the migration, where it is then a no-op. For a small table, suppress this finding with that reason. An index the same migration created on a table that is new in this change is not reported; for other indexes the table is not known from the statement, so it is assumed to hold data.',
    equivalents: { squawk: 'require-concurrent-index-deletion' },
    fixable: false,
    examples: {
      bad: 'DROP INDEX IF EXISTS public.orders_status_idx;',
      good: '-- platform-kit-ignore drop-index-without-concurrently: orders has under 10k rows, the lock is held for milliseconds\nDROP INDEX IF EXISTS public.orders_status_idx;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    /** Indexes created earlier in this file ("schema.index") → their table. */
    const createdOn = new Map<string, TableName>();
    for (const statement of statementsOf(file, 'IndexStmt', 'DropStmt')) {
      const index = bodyOf(statement, 'IndexStmt');
      if (index?.idxname) {
        const table = tableOf(index.relation);
        // An index always lives in its table's schema.
        createdOn.set(tableKey({ schema: table.schema, name: index.idxname }), table);
        continue;
      }
      const drop = bodyOf(statement, 'DropStmt');
      if (drop?.removeType !== 'OBJECT_INDEX' || drop.concurrent) continue;
      for (const object of drop.objects ?? []) {
        const name = tableFromNames(namesOf(nodeBody(object, 'List')?.items));
        if (name.name === '') continue;
        const table = createdOn.get(tableKey(name));
        if (table && !isExistingTable(file, statement, table, context)) continue;
        const onTable = table ? display(table) : 'its table';
        findings.push(
          tableFinding(
            statement,
            name,
            `DROP INDEX ${display(name)} takes an ACCESS EXCLUSIVE lock on ${onTable}, queueing its reads and writes: drop it CONCURRENTLY outside the migration, or suppress this with a reason for a small table`,
          ),
        );
      }
    }
    return findings;
  },
};
