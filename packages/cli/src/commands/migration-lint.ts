import { lintMigrations, loadConfig, ruleCatalogue, usageError } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

export const DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';

export const migrationLintCommand: CommandSpec = {
  name: 'migration-lint',
  summary: 'Lint migration files with the PostgreSQL parser: unsafe, non-idempotent and insecure DDL (§1.4, §2, §8.2)',
  help: [
    'Arguments: migration files or folders (default: supabase/migrations). Folders expand to <version>_<name>.sql',
    'files in the order the Supabase CLI applies them.',
    'With --base-ref, only the files changed since the merge base with REF are reported; earlier files are still',
    'read so that rules know which tables already exist.',
    'Suppress one finding with a comment on the line before the statement (a reason is required):',
    '  -- platform-kit-ignore drop-table: rows archived in 20240101000000_archive.sql',
    'or for the whole file: -- platform-kit-ignore-file <rule-id>: <reason>',
    'Examples:',
    '  platform-kit migration-lint',
    '  platform-kit migration-lint supabase/migrations/20240101000000_orders.sql --format json',
    '  platform-kit migration-lint --base-ref origin/main --format sarif --output migration-lint.sarif',
  ].join('\n'),
  allowPositionals: true,
  options: {
    'base-ref': { type: 'string', description: 'Pull-request mode: report only files changed since the merge base with this ref' },
  },
  async run({ values, positionals }, context) {
    const baseRef = typeof values['base-ref'] === 'string' ? values['base-ref'] : undefined;
    if (baseRef === '') throw usageError('--base-ref needs a git ref, e.g. origin/main');
    const { config } = loadConfig({
      ...(context.common.config ? { explicitPath: context.common.config } : {}),
      cwd: context.cwd,
      knownRuleIds: ruleCatalogue().map((rule) => rule.id),
    });
    const report = await lintMigrations({
      paths: positionals.length > 0 ? positionals : [DEFAULT_MIGRATIONS_DIR],
      config,
      cwd: context.cwd,
      ...(baseRef ? { changedOnly: { baseRef, cwd: context.cwd } } : {}),
    });
    return { kind: 'report', report };
  },
};
