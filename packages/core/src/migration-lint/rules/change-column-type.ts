import { display, nodeBody } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { commandsOnExistingTables, tableFinding } from './shared.js';

/** ALTER COLUMN TYPE rewrites the table under an ACCESS EXCLUSIVE lock and can break clients. */
export const changeColumnType: MigrationRule = {
  meta: {
    id: 'change-column-type',
    title: "Column's type changed",
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Changing a column type usually rewrites the whole table under an ACCESS EXCLUSIVE lock (no reads or writes meanwhile), and clients that relied on the old type (JSON shapes, generated types) break. Add a new column, backfill, switch clients, then retire the old one.',
    equivalents: { squawk: 'changing-column-type' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ALTER COLUMN total TYPE numeric(12,2);',
      good: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS total_exact numeric(12,2);',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const { statement, table, command, relationLocation } of commandsOnExistingTables(file, context)) {
      if (command.subtype !== 'AT_AlterColumnType') continue;
      const column = nodeBody(command.def, 'ColumnDef');
      findings.push(
        tableFinding(
          statement,
          table,
          `changing the type of ${display(table)}.${command.name} rewrites the table under an ACCESS EXCLUSIVE lock and may break clients`,
          column?.typeName?.location ?? relationLocation,
          command.name,
        ),
      );
    }
    return findings;
  },
};
