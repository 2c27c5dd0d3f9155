import { bodyOf, display, isExistingTable, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** Renaming a table changes its Supabase API endpoint: every client using the old name breaks at once. */
export const renameTable: MigrationRule = {
  meta: {
    id: 'rename-table',
    title: 'Table renamed',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'The Supabase Data API serves tables by name, so a rename breaks every deployed client at the moment the migration runs. Create the new table (or a view with the new name), move clients over, then retire the old name.',
    equivalents: { squawk: 'renaming-table' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.customers RENAME TO clients;',
      good: 'CREATE OR REPLACE VIEW public.clients WITH (security_invoker = true) AS SELECT * FROM public.customers;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'RenameStmt')) {
      const rename = bodyOf(statement, 'RenameStmt');
      if (rename?.renameType !== 'OBJECT_TABLE') continue;
      const table = tableOf(rename.relation);
      if (!isExistingTable(file, statement, table, context)) continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `renaming ${display(table)} to ${rename.newname} breaks every client using the old name (the Supabase API serves tables by name)`,
          rename.relation?.location,
        ),
      );
    }
    return findings;
  },
};
