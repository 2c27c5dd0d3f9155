import type { PGlite } from '@electric-sql/pglite';
import { TransactionalDb, type Db, type QueryResult } from './port.js';

/**
 * Contrib extensions PGlite ships as loadable bundles. PGlite needs them at start-up
 * (`PGlite.create({ extensions })`), so the replay asks for the ones its migrations create.
 */
const CONTRIB_LOADERS: Record<string, () => Promise<unknown>> = {
  pgcrypto: async () => (await import('@electric-sql/pglite/contrib/pgcrypto')).pgcrypto,
  'uuid-ossp': async () => (await import('@electric-sql/pglite/contrib/uuid_ossp')).uuid_ossp,
  citext: async () => (await import('@electric-sql/pglite/contrib/citext')).citext,
  pg_trgm: async () => (await import('@electric-sql/pglite/contrib/pg_trgm')).pg_trgm,
  hstore: async () => (await import('@electric-sql/pglite/contrib/hstore')).hstore,
  ltree: async () => (await import('@electric-sql/pglite/contrib/ltree')).ltree,
  unaccent: async () => (await import('@electric-sql/pglite/contrib/unaccent')).unaccent,
  fuzzystrmatch: async () => (await import('@electric-sql/pglite/contrib/fuzzystrmatch')).fuzzystrmatch,
  btree_gin: async () => (await import('@electric-sql/pglite/contrib/btree_gin')).btree_gin,
  btree_gist: async () => (await import('@electric-sql/pglite/contrib/btree_gist')).btree_gist,
  cube: async () => (await import('@electric-sql/pglite/contrib/cube')).cube,
  earthdistance: async () => (await import('@electric-sql/pglite/contrib/earthdistance')).earthdistance,
  moddatetime: async () => (await import('@electric-sql/pglite/contrib/moddatetime')).moddatetime,
  pg_stat_statements: async () => (await import('@electric-sql/pglite/contrib/pg_stat_statements')).pg_stat_statements,
};

/** Extension names the embedded database can install (besides plpgsql, which is built in). */
export const EMBEDDED_EXTENSIONS: readonly string[] = Object.keys(CONTRIB_LOADERS);

export interface EmbeddedOptions {
  /** Extension names to make installable; names PGlite does not ship are ignored here (the replay warns). */
  extensions?: readonly string[];
  /** A directory to persist to (e.g. `.platform-kit/ops`); in memory when absent. */
  dataDir?: string;
  /** A data directory dump (`pglite.dumpDataDir()`) to start from: a prepared baseline starts in a fraction of initdb's time. */
  loadDataDir?: Blob;
}

class EmbeddedDb extends TransactionalDb implements Db {
  readonly kind = 'embedded' as const;
  readonly description: string;

  constructor(
    readonly pglite: PGlite,
    dataDir?: string,
  ) {
    super();
    this.description = dataDir ? `embedded PostgreSQL (${dataDir})` : 'embedded PostgreSQL (in memory)';
  }

  async query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
    const result = await this.pglite.query<Row>(sql, params as unknown[] | undefined);
    return { rows: result.rows };
  }

  async exec(sql: string): Promise<void> {
    await this.pglite.exec(sql);
  }


  async close(): Promise<void> {
    // Without close() the WebAssembly instance keeps the process alive.
    if (!this.pglite.closed) await this.pglite.close();
  }
}

/** Starts an embedded PostgreSQL (PGlite, PostgreSQL 18) in this process. About 2.6 s. */
export async function openEmbedded(options: EmbeddedOptions = {}): Promise<Db & { pglite: PGlite }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const extensions: Record<string, unknown> = {};
  for (const name of options.extensions ?? []) {
    const load = CONTRIB_LOADERS[name];
    if (load) extensions[name.replace(/-/g, '_')] = await load();
  }
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    extensions: extensions as never,
  });
  return new EmbeddedDb(pglite, options.dataDir);
}

/** Wraps an existing PGlite (e.g. a `clone()` of a prepared baseline) in the port. */
export function wrapEmbedded(pglite: PGlite, dataDir?: string): Db & { pglite: PGlite } {
  return new EmbeddedDb(pglite, dataDir);
}
