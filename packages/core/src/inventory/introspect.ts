import { z } from 'zod';
import type { Db } from '../db/port.js';
import { runtimeError } from '../errors.js';
import { rememberCatalogTrees } from '../parser/catalog-trees.js';
import { readCatalog, type CatalogReadOptions, type RawCatalog } from './catalog-read.js';
import { INVENTORY_FORMAT_VERSION, InventorySchema, type Inventory } from './schema.js';

export { catalogSql } from './catalog-read.js';

/**
 * Introspection (§1.2): reads the catalog into an Inventory in a constant number of round trips,
 * whatever the schema size (catalog-read.ts: one query for every section, each a JSON array built
 * by a file in sql/introspection/, plus one for storage buckets when the database has them), then
 * validates what came back. The two halves are separate so the read can start before the rest of
 * the engine has loaded (prefetch.ts).
 */
export interface IntrospectOptions extends CatalogReadOptions {
  /** Printable origin with no secret in it (becomes `inventory.source`). */
  source?: string;
}

const ServerInfoSchema = z.object({ version: z.string(), versionNum: z.number().int(), hasBuckets: z.boolean() });

export async function introspect(db: Db, options: IntrospectOptions = {}): Promise<Inventory> {
  return buildInventory(await readCatalog(db, options), options.source ?? db.description);
}

/**
 * zod compiles a fast path for object schemas on first use (generated code, `new Function`). On a
 * small catalog that compile costs more than it saves (measured on a gate's cold start: ~20 ms of
 * 30 ms validating a Supabase baseline); from a few hundred objects on, the compiled path wins.
 */
const JIT_THRESHOLD = 500;

function objectCount(raw: RawCatalog): number {
  return Object.values(raw.sections).reduce<number>((sum, section) => sum + (Array.isArray(section) ? section.length : 0), 0);
}

/** Validates a catalog read into an Inventory. A shape the schema does not expect is a bug here, not the user's input. */
export function buildInventory(raw: RawCatalog, source: string): Inventory {
  const serverInfo = ServerInfoSchema.safeParse(raw.server);
  if (!serverInfo.success) throw runtimeError(`introspection returned an unexpected server description: ${serverInfo.error.issues[0].message}`);
  const candidate = {
    formatVersion: INVENTORY_FORMAT_VERSION,
    capturedAt: new Date().toISOString(),
    server: { version: serverInfo.data.version, versionNum: serverInfo.data.versionNum },
    source,
    ...raw.sections,
    buckets: raw.buckets,
  };
  const parsed = InventorySchema.safeParse(candidate, { jitless: objectCount(raw) < JIT_THRESHOLD });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw runtimeError(`introspection returned an unexpected shape at ${issue.path.join('.')}: ${issue.message}`);
  }
  // Policy rules read these trees instead of parsing the printed expressions (see catalog-trees.ts).
  rememberCatalogTrees(raw.policyTrees);
  return parsed.data;
}
