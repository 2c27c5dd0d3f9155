import type { Db } from '../db/port.js';
import { readSql } from '../sql-files.js';

/**
 * The I/O half of introspection: one READ ONLY transaction that reads the whole catalog in a
 * constant number of round trips (one query for every section, one more for storage buckets when
 * the database has them). Nothing here validates: `buildInventory` (introspect.ts) does, so this
 * module stays small enough to load before the rest of the engine (see prefetch.ts).
 */
export interface CatalogReadOptions {
  /** statement_timeout for the catalog query, in milliseconds (default 120 s). */
  statementTimeoutMs?: number;
  /** lock_timeout, in milliseconds (default 5 s): a scan must never queue behind a migration. */
  lockTimeoutMs?: number;
}

/** Inventory section → the file in sql/introspection/ that computes it. */
export const CATALOG_SECTIONS = {
  schemas: 'schemas.sql',
  tables: 'tables.sql',
  policies: 'policies.sql',
  functions: 'functions.sql',
  views: 'views.sql',
  foreignTables: 'foreign-tables.sql',
  extensions: 'extensions.sql',
  indexes: 'indexes.sql',
  foreignKeys: 'foreign-keys.sql',
  tableGrants: 'table-grants.sql',
  columnGrants: 'column-grants.sql',
  triggers: 'triggers.sql',
  roles: 'roles.sql',
} as const;

export type CatalogSection = keyof typeof CATALOG_SECTIONS;

/** What the catalog query returned, JSON-decoded but not yet validated. */
export interface RawCatalog {
  server: unknown;
  sections: Record<CatalogSection, unknown>;
  buckets: unknown;
  /**
   * The server's syntax trees of policy expressions and the names they refer to (not part of the
   * inventory: they let rules read policies without loading a SQL parser, parser/catalog-trees.ts).
   */
  policyTrees: unknown;
}

let catalogQuery: string | undefined;
let bucketsQuery: string | undefined;

/** The one catalog query: `SELECT (<section sql>) AS "<section>", ...`. */
export function catalogSql(): string {
  if (!catalogQuery) {
    const columns = Object.entries(CATALOG_SECTIONS).map(([section, file]) => `${readSql(`introspection/${file}`).trim()} as "${section}"`);
    columns.unshift(`${readSql('introspection/server.sql').trim()} as "server"`);
    columns.push(`${readSql('introspection/policy-trees.sql').trim()} as "policyTrees"`);
    catalogQuery = `select\n${columns.join(',\n')}`;
  }
  return catalogQuery;
}

function bucketsSql(): string {
  bucketsQuery ??= `select ${readSql('introspection/buckets.sql').trim()} as "buckets"`;
  return bucketsQuery;
}

/** Drivers return json columns parsed (pg, PGlite); accept text too, in case a driver does not. */
function parsedJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value;
}

/**
 * tables.sql sends each column as a positional array (cheaper to build for 100,000 columns than an
 * object per column); this names the fields. Anything unexpected is left for validation to reject.
 */
const COLUMN_FIELDS = ['name', 'type', 'notNull', 'default', 'identity', 'generated', 'comment'] as const;

function withNamedColumns(tables: unknown): unknown {
  if (!Array.isArray(tables)) return tables;
  for (const table of tables as { columns?: unknown }[]) {
    if (!Array.isArray(table?.columns)) continue;
    table.columns = table.columns.map((column: unknown) =>
      Array.isArray(column) ? Object.fromEntries(COLUMN_FIELDS.map((field, i) => [field, column[i]])) : column,
    );
  }
  return tables;
}

/** The transaction settings of a catalog read: statement and lock timeouts, and JIT off. */
export function catalogReadSettings(options: CatalogReadOptions = {}): string {
  const statementTimeout = Math.max(1, Math.trunc(options.statementTimeoutMs ?? 120_000));
  const lockTimeout = Math.max(1, Math.trunc(options.lockTimeoutMs ?? 5_000));
  // JIT off: on large catalogs the JIT compile of these queries cost more than running them.
  return `SET LOCAL statement_timeout = ${statementTimeout}; SET LOCAL lock_timeout = ${lockTimeout}; SET LOCAL jit = off`;
}

/** Reads the catalog in one READ ONLY transaction with statement and lock timeouts, and JIT off. */
export async function readCatalog(db: Db, options: CatalogReadOptions = {}): Promise<RawCatalog> {
  return db.transaction(async (tx) => {
    await tx.exec(`SET TRANSACTION READ ONLY; ${catalogReadSettings(options)}`);
    const { rows } = await tx.query<Record<string, unknown>>(catalogSql());
    return completeCatalog(tx, rows[0]);
  });
}

/**
 * Decodes the catalog query's row, and reads storage buckets (a second query, inside the same
 * transaction) when the database has them.
 */
export async function completeCatalog(tx: Db, row: Record<string, unknown>): Promise<RawCatalog> {
  const server = parsedJson(row.server);
  let buckets: unknown = [];
  if ((server as { hasBuckets?: unknown } | null)?.hasBuckets === true) {
    const result = await tx.query<{ buckets: unknown }>(bucketsSql());
    buckets = parsedJson(result.rows[0].buckets);
  }
  const sections = Object.fromEntries((Object.keys(CATALOG_SECTIONS) as CatalogSection[]).map((s) => [s, parsedJson(row[s])])) as Record<CatalogSection, unknown>;
  sections.tables = withNamedColumns(sections.tables);
  return { server, sections, buckets, policyTrees: parsedJson(row.policyTrees) };
}
