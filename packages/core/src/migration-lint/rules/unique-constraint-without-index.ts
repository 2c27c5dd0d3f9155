import type { Constraint } from '@pgsql/types';
import { constraintsOf, display, nodeBody } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { commandsOnExistingTables, tableFinding } from './shared.js';

function kindOf(constraint: Constraint): string | undefined {
  if (constraint.contype === 'CONSTR_UNIQUE') return 'UNIQUE';
  if (constraint.contype === 'CONSTR_PRIMARY') return 'PRIMARY KEY';
  return undefined;
}

/**
 * A UNIQUE or PRIMARY KEY constraint added to a table with rows builds its index under an ACCESS
 * EXCLUSIVE lock, unless it adopts an index built beforehand (USING INDEX). An EXCLUDE constraint
 * builds one the same way and cannot adopt one: it is reported with advice of its own.
 */
export const uniqueConstraintWithoutIndex: MigrationRule = {
  meta: {
    id: 'unique-constraint-without-index',
    title: 'UNIQUE, PRIMARY KEY or EXCLUDE constraint added without USING INDEX',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Adding a UNIQUE or PRIMARY KEY constraint to an existing table (ADD CONSTRAINT, or ADD COLUMN ... UNIQUE / PRIMARY KEY) builds its unique index while holding an ACCESS EXCLUSIVE lock: no reads or writes on the table until every row is indexed. Build the index first with `CREATE UNIQUE INDEX CONCURRENTLY`, outside the migration (the Supabase CLI runs each migration file in a transaction, where CONCURRENTLY is refused), then attach it in the migration with `ADD CONSTRAINT ... UNIQUE USING INDEX` (or `PRIMARY KEY USING INDEX`), which holds the lock only for a moment. A primary key also needs its columns NOT NULL: set that beforehand, or SET NOT NULL scans the table under the same lock. An EXCLUDE constraint (ADD CONSTRAINT ... EXCLUDE USING gist (...)) also builds its index under the ACCESS EXCLUSIVE lock, and has no USING INDEX form: it can only be built under the lock, so add it in a low-traffic window with a short lock_timeout, or suppress the finding with a reason.',
    equivalents: { squawk: 'disallowed-unique-constraint, adding-primary-key-constraint' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD CONSTRAINT orders_number_key UNIQUE (number);',
      good: '-- orders_number_key was built with CREATE UNIQUE INDEX CONCURRENTLY outside the migration\nALTER TABLE public.orders ADD CONSTRAINT orders_number_key UNIQUE USING INDEX orders_number_key;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const { statement, table, command } of commandsOnExistingTables(file, context)) {
      if (command.subtype === 'AT_AddConstraint') {
        const constraint = nodeBody(command.def, 'Constraint');
        if (constraint?.contype === 'CONSTR_EXCLUSION') {
          findings.push(
            tableFinding(
              statement,
              table,
              `EXCLUDE constraint ${constraint.conname ?? ''} on ${display(table)} builds its index while reads and writes are blocked, and an EXCLUDE constraint has no USING INDEX form: it can only be built under that lock. Add it in a low-traffic window with a short lock_timeout (SET lock_timeout = '5s') so it waits for no long queue, or suppress this finding with the reason (-- platform-kit-ignore unique-constraint-without-index: <reason>)`.replace('  ', ' '),
              constraint.location,
              constraint.conname,
            ),
          );
          continue;
        }
        const kind = constraint && !constraint.indexname ? kindOf(constraint) : undefined;
        if (!constraint || !kind) continue;
        findings.push(
          tableFinding(
            statement,
            table,
            `${kind} constraint ${constraint.conname ?? ''} on ${display(table)} builds its index while reads and writes are blocked: create the unique index CONCURRENTLY outside the migration, then ADD CONSTRAINT ... ${kind} USING INDEX`.replace('  ', ' '),
            constraint.location,
            constraint.conname,
          ),
        );
      }
      const column = command.subtype === 'AT_AddColumn' ? nodeBody(command.def, 'ColumnDef') : undefined;
      for (const constraint of column ? constraintsOf(column) : []) {
        const kind = kindOf(constraint);
        if (!kind) continue;
        findings.push(
          tableFinding(
            statement,
            table,
            `column ${column?.colname} is added to ${display(table)} as ${kind}, which builds its index while reads and writes are blocked: add the column, create the unique index CONCURRENTLY outside the migration, then ADD CONSTRAINT ... ${kind} USING INDEX`,
            constraint.location,
            column?.colname,
          ),
        );
      }
    }
    return findings;
  },
};
