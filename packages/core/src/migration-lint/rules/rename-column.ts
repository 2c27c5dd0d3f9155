import { bodyOf, display, isExistingTable, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** Renaming a column breaks every client selecting, filtering or writing it by name. */
export const renameColumn: MigrationRule = {
  meta: {
    id: 'rename-column',
    title: 'Column renamed',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Supabase API calls name columns (`select=`, filters, inserts), so a rename breaks deployed clients when the migration runs. Add the new column, write both, backfill, move readers, and drop the old one later.',
    equivalents: { squawk: 'renaming-column' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders RENAME COLUMN total TO amount;',
      good: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS amount numeric;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'RenameStmt')) {
      const rename = bodyOf(statement, 'RenameStmt');
      if (rename?.renameType !== 'OBJECT_COLUMN' || rename.relationType !== 'OBJECT_TABLE') continue;
      const table = tableOf(rename.relation);
      if (!isExistingTable(file, statement, table, context)) continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `renaming ${display(table)}.${rename.subname} to ${rename.newname} breaks every client using the old column name`,
          rename.relation?.location,
          rename.subname,
        ),
      );
    }
    return findings;
  },
};
