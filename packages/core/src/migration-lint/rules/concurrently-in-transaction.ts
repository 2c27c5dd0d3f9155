import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, display, namesOf, nodeBody, tableFromNames, tableOf, type TableName, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** What a statement does CONCURRENTLY, if anything that PostgreSQL refuses inside a transaction block. */
function concurrentOperation(statement: ParsedStatement): { what: string; table: TableName; location?: number } | undefined {
  const index = bodyOf(statement, 'IndexStmt');
  if (index?.concurrent) return { what: 'CREATE INDEX CONCURRENTLY', table: tableOf(index.relation), location: index.relation?.location };
  const drop = bodyOf(statement, 'DropStmt');
  if (drop?.concurrent) {
    return { what: 'DROP INDEX CONCURRENTLY', table: tableFromNames(namesOf(nodeBody(drop.objects?.[0], 'List')?.items)) };
  }
  const reindex = bodyOf(statement, 'ReindexStmt');
  if (reindex && (reindex.params ?? []).some((p) => nodeBody(p, 'DefElem')?.defname === 'concurrently')) {
    return { what: 'REINDEX CONCURRENTLY', table: tableOf(reindex.relation), location: reindex.relation?.location };
  }
  const alter = bodyOf(statement, 'AlterTableStmt');
  const detach = alter?.cmds?.map((c) => nodeBody(c, 'AlterTableCmd')).find((c) => c?.subtype === 'AT_DetachPartition');
  if (detach && nodeBody(detach.def, 'PartitionCmd')?.concurrent) {
    return { what: 'DETACH PARTITION CONCURRENTLY', table: tableOf(alter?.relation), location: alter?.relation?.location };
  }
  return undefined;
}

/**
 * CONCURRENTLY inside a transaction block is an error in PostgreSQL. The Supabase CLI runs each
 * migration file in one transaction, so any CONCURRENTLY in a migration file fails at deploy time.
 */
export const concurrentlyInTransaction: MigrationRule = {
  meta: {
    id: 'concurrently-in-transaction',
    title: 'CONCURRENTLY inside a transaction',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'PostgreSQL refuses CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY, REINDEX CONCURRENTLY and DETACH PARTITION CONCURRENTLY inside a transaction block, and the Supabase CLI (`supabase db push`, `migration up`) runs each migration file in one transaction, so the migration fails when it is deployed. Build the index concurrently outside the migration and keep a plain `CREATE INDEX IF NOT EXISTS` in the file. Set `migrationLint.assumeInTransaction: false` if your runner does not wrap files in a transaction; an explicit BEGIN ... COMMIT block is then still checked.',
    equivalents: { squawk: 'ban-concurrent-index-creation-in-transaction' },
    fixable: false,
    examples: {
      bad: 'CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_idx ON public.orders (customer_id);',
      good: '-- built CONCURRENTLY out of band on production; a no-op there, a quick build elsewhere\n-- platform-kit-ignore index-without-concurrently: built concurrently out of band before deploy\nCREATE INDEX IF NOT EXISTS orders_customer_idx ON public.orders (customer_id);',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    const wrapped = context.config.migrationLint.assumeInTransaction;
    let explicitBlock = false;
    for (const statement of statementsOf(file, 'TransactionStmt', 'IndexStmt', 'DropStmt', 'ReindexStmt', 'AlterTableStmt')) {
      const transaction = bodyOf(statement, 'TransactionStmt');
      if (transaction?.kind === 'TRANS_STMT_BEGIN' || transaction?.kind === 'TRANS_STMT_START') explicitBlock = true;
      if (transaction?.kind === 'TRANS_STMT_COMMIT' || transaction?.kind === 'TRANS_STMT_ROLLBACK') explicitBlock = false;
      const operation = concurrentOperation(statement);
      if (!operation || !(wrapped || explicitBlock)) continue;
      const why = wrapped && !explicitBlock ? 'the Supabase CLI runs each migration file in a single transaction' : 'it sits inside BEGIN ... COMMIT';
      findings.push(
        tableFinding(
          statement,
          operation.table,
          `${operation.what} on ${display(operation.table)} fails here: PostgreSQL refuses it inside a transaction block, and ${why}. Run it outside the migration`,
          operation.location,
        ),
      );
    }
    return findings;
  },
};
