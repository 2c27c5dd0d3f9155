-- Template (§2.3): move every relocatable extension out of `public` into `extensions`.
-- Idempotent: an extension already in `extensions` is left alone; a non-relocatable one is
-- reported with a NOTICE (it has to be dropped and re-created, which needs a data plan).

CREATE SCHEMA IF NOT EXISTS extensions;

DO $$
DECLARE
  ext record;
BEGIN
  FOR ext IN
    SELECT e.extname, e.extrelocatable
    FROM pg_catalog.pg_extension e
    JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
    WHERE n.nspname = 'public'
    ORDER BY e.extname
  LOOP
    IF ext.extrelocatable THEN
      EXECUTE format('ALTER EXTENSION %I SET SCHEMA extensions', ext.extname);
    ELSE
      RAISE NOTICE 'extension % is not relocatable: drop and re-create it WITH SCHEMA extensions', ext.extname;
    END IF;
  END LOOP;
END
$$;
