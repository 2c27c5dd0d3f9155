import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/port.js';
import { readSql, sqlDir } from '../sql-files.js';
import { sha256Hex } from '../text/sha256.js';
import { inputError } from '../errors.js';

/** One control-plane migration file (sql/ops/NNNN_name.sql). */
export interface OpsMigration {
  filename: string;
  sql: string;
  checksum: string;
}

export interface MigrateOpsResult {
  /** Files run by this call (new ones, or ones whose content changed since they were recorded). */
  applied: string[];
  /** Files already recorded with the same checksum. */
  unchanged: string[];
}

// Any fixed 64-bit key works; it only has to be the same in every migrator.
const MIGRATE_LOCK_SQL = "SELECT pg_advisory_xact_lock(hashtext('platform_kit.ops.migrate'))";

/** The ops migrations shipped with this version, in file-name order. */
export function opsMigrations(): OpsMigration[] {
  const dir = path.join(sqlDir(), 'ops');
  return readdirSync(dir)
    .filter((name) => /^\d{4}_[a-z0-9_]+\.sql$/.test(name))
    .sort()
    .map((filename) => {
      const sql = readSql(`ops/${filename}`);
      return { filename, sql, checksum: sha256Hex(sql) };
    });
}

/**
 * Applies the `ops` migrations in one transaction under an advisory lock, so two migrators started
 * at once (two nightly jobs) queue instead of racing. Each file is idempotent, so a file whose
 * content changed since it was recorded is simply run again; its new checksum is recorded.
 */
export async function migrateOps(db: Db, migrations: OpsMigration[] = opsMigrations()): Promise<MigrateOpsResult> {
  if (migrations.length === 0) throw inputError('no ops migrations found in sql/ops');
  return db.transaction(async (tx) => {
    await tx.query(MIGRATE_LOCK_SQL);
    await tx.exec(`CREATE SCHEMA IF NOT EXISTS ops;
      CREATE TABLE IF NOT EXISTS ops.schema_migrations (
        filename text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())`);
    const recorded = new Map(
      (await tx.query<{ filename: string; checksum: string }>('SELECT filename, checksum FROM ops.schema_migrations')).rows.map(
        (r) => [r.filename, r.checksum],
      ),
    );
    const result: MigrateOpsResult = { applied: [], unchanged: [] };
    for (const migration of migrations) {
      if (recorded.get(migration.filename) === migration.checksum) {
        result.unchanged.push(migration.filename);
        continue;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw inputError(`ops migration ${migration.filename} failed: ${(error as Error).message}`, { file: `sql/ops/${migration.filename}` });
      }
      await tx.query(
        `INSERT INTO ops.schema_migrations (filename, checksum) VALUES ($1, $2)
         ON CONFLICT (filename) DO UPDATE SET checksum = excluded.checksum, applied_at = now(), updated_at = now()`,
        [migration.filename, migration.checksum],
      );
      result.applied.push(migration.filename);
    }
    return result;
  });
}
