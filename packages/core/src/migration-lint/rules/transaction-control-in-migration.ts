import type { TransactionStmtKind } from '@pgsql/types';
import { bodyOf, statementsOf } from '../ast.js';
import type { ParsedStatement } from '../../parser/parse.js';
import type { MigrationFinding, MigrationRule } from '../types.js';

/** What each transaction-control statement does to the transaction the runner wraps the file in. */
const EFFECTS: Partial<Record<TransactionStmtKind, { what: string; effect: string }>> = {
  TRANS_STMT_BEGIN: { what: 'BEGIN', effect: 'so BEGIN is redundant, and without its COMMIT it leaves a transaction open after the file' },
  TRANS_STMT_START: { what: 'START TRANSACTION', effect: 'so START TRANSACTION is redundant, and without its COMMIT it leaves a transaction open after the file' },
  TRANS_STMT_COMMIT: { what: 'COMMIT', effect: 'it commits the migration early: later statements and the migration history row run in another transaction, so a later failure leaves the migration half-applied and not recorded' },
  TRANS_STMT_ROLLBACK: { what: 'ROLLBACK', effect: 'it silently discards every statement before it, and the statements after it still run and the migration is recorded as applied' },
  TRANS_STMT_PREPARE: { what: 'PREPARE TRANSACTION', effect: 'it ends the migration\'s transaction early and leaves a prepared transaction holding its locks' },
  TRANS_STMT_COMMIT_PREPARED: { what: 'COMMIT PREPARED', effect: 'PostgreSQL refuses it inside a transaction block' },
  TRANS_STMT_ROLLBACK_PREPARED: { what: 'ROLLBACK PREPARED', effect: 'PostgreSQL refuses it inside a transaction block' },
};

/**
 * The keyword the user wrote. END and ABORT parse to exactly the TransactionStmt of COMMIT and
 * ROLLBACK (kind TRANS_STMT_COMMIT / TRANS_STMT_ROLLBACK, no other field differs, and the node's
 * location is -1), so the tree cannot tell them apart: the first word of the statement's own text,
 * which starts at the statement's location with comments and whitespace skipped, names it. It is
 * used for the name in the message only; what the statement does still comes from the tree.
 */
function keywordOf(statement: ParsedStatement, what: string): string {
  if (what !== 'COMMIT' && what !== 'ROLLBACK') return what;
  const first = /^[A-Za-z_]+/.exec(statement.text)?.[0].toUpperCase();
  if (what === 'COMMIT' && first === 'END') return 'END';
  if (what === 'ROLLBACK' && first === 'ABORT') return 'ABORT';
  return what;
}

/**
 * The Supabase CLI runs each migration file, and the insert into its migration history, as one
 * transaction. Transaction control inside the file moves that boundary; savepoints do not.
 */
export const transactionControlInMigration: MigrationRule = {
  meta: {
    id: 'transaction-control-in-migration',
    title: 'BEGIN, COMMIT or ROLLBACK inside a migration file',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2', '1.4'],
    rationale:
      'The Supabase CLI (`supabase db push`, `migration up`) runs each migration file together with the insert into its migration history as one transaction, so the file is applied and recorded entirely or not at all. A COMMIT (or END) inside the file commits what came before it: the statements after it, and the history row, run in another transaction, so a failure there leaves the migration half-applied and unrecorded, and the next deploy re-runs objects that already exist. A ROLLBACK (or ABORT) silently throws away the statements before it while the rest is applied and recorded. A BEGIN is redundant and, without its COMMIT, leaves a transaction open after the file. Reported as an error because a stray COMMIT or ROLLBACK breaks the all-or-nothing guarantee without failing the deploy; remove the transaction control and let the runner own the transaction. SAVEPOINT, RELEASE and ROLLBACK TO SAVEPOINT stay inside the transaction and are fine. Not reported with `migrationLint.assumeInTransaction: false` (a runner that does not wrap files, where BEGIN ... COMMIT is how a file gets its transaction).',
    equivalents: { squawk: 'transaction-nesting' },
    fixable: false,
    examples: {
      bad: 'BEGIN;\nALTER TABLE public.orders ADD COLUMN IF NOT EXISTS note text;\nCOMMIT;',
      good: "-- no BEGIN/COMMIT: the Supabase CLI runs this file in one transaction\nSET lock_timeout = '5s';\nALTER TABLE public.orders ADD COLUMN IF NOT EXISTS note text;",
    },
  },
  check(file, context) {
    if (!context.config.migrationLint.assumeInTransaction) return [];
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'TransactionStmt')) {
      const transaction = bodyOf(statement, 'TransactionStmt');
      const control = transaction?.kind ? EFFECTS[transaction.kind] : undefined;
      if (!control) continue;
      const keyword = keywordOf(statement, control.what);
      const named = keyword === control.what ? keyword : `${keyword} (the same as ${control.what})`;
      // TransactionStmt carries no location of its own for these kinds: the finding sits at the statement.
      findings.push({
        statement,
        object: { schema: '', name: keyword },
        message: `${named} inside a migration file: the Supabase CLI runs each file in its own transaction, and ${control.effect}. Remove it and let the runner own the transaction`,
      });
    }
    return findings;
  },
};
