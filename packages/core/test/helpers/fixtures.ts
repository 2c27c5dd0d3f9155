import { createTestDatabase, type TestDatabase } from './database.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { introspect } from '../../src/inventory/introspect.js';
import type { Inventory } from '../../src/inventory/schema.js';

/**
 * SQL in, inventory out: a database of its own (server, or PGlite in fallback mode), the Supabase
 * baseline, the fixture SQL, introspection, then the database is dropped. Rule tests use it for
 * their failing and passing fixtures. Runs one fresh database per call, so group a test file's
 * fixtures into few calls where it can.
 */
export async function inventoryOf(sql: string, options: { extensions?: string[] } = {}): Promise<Inventory> {
  const t = await createTestDatabase('fixture', options);
  try {
    await applySupabaseBaseline(t.db);
    await t.db.exec(sql);
    return await introspect(t.db, { source: 'test fixture' });
  } finally {
    await t.drop();
  }
}

/**
 * Like inventoryOf, but keeps the database open for tests that also apply SQL (remediation plans)
 * and scan again. The caller must `drop()` it.
 */
export async function baselineDatabase(label: string, options: { extensions?: string[] } = {}): Promise<TestDatabase> {
  const t = await createTestDatabase(label, options);
  try {
    await applySupabaseBaseline(t.db);
    return t;
  } catch (error) {
    await t.drop();
    throw error;
  }
}
