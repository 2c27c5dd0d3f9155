export { lintMigrations, type LintMigrationsOptions } from './lint.js';
export { MIGRATION_RULES, ENGINE_RULES, MIGRATION_RULE_METAS } from './rules/index.js';
export { expandMigrationPaths, changedFiles, MIGRATION_FILE_PATTERN } from './files.js';
export type { MigrationRule, MigrationContext, MigrationFinding, ParsedMigration, SqlComment, TableLookup } from './types.js';
