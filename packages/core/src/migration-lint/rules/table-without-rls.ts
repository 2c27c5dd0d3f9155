import { bodyOf, display, nodeBody, tableKey, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** §2.1, shifted left: a table in an exposed schema is readable through the Data API until RLS is on. */
export const tableWithoutRls: MigrationRule = {
  meta: {
    id: 'table-without-rls',
    title: 'Table created in an exposed schema without ENABLE ROW LEVEL SECURITY',
    severity: 'error',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'Tables in the schemas the Supabase Data API exposes (`exposedSchemas`, default public) can be read and written with the anon key unless row level security is on. Enable it in the same migration that creates the table, so no deploy ever has the table open.',
    equivalents: { supabaseAdvisor: 'rls_disabled_in_public' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE IF NOT EXISTS public.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);',
      good: 'CREATE TABLE IF NOT EXISTS public.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);\nALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;',
    },
  },
  check(file, context) {
    const exposed = new Set(context.config.exposedSchemas);
    const secured = new Set<string>();
    for (const statement of statementsOf(file, 'AlterTableStmt')) {
      const alter = bodyOf(statement, 'AlterTableStmt');
      if (alter && (alter.cmds ?? []).some((c) => nodeBody(c, 'AlterTableCmd')?.subtype === 'AT_EnableRowSecurity')) {
        secured.add(tableKey(tableOf(alter.relation)));
      }
    }
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'CreateStmt')) {
      const create = bodyOf(statement, 'CreateStmt');
      if (!create || create.relation?.relpersistence === 't') continue;
      const table = tableOf(create.relation);
      if (!exposed.has(table.schema) || secured.has(tableKey(table))) continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `${display(table)} is created in an exposed schema without ALTER TABLE ${display(table)} ENABLE ROW LEVEL SECURITY in the same migration: the Data API serves it to anyone with the anon key`,
          create.relation?.location,
        ),
      );
    }
    return findings;
  },
};
