import { z } from 'zod';

/**
 * The `schemaLint` section of .platform-kit.yml. Owned by the schema-lint feature; every key has a
 * default. Table lists are "schema.table" patterns (`*` matches any run of characters); column lists
 * are "schema.table.column" patterns.
 */

/** Schemas Supabase manages: their tables are not the project's to change, so schema-lint skips them. */
export const SUPABASE_MANAGED_SCHEMAS = [
  'auth',
  'storage',
  'extensions',
  'graphql',
  'graphql_public',
  'realtime',
  '_realtime',
  'supabase_functions',
  'supabase_migrations',
  'vault',
  'pgsodium',
  'pgsodium_masks',
  'net',
  'cron',
  'pgbouncer',
  'pgmq',
  'information_schema',
] as const;

const patterns = z.array(z.string().min(1));

const softForeignKeysSchema = z
  .object({
    /** Column-name suffixes that make a column look like a reference to another table's row. */
    suffixes: z.array(z.string().min(1)).default(['_id', '_uuid']),
    /** Columns that look like references but are not ("schema.table.column" patterns), e.g. ids of external systems. */
    ignoreColumns: patterns.default([]),
  })
  .strict();

const slowQueriesSchema = z
  .object({
    /** Read pg_stat_statements and EXPLAIN the slow statements (§6.1). Off unless asked for: it needs a live database. */
    enabled: z.boolean().default(false),
    /** A statement is slow when its mean execution time is above this many milliseconds (§6.1: 1 s). */
    thresholdMs: z.number().positive().default(1000),
    /** At most this many statements are reported, slowest first. */
    limit: z.number().int().positive().default(20),
    /**
     * EXPLAIN ANALYZE executes the statement. Off by default; when on it only runs for SELECTs, in a
     * READ ONLY transaction that is always rolled back.
     */
    analyze: z.boolean().default(false),
    /** A sequential scan is worth an index suggestion on a table with at least this many (estimated) rows. */
    largeTableRows: z.number().int().nonnegative().default(10_000),
  })
  .strict();

export const schemaLintConfigSchema = z
  .object({
    /**
     * More schemas whose tables schema-lint never checks. Supabase's own (SUPABASE_MANAGED_SCHEMAS)
     * are always skipped: a project cannot change them, so a list here adds to them, never replaces them.
     */
    ignoreSchemas: z.array(z.string().min(1)).default([]),
    /**
     * §5.1: every table in the exposed schemas is tenant-scoped and must have the tenant column,
     * except `tenantExemptTables`. Off by default (then only `tenancy.tables` decides).
     */
    requireTenantColumn: z.boolean().default(false),
    /** Tables in exposed schemas that are shared by all tenants (lookup tables, the tenants table itself). */
    tenantExemptTables: patterns.default([]),
    /** §5.3: tables that must carry the timestamp columns: "all" (every checked table) or patterns. */
    timestampTables: z.union([z.literal('all'), patterns]).default('all'),
    /** §5.3: the timestamp columns every such table carries. */
    timestampColumns: z.array(z.string().min(1)).default(['created_at', 'updated_at']),
    /** §5.3: the actor columns critical tables (top-level `criticalTables`) carry. */
    actorColumns: z.array(z.string().min(1)).default(['created_by', 'updated_by']),
    softForeignKeys: softForeignKeysSchema.default({ suffixes: ['_id', '_uuid'], ignoreColumns: [] }),
    slowQueries: slowQueriesSchema.default({ enabled: false, thresholdMs: 1000, limit: 20, analyze: false, largeTableRows: 10_000 }),
  })
  .strict();

export type SchemaLintConfig = z.infer<typeof schemaLintConfigSchema>;
