-- Platform Kit CI gate: function security (constitution §2.2, §1.1).
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f sql/gates/check_function_security.sql
--
-- Lists every function or procedure of the project (outside the schemas Supabase and PostgreSQL
-- manage, not owned by an extension) whose search_path is mutable, one WARNING line each, and
-- raises an exception when there is any, so psql exits non-zero (3):
--   security-definer-search-path   SECURITY DEFINER without SET search_path (the engine: error)
--   function-search-path-mutable   any other function without SET search_path (the engine: warning)
-- The same objects as those two engine rules. Read-only.
--   exposed_schemas  accepted for symmetry with the other gates; every project schema is checked.

\if :{?exposed_schemas}
\else
  \set exposed_schemas public
\endif

BEGIN READ ONLY;

DO $gate$
DECLARE
  managed constant text[] := array[
    '_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_config', '_timescaledb_internal', 'auth', 'cron',
    'extensions', 'graphql', 'graphql_public', 'information_schema', 'net', 'pg_catalog', 'pg_toast', 'pgbouncer',
    'pgmq', 'pgroonga', 'pgsodium', 'pgsodium_masks', 'pgtle', 'realtime', 'repack', 'storage', 'supabase_functions',
    'supabase_migrations', 'tiger', 'topology', 'vault'];
  offender record;
  total int := 0;
BEGIN
  FOR offender IN
    SELECT n.nspname AS schema_name, p.proname AS function_name,
           pg_catalog.pg_get_function_identity_arguments(p.oid) AS args, p.prosecdef AS definer, p.prokind
    FROM pg_catalog.pg_proc p
    JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
    WHERE p.prokind IN ('f', 'p')
      AND NOT n.nspname = ANY (managed)
      AND n.nspname NOT LIKE 'pg\_%'
      AND NOT EXISTS (SELECT 1 FROM unnest(coalesce(p.proconfig, '{}')) cfg WHERE cfg LIKE 'search\_path=%')
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                      WHERE d.classid = 'pg_catalog.pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    ORDER BY p.prosecdef DESC, n.nspname COLLATE "C", p.proname COLLATE "C",
             pg_catalog.pg_get_function_identity_arguments(p.oid) COLLATE "C"
  LOOP
    total := total + 1;
    RAISE WARNING '%: %.%(%)',
      CASE WHEN offender.definer THEN 'security-definer-search-path' ELSE 'function-search-path-mutable' END,
      offender.schema_name, offender.function_name, offender.args
      USING HINT = format('ALTER %s %I.%I(%s) SET search_path = pg_catalog, public;',
                          CASE WHEN offender.prokind = 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END,
                          offender.schema_name, offender.function_name, offender.args);
  END LOOP;
  IF total > 0 THEN
    RAISE EXCEPTION 'check_function_security: % function(s) have a mutable search_path', total
      USING HINT = 'Pin search_path on each function listed above (SET search_path = pg_catalog, public, or '''') (constitution §2.2).';
  END IF;
  RAISE NOTICE 'check_function_security: every project function pins its search_path';
END
$gate$;

COMMIT;
