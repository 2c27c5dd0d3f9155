import { schemaLint } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';
import { loadCommandConfig, TARGET_HELP, TARGET_OPTIONS, targetOf } from '../target.js';

/**
 * `platform-kit schema-lint`: the schema rules (§5.1 tenancy, §5.2 foreign keys, §5.3 audit columns
 * and triggers, §6.2 indexes and primary keys) on the same targets as `scan`, plus §6.1 slow queries
 * from pg_stat_statements when asked for on a live database. The twin of the schema-lint action.
 */
const { 'save-inventory': _save, ...targetOptions } = TARGET_OPTIONS;

export const schemaLintCommand: CommandSpec = {
  name: 'schema-lint',
  summary: 'Lint the schema: tenant column, foreign keys, audit columns, indexes, primary keys, slow queries (§5.1–5.3, §6)',
  help: [
    'Examples:',
    '  platform-kit schema-lint                                   # replays ./supabase/migrations: findings at file and line',
    '  platform-kit schema-lint --database-url "$DATABASE_URL" --slow-queries --format json',
    '  platform-kit schema-lint --inventory inv.json --format sarif --output schema.sarif',
    '',
    'Slow queries (--slow-queries or schemaLint.slowQueries.enabled) need a live database with the',
    'pg_stat_statements extension; EXPLAIN ANALYZE only with schemaLint.slowQueries.analyze: true.',
    '',
    TARGET_HELP,
  ].join('\n'),
  options: {
    ...targetOptions,
    'slow-queries': {
      type: 'boolean',
      description: 'Also report statements slower than schemaLint.slowQueries.thresholdMs (pg_stat_statements, live database only)',
    },
  },
  run: async ({ values }, context) => {
    const config = loadCommandConfig(context);
    const report = await schemaLint({
      target: targetOf(values, context),
      config,
      ...(values['slow-queries'] === true ? { slowQueries: true } : {}),
      options: { root: context.cwd },
    });
    return { kind: 'report', report };
  },
};
