import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, display, isExistingTable, namesOf, nodeBody, tableFromNames, tableOf, type TableName } from '../ast.js';
import type { MigrationContext, MigrationFinding, MigrationRule, ParsedMigration } from '../types.js';
import { tableFinding } from './shared.js';

/**
 * The existing table a statement locks strongly (ACCESS EXCLUSIVE or SHARE-class), if any, and how
 * to name it: DROP INDEX names only the index, whose table the statement does not say.
 */
function lockedTable(file: ParsedMigration, statement: ParsedStatement, context: MigrationContext): { table: TableName; label: string } | undefined {
  const existing = (table: TableName, label = display(table)) => (isExistingTable(file, statement, table, context) ? { table, label } : undefined);
  const alter = bodyOf(statement, 'AlterTableStmt');
  if (alter) return existing(tableOf(alter.relation));
  const index = bodyOf(statement, 'IndexStmt');
  if (index && !index.concurrent) return existing(tableOf(index.relation));
  const rename = bodyOf(statement, 'RenameStmt');
  if (rename?.relation) return existing(tableOf(rename.relation));
  const drop = bodyOf(statement, 'DropStmt');
  if (drop && drop.removeType === 'OBJECT_TABLE') return existing(tableFromNames(namesOf(nodeBody(drop.objects?.[0], 'List')?.items)));
  if (drop && drop.removeType === 'OBJECT_INDEX' && !drop.concurrent) {
    const index = tableFromNames(namesOf(nodeBody(drop.objects?.[0], 'List')?.items));
    return existing(index, `the table of index ${display(index)}`);
  }
  const trigger = bodyOf(statement, 'CreateTrigStmt');
  if (trigger) return existing(tableOf(trigger.relation));
  const policy = bodyOf(statement, 'CreatePolicyStmt') ?? bodyOf(statement, 'AlterPolicyStmt');
  if (policy) return existing(tableOf(policy.table));
  const truncate = bodyOf(statement, 'TruncateStmt');
  if (truncate) return existing(tableOf(nodeBody(truncate.relations?.[0], 'RangeVar')));
  return undefined;
}

function setsLockTimeout(statement: ParsedStatement): boolean {
  const set = bodyOf(statement, 'VariableSetStmt');
  return set?.name === 'lock_timeout' && set.kind === 'VAR_SET_VALUE';
}

/**
 * A DDL statement waiting for its lock queues every later query on the table behind it: with no
 * lock_timeout, one long transaction turns a quick migration into an outage.
 */
export const missingLockTimeout: MigrationRule = {
  meta: {
    id: 'missing-lock-timeout',
    title: 'Risky DDL without a preceding SET lock_timeout',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'ALTER TABLE, CREATE INDEX, DROP, RENAME, CREATE TRIGGER and CREATE POLICY on an existing table wait for a strong lock, and while they wait every other query on the table queues behind them. `SET lock_timeout` early in the migration makes it fail fast (and be retried) instead of stalling the application. Reported once per file, at the first such statement.',
    equivalents: { squawk: 'require-lock-timeout' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS note text;',
      good: "SET lock_timeout = '5s';\nALTER TABLE public.orders ADD COLUMN IF NOT EXISTS note text;",
    },
  },
  check(file, context) {
    if (!context.config.migrationLint.requireLockTimeout) return [];
    for (const statement of file.statements) {
      if (setsLockTimeout(statement)) return [];
      const locked = lockedTable(file, statement, context);
      if (!locked) continue;
      const finding: MigrationFinding = tableFinding(
        statement,
        locked.table,
        `this statement takes a strong lock on ${locked.label} with no lock_timeout set: add SET lock_timeout = '5s'; before it so it fails fast instead of queueing every query on the table`,
      );
      return [finding];
    }
    return [];
  },
};
