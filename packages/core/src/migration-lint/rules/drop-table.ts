import { bodyOf, display, isExistingTable, namesOf, nodeBody, tableFromNames, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** §8.2 "no DROP without data migration": dropping a table loses its data and breaks every client reading it. */
export const dropTable: MigrationRule = {
  meta: {
    id: 'drop-table',
    title: 'Table dropped',
    severity: 'error',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Dropping a table deletes its data and breaks every client (and the Supabase Data API schema) still using it. Move the data first and stop using the table in a release before the one that drops it; then suppress this finding with the reason.',
    equivalents: { squawk: 'ban-drop-table' },
    fixable: false,
    examples: {
      bad: 'DROP TABLE public.legacy_events;',
      good: '-- platform-kit-ignore drop-table: rows copied to archive.events in 20240101000000_archive_events.sql, unused since v2.3\n-- rollback: restore archive.events into a new public.legacy_events\nDROP TABLE IF EXISTS public.legacy_events;',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'DropStmt')) {
      const drop = bodyOf(statement, 'DropStmt');
      if (drop?.removeType !== 'OBJECT_TABLE') continue;
      for (const object of drop.objects ?? []) {
        const table = tableFromNames(namesOf(nodeBody(object, 'List')?.items));
        if (!isExistingTable(file, statement, table, context)) continue;
        findings.push(
          tableFinding(statement, table, `DROP TABLE ${display(table)} deletes its data and breaks its clients: migrate the data and retire the table first (§8.2)`),
        );
      }
    }
    return findings;
  },
};
