import type { Db } from '../db/port.js';
import { readSql } from '../sql-files.js';

/** The baseline's location under sql/ (also read by tools that print or ship it). */
export const SUPABASE_BASELINE_FILE = 'baseline/supabase.sql';

let cached: string | undefined;

/** The baseline SQL text (read once per process). */
export function supabaseBaselineSql(): string {
  cached ??= readSql(SUPABASE_BASELINE_FILE);
  return cached;
}

/**
 * Gives a plain PostgreSQL or PGlite what a fresh Supabase project has: the API and admin roles,
 * the auth/storage/extensions/... schemas, auth.users and the JWT helpers, storage.buckets and
 * storage.objects, and Supabase's default privileges. Idempotent and safe to run concurrently
 * from several databases of one server (roles are cluster-wide).
 */
export async function applySupabaseBaseline(db: Db): Promise<void> {
  await db.exec(supabaseBaselineSql());
}
