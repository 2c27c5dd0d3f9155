import { z } from 'zod';
import type { Db } from '../db/port.js';
import { readSql } from '../sql-files.js';
import { runtimeError } from '../errors.js';
import { INVENTORY_FORMAT_VERSION, InventorySchema, type Inventory } from './schema.js';

/**
 * Introspection (§1.2): reads the catalog into an Inventory in a constant number of round trips,
 * whatever the schema size. All sections come back from ONE query (each section a JSON array built
 * by a file in sql/introspection/), plus one more for storage buckets when the database has them.
 * It runs in one READ ONLY transaction with statement and lock timeouts, and JIT off: on large
 * catalogs the JIT compile of these queries cost more than running them.
 */
export interface IntrospectOptions {
  /** Printable origin with no secret in it (becomes `inventory.source`). */
  source?: string;
  /** statement_timeout for the catalog query, in milliseconds (default 120 s). */
  statementTimeoutMs?: number;
  /** lock_timeout, in milliseconds (default 5 s): a scan must never queue behind a migration. */
  lockTimeoutMs?: number;
}

/** Inventory section → the file that computes it. */
const SECTIONS = {
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

type Section = keyof typeof SECTIONS;

const ServerInfoSchema = z.object({ version: z.string(), versionNum: z.number().int(), hasBuckets: z.boolean() });

let catalogQuery: string | undefined;
let bucketsQuery: string | undefined;

/** The one catalog query: `SELECT (<section sql>) AS "<section>", ...`. */
export function catalogSql(): string {
  if (!catalogQuery) {
    const columns = Object.entries(SECTIONS).map(([section, file]) => `${readSql(`introspection/${file}`).trim()} as "${section}"`);
    columns.unshift(`${readSql('introspection/server.sql').trim()} as "server"`);
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
 * object per column); this names the fields. Anything unexpected is left for zod to reject.
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

export async function introspect(db: Db, options: IntrospectOptions = {}): Promise<Inventory> {
  const statementTimeout = Math.max(1, Math.trunc(options.statementTimeoutMs ?? 120_000));
  const lockTimeout = Math.max(1, Math.trunc(options.lockTimeoutMs ?? 5_000));
  const raw = await db.transaction(async (tx) => {
    await tx.exec(
      `SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = ${statementTimeout}; ` +
        `SET LOCAL lock_timeout = ${lockTimeout}; SET LOCAL jit = off`,
    );
    const { rows } = await tx.query<Record<string, unknown>>(catalogSql());
    const row = rows[0];
    const server = ServerInfoSchema.parse(parsedJson(row.server));
    let buckets: unknown = [];
    if (server.hasBuckets) {
      const result = await tx.query<{ buckets: unknown }>(bucketsSql());
      buckets = parsedJson(result.rows[0].buckets);
    }
    const sections = Object.fromEntries((Object.keys(SECTIONS) as Section[]).map((s) => [s, parsedJson(row[s])]));
    sections.tables = withNamedColumns(sections.tables);
    return { server, sections, buckets };
  });

  const candidate = {
    formatVersion: INVENTORY_FORMAT_VERSION,
    capturedAt: new Date().toISOString(),
    server: { version: raw.server.version, versionNum: raw.server.versionNum },
    source: options.source ?? db.description,
    ...raw.sections,
    buckets: raw.buckets,
  };
  const parsed = InventorySchema.safeParse(candidate);
  if (!parsed.success) {
    // A catalog shape the schema does not expect is a bug here, not the user's input.
    const issue = parsed.error.issues[0];
    throw runtimeError(`introspection returned an unexpected shape at ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}
