import { display } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { commandsOnExistingTables, tableFinding } from './shared.js';

/** §8.2 "no DROP without data migration": dropping a column loses its data and breaks clients selecting it. */
export const dropColumn: MigrationRule = {
  meta: {
    id: 'drop-column',
    title: 'Column dropped',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Dropping a column deletes its data and breaks every client that selects or writes it (Supabase API calls naming it fail). Stop using the column in one release, copy the data if it is still needed, and drop it in a later one.',
    equivalents: { squawk: 'ban-drop-column' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders DROP COLUMN legacy_status;',
      good: "COMMENT ON COLUMN public.orders.legacy_status IS 'deprecated: use status; dropped after v3';",
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const { statement, table, command, relationLocation } of commandsOnExistingTables(file, context)) {
      if (command.subtype !== 'AT_DropColumn') continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `DROP COLUMN ${display(table)}.${command.name} deletes its data and breaks clients that use it: retire it first, then drop it in a later release (§8.2)`,
          relationLocation,
          command.name,
        ),
      );
    }
    return findings;
  },
};
