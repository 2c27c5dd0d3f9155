import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, loadConfig, ruleCatalogue, schemaLint } from '../../../packages/core/src/index.js';
import { runAction } from '../../../packages/github/src/index.js';

/**
 * The schema-lint gate (§5.1–5.3, §6.1, §6.2): inputs → core `schemaLint` → the shared reporting
 * layer (summary, annotations at migration file and line, SARIF, outputs, sticky comment). A live
 * database from `database-url`, else the migrations replayed; slow queries only with
 * `slow-queries: true` and a database. The bundle entry awaits run(); tests call it in-process.
 */
export async function run() {
  return runAction({
    name: 'schema-lint',
    title: 'Schema lint',
    inputs: {
      'slow-queries': {
        description: 'Also report slow statements from pg_stat_statements (live database only)',
        default: 'false',
        boolean: true,
      },
    },
    execute: async (inputs) => {
      const root = inputs.workingDirectory;
      const { config } = loadConfig({
        ...(inputs.config ? { explicitPath: inputs.config } : {}),
        cwd: root,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      if (!inputs.databaseUrl && !(existsSync(inputs.migrationsPath) && statSync(inputs.migrationsPath).isDirectory())) {
        throw inputError(
          `migrations-path ${path.relative(root, inputs.migrationsPath) || '.'} is not a directory`,
          undefined,
          'set migrations-path (relative to working-directory), or database-url to check a live database',
        );
      }
      return schemaLint({
        target: inputs.databaseUrl ? { databaseUrl: inputs.databaseUrl } : { migrationsDir: inputs.migrationsPath },
        config,
        ...(inputs.extra['slow-queries'] === 'true' ? { slowQueries: true } : {}),
        options: { root },
      });
    },
  });
}
