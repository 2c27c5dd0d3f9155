import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describeConnectionString } from '../db/connection-string.js';
import { buildInventory } from '../inventory/introspect.js';
import { readLiveCatalog, type CatalogPrefetch } from '../inventory/prefetch.js';
import { InventorySchema, type Inventory } from '../inventory/schema.js';
import type { Notice, ReportTarget } from '../report/report.js';
import { inputError } from '../errors.js';

/**
 * Where an inventory comes from. The first one given wins, in this order: a live database (read-only
 * introspection), a saved inventory file, a migrations directory replayed into the embedded
 * database. With none given, `supabase/migrations` under `root` is replayed.
 */
export interface ScanTarget {
  databaseUrl?: string;
  migrationsDir?: string;
  inventoryFile?: string;
  /** A catalog read of `databaseUrl` started earlier (prefetchCatalog); used when its URL is the target's. */
  prefetched?: CatalogPrefetch;
}

export interface LoadInventoryOptions {
  /** Paths (migration locations, target descriptions) are written relative to this; default the working directory. */
  root?: string;
  /** Milliseconds to wait for a live database to accept the connection (default 10 s). */
  connectTimeoutMs?: number;
  /** statement_timeout for the catalog query on a live database (default 120 s). */
  statementTimeoutMs?: number;
}

export interface LoadedInventory {
  inventory: Inventory;
  notices: Notice[];
  target: ReportTarget;
}

export const DEFAULT_MIGRATIONS_DIR = 'supabase/migrations';

export async function loadInventory(target: ScanTarget, options: LoadInventoryOptions = {}): Promise<LoadedInventory> {
  const root = options.root ?? process.cwd();
  const notices: Notice[] = [];
  const given = (['databaseUrl', 'inventoryFile', 'migrationsDir'] as const).filter((k) => target[k]);
  if (given.length > 1) {
    notices.push({ message: `several targets given (${given.join(', ')}): using ${given[0]}` });
  }

  if (target.databaseUrl) {
    const loaded = await fromDatabase(target.databaseUrl, options, target.prefetched);
    return { ...loaded, notices: [...notices, ...loaded.notices] };
  }
  if (target.inventoryFile) {
    return { inventory: fromInventoryFile(target.inventoryFile, root), notices, target: { kind: 'inventory', description: relative(root, target.inventoryFile) } };
  }
  const dir = path.resolve(root, target.migrationsDir ?? DEFAULT_MIGRATIONS_DIR);
  // Imported here, not at the top: a run against a live database never loads the replay (or PGlite).
  const { replayMigrations } = await import('../replay/replay.js');
  const replay = await replayMigrations(dir, { root });
  return {
    inventory: replay.inventory,
    notices: [...notices, ...replay.notices],
    target: { kind: 'migrations', description: relative(root, dir) },
  };
}

/** Live database: one connection, one read-only transaction, always closed (prefetch.ts). */
async function fromDatabase(url: string, options: LoadInventoryOptions, prefetched?: CatalogPrefetch): Promise<LoadedInventory> {
  const description = describeConnectionString(url);
  const raw = await (prefetched?.url === url
    ? prefetched.catalog
    : readLiveCatalog(url, { connectTimeoutMs: options.connectTimeoutMs, statementTimeoutMs: options.statementTimeoutMs }));
  return { inventory: buildInventory(raw, description), notices: [], target: { kind: 'database', description } };
}

/** A saved inventory (`platform-kit scan --save-inventory`, the control plane's snapshots), validated. */
export function fromInventoryFile(file: string, root: string = process.cwd()): Inventory {
  const shown = relative(root, file);
  let text: string;
  try {
    text = readFileSync(path.resolve(root, file), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw inputError(`cannot read inventory file ${shown}${code === 'ENOENT' ? ': no such file' : `: ${(error as Error).message}`}`, { file: shown });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw inputError(`inventory file ${shown} is not valid JSON: ${(error as Error).message}`, { file: shown });
  }
  const parsed = InventorySchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '(top level)';
    throw inputError(`inventory file ${shown} does not match the inventory format at ${where}: ${issue.message}`, { file: shown });
  }
  return parsed.data;
}

function relative(root: string, p: string): string {
  return path.relative(root, path.resolve(root, p)).split(path.sep).join('/') || '.';
}
