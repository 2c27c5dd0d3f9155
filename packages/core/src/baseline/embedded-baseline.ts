import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from '../db/port.js';
import { quoteIdent } from '../db/port.js';
import { openEmbedded } from '../db/embedded.js';
import { sqlDir } from '../sql-files.js';
import { sha256Hex } from '../text/sha256.js';
import { applySupabaseBaseline, supabaseBaselineSql } from './apply.js';

/**
 * Embedded databases that start with the Supabase baseline applied (what the migrations replay
 * builds on). A fresh PGlite runs initdb, about 2.6 s of a replay's cold start; a data directory
 * with the baseline already applied loads in about 1.1 s in a fresh process (0.5 s once PGlite's
 * WebAssembly is compiled). So:
 *  - the repository ships one, `sql/baseline/supabase.pglite.tar.gz` (scripts/build-pglite-baseline.ts
 *    writes it; its manifest names the PGlite version, the baseline's SHA-256 and the extensions),
 *    used when the manifest matches the baseline SQL in use and the archive loads;
 *  - otherwise the first baseline of a process is built with initdb, dumped for later replays and
 *    handed to its caller as it is (loading the dump back would cost a one-shot process 0.5 s).
 * Either way each extension set's dump is kept per process, not the instance, so nothing holds the
 * process open.
 */

/** Extensions every Supabase project has, installed in schema `extensions` before the first migration. */
export const SUPABASE_DEFAULT_EXTENSIONS: readonly string[] = ['pgcrypto', 'uuid-ossp'];

export const SHIPPED_BASELINE_ARCHIVE = 'baseline/supabase.pglite.tar.gz';
export const SHIPPED_BASELINE_MANIFEST = 'baseline/supabase.pglite.json';

export interface ShippedBaselineManifest {
  /** The @electric-sql/pglite version that wrote the archive (a data directory is tied to it). */
  pglite: string;
  /** SHA-256 of sql/baseline/supabase.sql as applied. */
  baselineSha256: string;
  /** Extensions created in schema `extensions`. */
  extensions: string[];
  /** SHA-256 of the archive itself. */
  archiveSha256: string;
}

/** The shipped data directory, if its manifest matches the baseline in use; undefined otherwise. */
export function shippedBaselineArchive(): Blob | undefined {
  const dir = sqlDir();
  const manifestPath = path.join(dir, SHIPPED_BASELINE_MANIFEST);
  const archivePath = path.join(dir, SHIPPED_BASELINE_ARCHIVE);
  if (!existsSync(manifestPath) || !existsSync(archivePath)) return undefined;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ShippedBaselineManifest;
  if (manifest.baselineSha256 !== sha256Hex(supabaseBaselineSql())) return undefined;
  if (manifest.extensions.join(',') !== SUPABASE_DEFAULT_EXTENSIONS.join(',')) return undefined;
  return new Blob([readFileSync(archivePath)]);
}

/** Per extension set: a dump of a database with the baseline applied. */
const dumps = new Map<string, Promise<Blob>>();

/** A fresh embedded database with the Supabase baseline and the given contrib extensions loadable. */
export async function openBaseline(extensions: readonly string[] = SUPABASE_DEFAULT_EXTENSIONS): Promise<Db & { pglite: PGlite }> {
  const set = [...new Set([...SUPABASE_DEFAULT_EXTENSIONS, ...extensions])].sort();
  const cacheKey = set.join(',');
  const dump = dumps.get(cacheKey);
  if (dump) return openEmbedded({ extensions: set, loadDataDir: await dump });

  // The contrib extensions a migration creates need only be loadable: the shipped archive serves
  // every extension set.
  const shipped = shippedBaselineArchive();
  if (shipped) {
    try {
      const db = await openEmbedded({ extensions: set, loadDataDir: shipped });
      dumps.set(cacheKey, Promise.resolve(shipped));
      return db;
    } catch {
      // An archive this PGlite cannot start from (another catalog version): build the baseline below.
    }
  }
  return buildBaseline(set, cacheKey);
}

/** initdb, the baseline and the default extensions; dumped for the next caller, returned open to this one. */
async function buildBaseline(set: string[], cacheKey: string): Promise<Db & { pglite: PGlite }> {
  let settle!: { resolve: (dump: Blob) => void; reject: (error: unknown) => void };
  const dump = new Promise<Blob>((resolve, reject) => (settle = { resolve, reject }));
  dumps.set(cacheKey, dump);
  dump.catch(() => dumps.delete(cacheKey));
  let db: (Db & { pglite: PGlite }) | undefined;
  try {
    db = await openEmbedded({ extensions: set });
    await applyBaselineWithExtensions(db);
    settle.resolve(await db.pglite.dumpDataDir('none'));
    return db;
  } catch (error) {
    settle.reject(error);
    await db?.close();
    throw error;
  }
}

/** What the shipped archive holds, on any database: the baseline, then the default extensions. */
export async function applyBaselineWithExtensions(db: Db): Promise<void> {
  await applySupabaseBaseline(db);
  for (const ext of SUPABASE_DEFAULT_EXTENSIONS) {
    await db.exec(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(ext)} WITH SCHEMA extensions`);
  }
}
