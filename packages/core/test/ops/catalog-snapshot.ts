import type { Db } from '../../src/db/port.js';

/**
 * Everything the catalog says about the `ops` schema, by name (never by OID): relations and their
 * options, columns, constraints, indexes, policies, triggers, functions, privileges. Two equal
 * snapshots mean a migration run changed nothing.
 */
export async function opsCatalogSnapshot(db: Db): Promise<string> {
  const queries = [
    `SELECT c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.relacl::text
       FROM pg_class c WHERE c.relnamespace = 'ops'::regnamespace ORDER BY 1`,
    `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity
       FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE c.relnamespace = 'ops'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2`,
    `SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint
      WHERE connamespace = 'ops'::regnamespace ORDER BY 1, 2`,
    `SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE c.relnamespace = 'ops'::regnamespace ORDER BY 1`,
    `SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies WHERE schemaname = 'ops' ORDER BY 1, 2`,
    `SELECT tgrelid::regclass::text, tgname, pg_get_triggerdef(oid) FROM pg_trigger
      WHERE NOT tgisinternal AND tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'ops'::regnamespace) ORDER BY 1, 2`,
    `SELECT p.proname, pg_get_function_identity_arguments(p.oid), md5(pg_get_functiondef(p.oid)), p.proacl::text, p.proconfig::text
       FROM pg_proc p WHERE p.pronamespace = 'ops'::regnamespace ORDER BY 1, 2`,
    `SELECT nspname, nspacl::text FROM pg_namespace WHERE nspname = 'ops'`,
    `SELECT rolname, rolcanlogin, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = 'platform_kit_writer'`,
  ];
  const parts: unknown[] = [];
  for (const sql of queries) parts.push((await db.query(sql)).rows);
  return JSON.stringify(parts, null, 1);
}
