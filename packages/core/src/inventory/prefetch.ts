import { connectServer, describeDriverError } from '../db/server.js';
import { PlatformKitError } from '../errors.js';
import { readCatalog, type CatalogReadOptions, type RawCatalog } from './catalog-read.js';

/**
 * Reading a live database's catalog is mostly waiting: for the connection, then for the server to
 * run the catalog query (100–150 ms on a fresh backend, measured, whatever the schema size below a
 * few hundred tables). A short-lived process such as a GitHub Action can start that read first and
 * load the rest of the engine while the server works: this module imports only the database driver
 * and the catalog query (the `@platform-kit/core/prefetch` entry), and `loadInventory` picks the
 * result up through `ScanTarget.prefetched`.
 */
export interface CatalogPrefetch {
  /** The connection string the read was started for; a target with another URL reads on its own. */
  readonly url: string;
  /** The raw catalog; rejects with the same errors a scan reports (connection, query), secrets masked. */
  readonly catalog: Promise<RawCatalog>;
}

export interface LiveCatalogOptions extends CatalogReadOptions {
  /** Milliseconds to wait for the server to accept the connection (default 10 s). */
  connectTimeoutMs?: number;
}

/** Connects, reads the catalog in one read-only transaction, and closes the connection. */
export async function readLiveCatalog(url: string, options: LiveCatalogOptions = {}): Promise<RawCatalog> {
  const db = await connectServer(url, { connectTimeoutMs: options.connectTimeoutMs ?? 10_000 });
  try {
    return await readCatalog(db, options);
  } catch (error) {
    if (error instanceof PlatformKitError) throw error;
    // A statement error (timeout, permission) keeps its driver shape: describe it without secrets.
    throw describeDriverError(error, url, 'query');
  } finally {
    await db.close();
  }
}

/**
 * Starts `readLiveCatalog` now and returns without waiting. A failure is kept for whoever awaits
 * `catalog` (it is marked handled here, so a run that fails earlier for another reason does not
 * also die of an unhandled rejection).
 */
export function prefetchCatalog(url: string, options: LiveCatalogOptions = {}): CatalogPrefetch {
  const catalog = readLiveCatalog(url, options);
  catalog.catch(() => undefined);
  return { url, catalog };
}
