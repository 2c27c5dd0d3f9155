-- Platform Kit control plane: inventory objects and findings reference (project, scan) as a pair.
--
-- Brings a control plane created by the first version of 0001_ops_core.sql to the shape 0001 now
-- creates (on a fresh control plane this file finds everything in place and changes nothing).
-- Idempotent: every step is guarded by a catalog check or IF [NOT] EXISTS.
--
-- Why: every inserted inventory object and finding ran two foreign-key checks, one on its project
-- and one on its scan; a project's first scan inserts some 80,000 objects. One key on the pair is
-- one check, and it says more than the two did: the scan is that project's (and since a scan's
-- project must exist, so must the row's). Each replaced key goes only after its replacement is in
-- place and validated, within the migration's transaction.

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                 WHERE conrelid = 'ops.scans'::regclass AND conname = 'scans_project_scan_key') THEN
    ALTER TABLE ops.scans ADD CONSTRAINT scans_project_scan_key UNIQUE (project_id, id);
  END IF;

  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                 WHERE conrelid = 'ops.inventory_objects'::regclass AND conname = 'inventory_objects_project_first_seen_scan_fkey') THEN
    ALTER TABLE ops.inventory_objects ADD CONSTRAINT inventory_objects_project_first_seen_scan_fkey
      FOREIGN KEY (project_id, first_seen_scan) REFERENCES ops.scans (project_id, id) ON DELETE RESTRICT;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
             WHERE conrelid = 'ops.inventory_objects'::regclass
               AND conname IN ('inventory_objects_project_id_fkey', 'inventory_objects_first_seen_scan_fkey')) THEN
    ALTER TABLE ops.inventory_objects
      DROP CONSTRAINT IF EXISTS inventory_objects_project_id_fkey,
      DROP CONSTRAINT IF EXISTS inventory_objects_first_seen_scan_fkey;
  END IF;

  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
                 WHERE conrelid = 'ops.findings'::regclass AND conname = 'findings_project_scan_fkey') THEN
    ALTER TABLE ops.findings ADD CONSTRAINT findings_project_scan_fkey
      FOREIGN KEY (project_id, scan_id) REFERENCES ops.scans (project_id, id) ON DELETE RESTRICT;
  END IF;
  IF EXISTS (SELECT 1 FROM pg_catalog.pg_constraint
             WHERE conrelid = 'ops.findings'::regclass AND conname IN ('findings_scan_id_fkey', 'findings_project_id_fkey')) THEN
    ALTER TABLE ops.findings
      DROP CONSTRAINT IF EXISTS findings_scan_id_fkey,
      DROP CONSTRAINT IF EXISTS findings_project_id_fkey;
  END IF;
END
$$;

-- The new keys' indexes (0001 creates them too, from this version on); the ones they replace
-- served only the dropped single-column keys: the new indexes lead with the same columns.
CREATE INDEX IF NOT EXISTS inventory_objects_first_seen_project_idx ON ops.inventory_objects (first_seen_scan, project_id);
DROP INDEX IF EXISTS ops.inventory_objects_first_seen_idx;
CREATE INDEX IF NOT EXISTS findings_project_scan_idx ON ops.findings (project_id, scan_id);
DROP INDEX IF EXISTS ops.findings_project_idx;
