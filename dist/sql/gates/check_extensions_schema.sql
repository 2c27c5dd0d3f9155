-- Platform Kit CI gate: extension placement (constitution §2.3, §1.1).
--
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -f sql/gates/check_extensions_schema.sql
--   psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -v exposed_schemas=public,api -f sql/gates/check_extensions_schema.sql
--
-- Lists every extension installed in public or in another exposed schema, one WARNING line each
-- (with the fix, or a note when the extension is not relocatable), and raises an exception when
-- there is any, so psql exits non-zero (3). Same objects as the engine's extension-in-public rule.
--   exposed_schemas  comma-separated schemas the Data API exposes (default: public); public always counts.
-- Read-only.

\if :{?exposed_schemas}
\else
  \set exposed_schemas public
\endif

BEGIN READ ONLY;
SET LOCAL platform_kit.exposed_schemas = :'exposed_schemas';

DO $gate$
DECLARE
  exposed text[] := array(select distinct s from unnest(array['public'] || string_to_array(current_setting('platform_kit.exposed_schemas'), ',')) raw(r),
                          btrim(raw.r) s where s <> '' order by s);
  offender record;
  total int := 0;
BEGIN
  FOR offender IN
    SELECT e.extname, n.nspname AS schema_name, e.extrelocatable
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE n.nspname = ANY (exposed)
    ORDER BY n.nspname COLLATE "C", e.extname COLLATE "C"
  LOOP
    total := total + 1;
    RAISE WARNING 'extension-in-public: %.%', offender.schema_name, offender.extname
      USING HINT = CASE WHEN offender.extrelocatable
        THEN format('CREATE SCHEMA IF NOT EXISTS extensions; ALTER EXTENSION %I SET SCHEMA extensions;', offender.extname)
        ELSE format('%I is not relocatable: DROP EXTENSION %I; CREATE EXTENSION %I WITH SCHEMA extensions; (re-create dependent objects)',
                    offender.extname, offender.extname, offender.extname) END;
  END LOOP;
  IF total > 0 THEN
    RAISE EXCEPTION 'check_extensions_schema: % extension(s) installed in an exposed schema (%)', total, array_to_string(exposed, ', ')
      USING HINT = 'Move each extension listed above to the extensions schema (constitution §2.3).';
  END IF;
  RAISE NOTICE 'check_extensions_schema: no extension in %', array_to_string(exposed, ', ');
END
$gate$;

COMMIT;
