import { bodyOf, columnHasDefault, columnIsNotNull, display, isExistingTable, nodeBody, tableKey, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/**
 * §8.2 "no ALTER without DEFAULT or backfill": a NOT NULL column added to a table that has rows
 * fails (or, on an empty table, ships a column no old client fills). SET NOT NULL needs the rows
 * backfilled first, in the same migration.
 */
export const addingRequiredColumn: MigrationRule = {
  meta: {
    id: 'adding-required-column',
    title: 'NOT NULL column added without a default or backfill',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Adding a NOT NULL column without a default fails on a table with rows, and makes the column required for every client that inserts. Setting NOT NULL on an existing column fails if any row is still NULL. Give the column a default, or add it nullable, backfill it, then set NOT NULL.',
    equivalents: { squawk: 'adding-required-field' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD COLUMN currency text NOT NULL;',
      good: "ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS currency text NOT NULL DEFAULT 'EUR';",
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    const backfilled = new Set<string>();
    for (const statement of statementsOf(file, 'UpdateStmt', 'AlterTableStmt')) {
      const update = bodyOf(statement, 'UpdateStmt');
      if (update) backfilled.add(tableKey(tableOf(update.relation)));
      const alter = bodyOf(statement, 'AlterTableStmt');
      if (!alter || alter.objtype !== 'OBJECT_TABLE') continue;
      const table = tableOf(alter.relation);
      if (!isExistingTable(file, statement, table, context)) continue;
      for (const cmd of alter.cmds ?? []) {
        const command = nodeBody(cmd, 'AlterTableCmd');
        const column = nodeBody(command?.def, 'ColumnDef');
        if (command?.subtype === 'AT_AddColumn' && column && columnIsNotNull(column) && !columnHasDefault(column)) {
          findings.push(
            tableFinding(
              statement,
              table,
              `column ${column.colname} is added to ${display(table)} as NOT NULL without a default: it fails on a table with rows. Add a DEFAULT, or add it nullable, backfill, then SET NOT NULL`,
              column.location,
              column.colname,
            ),
          );
        }
        if (command?.subtype === 'AT_SetNotNull' && !backfilled.has(tableKey(table))) {
          findings.push(
            tableFinding(
              statement,
              table,
              `SET NOT NULL on ${display(table)}.${command.name} without a backfill (an UPDATE of the table earlier in this migration): it fails if a row is still NULL`,
              alter.relation?.location,
              command.name,
            ),
          );
        }
      }
    }
    return findings;
  },
};
