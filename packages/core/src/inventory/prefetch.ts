import type { Db } from '../db/port.js';
import { connectServer, connectServerAndSend, describeDriverError } from '../db/server.js';
import { PlatformKitError } from '../errors.js';
import { catalogReadSettings, catalogSql, completeCatalog, readCatalog, type CatalogReadOptions, type RawCatalog } from './catalog-read.js';

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
  /**
   * Settles (never rejects) once the catalog query is on the wire, or the connection failed.
   * Await it before loading anything big: until then the read needs this thread for the
   * connection's handshake.
   */
  readonly sent: Promise<void>;
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
 * Starts reading the catalog now and returns without waiting. BEGIN, the settings and the catalog
 * query go out as one message the moment the connection is up (no turn of this thread needed
 * between them); storage buckets, when the database has them, are a second query. A failure is
 * kept for whoever awaits `catalog` (it is marked handled here, so a run that fails earlier for
 * another reason does not also die of an unhandled rejection).
 */
export function prefetchCatalog(url: string, options: LiveCatalogOptions = {}): CatalogPrefetch {
  const { connected, rows } = connectServerAndSend(url, `BEGIN READ ONLY; ${catalogReadSettings(options)}; ${catalogSql()}`, {
    connectTimeoutMs: options.connectTimeoutMs ?? 10_000,
  });
  const catalog = (async () => {
    let db: Db | undefined;
    try {
      db = await connected;
      const [row] = await rows;
      // Read-only: closing the connection ends the transaction; no COMMIT round trip needed.
      return await completeCatalog(db, row);
    } catch (error) {
      if (error instanceof PlatformKitError) throw error;
      throw describeDriverError(error, url, 'query');
    } finally {
      await db?.close();
    }
  })();
  catalog.catch(() => undefined);
  return { url, catalog, sent: connected.then(() => undefined, () => undefined) };
}
