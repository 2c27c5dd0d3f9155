import { bodyOf, findOption, nodeBody, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';

/**
 * Extensions whose control file pins their schema (`schema = ...`, `relocatable = false`): PostgreSQL
 * installs them there whatever the statement says, and refuses any other WITH SCHEMA. pg_cron's
 * objects live in its own "cron" schema; Supabase documents `WITH SCHEMA pg_catalog` for it.
 */
const PINNED_SCHEMAS: Readonly<Record<string, string>> = {
  pg_cron: 'pg_catalog',
  pgmq: 'pgmq',
  supabase_vault: 'vault',
};

/** §2.3: extensions live in their own schema, not in the exposed public schema. */
export const extensionOutsideExtensionsSchema: MigrationRule = {
  meta: {
    id: 'extension-outside-extensions-schema',
    title: 'CREATE EXTENSION without SCHEMA extensions',
    severity: 'error',
    category: 'security',
    constitution: ['2.3'],
    rationale:
      "Without a SCHEMA clause an extension's functions and tables land in the first schema of the search path, usually public, where the Data API exposes them (§2.3). Create it `WITH SCHEMA extensions` (the schema is `migrationLint.extensionsSchema`). Extensions whose control file pins their own schema (pg_cron in pg_catalog, pgmq in pgmq, supabase_vault in vault) cannot be moved and are not reported when created there or without a SCHEMA clause.",
    equivalents: { supabaseAdvisor: 'extension_in_public' },
    fixable: false,
    examples: {
      bad: 'CREATE EXTENSION IF NOT EXISTS pg_trgm;',
      good: 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;',
    },
  },
  check(file, context) {
    const wanted = context.config.migrationLint.extensionsSchema;
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'CreateExtensionStmt')) {
      const extension = bodyOf(statement, 'CreateExtensionStmt');
      if (!extension) continue;
      const schema = nodeBody(findOption(extension.options, 'schema')?.arg, 'String')?.sval;
      if (schema === wanted) continue;
      // A pinned extension cannot go in the extensions schema: named or not, it lands in its own.
      const pinned = Object.hasOwn(PINNED_SCHEMAS, extension.extname ?? '') ? PINNED_SCHEMAS[extension.extname ?? ''] : undefined;
      if (pinned !== undefined && (schema === undefined || schema === pinned)) continue;
      findings.push({
        statement,
        object: { schema: schema ?? '', name: extension.extname ?? '' },
        message: schema
          ? `extension ${extension.extname} is created in schema ${schema}: use WITH SCHEMA ${wanted} (§2.3)`
          : `CREATE EXTENSION ${extension.extname} has no SCHEMA clause, so it lands in the first schema of the search path (usually public): add WITH SCHEMA ${wanted} (§2.3)`,
      });
    }
    return findings;
  },
};
