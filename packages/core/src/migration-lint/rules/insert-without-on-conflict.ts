import { bodyOf, display, nodeBody, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** §1.4: seed data inserted twice is duplicate data (or a failed migration on a unique key). */
export const insertWithoutOnConflict: MigrationRule = {
  meta: {
    id: 'insert-without-on-conflict',
    title: 'Seed INSERT without ON CONFLICT',
    severity: 'error',
    category: 'idempotency',
    constitution: ['1.4'],
    rationale:
      'A migration that inserts rows (VALUES, or a SELECT without a WHERE that could guard it) duplicates them, or fails on a unique key, when it runs again (§1.4). Add ON CONFLICT DO NOTHING (or DO UPDATE), or guard the SELECT with WHERE NOT EXISTS.',
    fixable: false,
    examples: {
      bad: "INSERT INTO public.plans (code, name) VALUES ('free', 'Free'), ('pro', 'Pro');",
      good: "INSERT INTO public.plans (code, name) VALUES ('free', 'Free'), ('pro', 'Pro') ON CONFLICT (code) DO NOTHING;",
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'InsertStmt')) {
      const insert = bodyOf(statement, 'InsertStmt');
      if (!insert || insert.onConflictClause) continue;
      const select = nodeBody(insert.selectStmt, 'SelectStmt');
      // INSERT ... SELECT ... WHERE can be guarded (WHERE NOT EXISTS); INSERT ... DEFAULT VALUES has no select.
      if (select && !select.valuesLists && select.whereClause) continue;
      const table = tableOf(insert.relation);
      findings.push(
        tableFinding(statement, table, `INSERT INTO ${display(table)} without ON CONFLICT inserts the rows again when the migration runs again (§1.4)`, insert.relation?.location),
      );
    }
    return findings;
  },
};
