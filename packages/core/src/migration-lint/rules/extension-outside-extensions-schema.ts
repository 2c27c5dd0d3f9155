import { bodyOf, findOption, nodeBody, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';

/** §2.3: extensions live in their own schema, not in the exposed public schema. */
export const extensionOutsideExtensionsSchema: MigrationRule = {
  meta: {
    id: 'extension-outside-extensions-schema',
    title: 'CREATE EXTENSION without SCHEMA extensions',
    severity: 'error',
    category: 'security',
    constitution: ['2.3'],
    rationale:
      "Without a SCHEMA clause an extension's functions and tables land in the first schema of the search path, usually public, where the Data API exposes them (§2.3). Create it `WITH SCHEMA extensions` (the schema is `migrationLint.extensionsSchema`).",
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
