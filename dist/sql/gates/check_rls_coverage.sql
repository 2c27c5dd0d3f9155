-- Platform Kit CI gate: row level security coverage (constitution §2.1, §1.1).
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f sql/gates/check_rls_coverage.sql
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -v exposed_schemas=public,api \
--        -v exempt_tables=public.countries,public.plans -f sql/gates/check_rls_coverage.sql
--
-- Lists every table (plain or partitioned, not owned by an extension) in an exposed schema whose
-- row level security is disabled, one WARNING line each, then raises an exception when there is
-- any, so psql exits non-zero (3). Same objects as the engine's rls-disabled-in-exposed-schema rule.
--   exposed_schemas  comma-separated schemas the Data API exposes (default: public)
--   exempt_tables    comma-separated schema.table names documented as public-read (default: none)
-- Read-only: it creates nothing and runs in a read-only transaction.

\if :{?exposed_schemas}
\else
  \set exposed_schemas public
\endif
\if :{?exempt_tables}
\else
  \set exempt_tables ''
\endif

BEGIN READ ONLY;
SET LOCAL platform_kit.exposed_schemas = :'exposed_schemas';
SET LOCAL platform_kit.exempt_tables = :'exempt_tables';

DO $gate$
DECLARE
  exposed text[] := array(select btrim(s) from unnest(string_to_array(current_setting('platform_kit.exposed_schemas'), ',')) s where btrim(s) <> '');
  exempt text[] := array(select btrim(s) from unnest(string_to_array(current_setting('platform_kit.exempt_tables'), ',')) s where btrim(s) <> '');
  offender record;
  total int := 0;
BEGIN
  FOR offender IN
    SELECT n.nspname AS schema_name, c.relname AS table_name
    FROM pg_catalog.pg_class c
    JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p')
      AND NOT c.relrowsecurity
      AND n.nspname = ANY (exposed)
      AND NOT (n.nspname || '.' || c.relname) = ANY (exempt)
      AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend d
                      WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY n.nspname COLLATE "C", c.relname COLLATE "C"
  LOOP
    total := total + 1;
    RAISE WARNING 'rls-disabled-in-exposed-schema: %.%', offender.schema_name, offender.table_name
      USING HINT = format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY; then add policies', offender.schema_name, offender.table_name);
  END LOOP;
  IF total > 0 THEN
    RAISE EXCEPTION 'check_rls_coverage: % table(s) in exposed schemas (%) have row level security disabled', total, array_to_string(exposed, ', ')
      USING HINT = 'Enable RLS on each table listed above, or pass exempt_tables for documented public-read tables (constitution §2.1).';
  END IF;
  RAISE NOTICE 'check_rls_coverage: every table in % has row level security enabled', array_to_string(exposed, ', ');
END
$gate$;

COMMIT;
