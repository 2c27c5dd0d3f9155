-- Platform Kit control plane: the `ops` schema (constitution §1.2, §4.2, §5.3, §7.2, §10, §11.1).
--
-- Idempotent and forward-compatible: every statement is guarded (IF NOT EXISTS, CREATE OR REPLACE,
-- catalog checks in DO blocks), so applying this file twice gives no error and no catalog change.
-- This file creates the current shape on a fresh control plane; a control plane created by an
-- earlier version of it is brought to the same shape by the later files (0002_…), which are guarded
-- the same way and never lose data: they add, or replace a constraint by one that says at least as
-- much.
--
-- Access model: the owner (whoever runs `platform-kit ops migrate`) owns the tables. Scanners and
-- gates connect as a login role that is a member of `platform_kit_writer`. Every ops table has RLS
-- on; the writer's policies scope each row to the project named by the transaction-local setting
-- `platform_kit.project` (set by Platform Kit before it touches a project's rows). The org-wide
-- report sets it to '*', which opens reading — never writing — across projects.

CREATE SCHEMA IF NOT EXISTS ops;
COMMENT ON SCHEMA ops IS 'Platform Kit control plane: scans, inventories, findings, remediation plans, audit log';

-- Roles are cluster-wide: two migrators (or two databases on one cluster) may race to create it.
-- The loser of the race gets duplicate_object or unique_violation on pg_authid; both mean "exists".
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = 'platform_kit_writer') THEN
    BEGIN
      CREATE ROLE platform_kit_writer NOLOGIN;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
  END IF;
END
$$;

-- The project the current transaction works on ('*' = read across all projects). Wrapped in
-- (SELECT …) in policies so PostgreSQL evaluates it once per statement, not once per row.
CREATE OR REPLACE FUNCTION ops.current_project()
  RETURNS text
  LANGUAGE sql
  STABLE
  SET search_path = pg_catalog
AS $$ SELECT nullif(pg_catalog.current_setting('platform_kit.project', true), '') $$;

CREATE TABLE IF NOT EXISTS ops.schema_migrations (
  filename   text PRIMARY KEY,
  checksum   text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ops.projects (
  id              text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
  name            text,
  repo            text,
  owners          text[] NOT NULL DEFAULT '{}',
  exposed_schemas text[] NOT NULL DEFAULT '{public}',
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ops.scans (
  id               uuid PRIMARY KEY,
  run_id           text,
  project_id       text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  repo             text,
  commit_sha       text,
  trigger          text NOT NULL CHECK (trigger IN ('nightly', 'on-demand', 'pull-request')),
  tool_version     text NOT NULL,
  source           text,
  -- The project's last successful scan before this one: what "new" and "resolved" are measured against.
  previous_scan_id uuid REFERENCES ops.scans (id) ON DELETE RESTRICT,
  started_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  status           text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'succeeded', 'failed')),
  error            text,
  summary          jsonb NOT NULL DEFAULT '{}',
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT scans_finished_when_done CHECK (status = 'running' OR finished_at IS NOT NULL),
  CONSTRAINT scans_failed_has_error CHECK (status <> 'failed' OR error IS NOT NULL),
  -- Rows that name a project and one of its scans reference the pair: one foreign-key check per
  -- row instead of two, and the scan is known to be that project's.
  CONSTRAINT scans_project_scan_key UNIQUE (project_id, id)
);
CREATE INDEX IF NOT EXISTS scans_project_started_idx ON ops.scans (project_id, started_at DESC);
CREATE INDEX IF NOT EXISTS scans_previous_scan_idx ON ops.scans (previous_scan_id);

-- Keyed by identity alone: no surrogate id, so one index fewer to maintain on the hottest table.
CREATE TABLE IF NOT EXISTS ops.inventory_objects (
  -- A known project: the scan that first saw the object is that project's (foreign key below).
  project_id      text NOT NULL,
  kind            text NOT NULL,
  identity        text NOT NULL,
  definition_hash text NOT NULL,
  -- json, not jsonb: nothing queries inside it (it is read back whole to rebuild an inventory),
  -- and json skips the parse-and-rebuild on every write.
  attributes      json NOT NULL,
  first_seen_scan uuid NOT NULL,
  -- No stored "last seen": rewriting every unchanged row each scan cost more than the scan.
  -- It is derived in ops.inventory_object_lineage (below) from removed_in_scan and the scan chain.
  -- The scan that first saw it gone; NULL while it exists. A reappearing object clears it.
  removed_in_scan uuid REFERENCES ops.scans (id) ON DELETE RESTRICT,
  -- The scan that last saw its definition change (the definition hash moved).
  changed_in_scan uuid REFERENCES ops.scans (id) ON DELETE RESTRICT,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT inventory_objects_identity_key PRIMARY KEY (project_id, kind, identity),
  -- One check per inserted row covers both the project and the scan (a first scan inserts 80,000).
  CONSTRAINT inventory_objects_project_first_seen_scan_fkey FOREIGN KEY (project_id, first_seen_scan)
    REFERENCES ops.scans (project_id, id) ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS inventory_objects_first_seen_project_idx ON ops.inventory_objects (first_seen_scan, project_id);
CREATE INDEX IF NOT EXISTS inventory_objects_removed_in_idx ON ops.inventory_objects (removed_in_scan);
CREATE INDEX IF NOT EXISTS inventory_objects_changed_in_idx ON ops.inventory_objects (changed_in_scan);

-- Lineage of every object: first seen, last changed, removed, and last seen — derived, not stored.
-- An object still present was seen by its project's latest successful scan; a removed one was last
-- seen by the scan before the one that found it gone. security_invoker: readers see only what the
-- row-level security of the underlying tables lets them see.
CREATE OR REPLACE VIEW ops.inventory_object_lineage WITH (security_invoker = true) AS
SELECT o.project_id, o.kind, o.identity, o.definition_hash,
       o.first_seen_scan, o.changed_in_scan, o.removed_in_scan,
       CASE WHEN o.removed_in_scan IS NULL
            THEN (SELECT s.id FROM ops.scans s
                   WHERE s.project_id = o.project_id AND s.status = 'succeeded'
                   ORDER BY s.finished_at DESC, s.started_at DESC LIMIT 1)
            ELSE (SELECT r.previous_scan_id FROM ops.scans r WHERE r.id = o.removed_in_scan)
       END AS last_seen_scan
  FROM ops.inventory_objects o;

-- §10.2: temporary waivers, prototypes only (never production), at most 30 days.
CREATE TABLE IF NOT EXISTS ops.waivers (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id    text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  rule          text NOT NULL,
  -- Either one finding (its fingerprint) or every finding of the rule in the project (NULL).
  fingerprint   text,
  justification text NOT NULL CHECK (length(justification) >= 10),
  environment   text NOT NULL CHECK (environment <> 'production'),
  expires_at    timestamptz NOT NULL,
  created_by    text NOT NULL DEFAULT current_user,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT waivers_at_most_30_days CHECK (expires_at <= created_at + interval '30 days')
);
CREATE INDEX IF NOT EXISTS waivers_project_rule_idx ON ops.waivers (project_id, rule);

-- §10.1: approved exceptions, documented in docs/exceptions/<date>-<summary>.md.
CREATE TABLE IF NOT EXISTS ops.exceptions (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  project_id      text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  rule            text NOT NULL,
  object_pattern  text NOT NULL,
  document        text NOT NULL,
  rationale       text NOT NULL,
  risk_assessment text NOT NULL,
  mitigation      text NOT NULL,
  approved_by     text[] NOT NULL CHECK (cardinality(approved_by) >= 2),
  expires_on      date NOT NULL,
  created_by      text NOT NULL DEFAULT current_user,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS exceptions_project_rule_idx ON ops.exceptions (project_id, rule);

-- Keyed by (scan, fingerprint) alone: no surrogate id, one index fewer on every scan's insert.
CREATE TABLE IF NOT EXISTS ops.findings (
  -- Scan and project: one foreign key on the pair (below), the scan being that project's.
  scan_id     uuid NOT NULL,
  project_id  text NOT NULL,
  rule        text NOT NULL,
  fingerprint text NOT NULL,
  severity    text NOT NULL CHECK (severity IN ('error', 'warning', 'info')),
  -- json: written once per finding per scan, read back whole; nothing indexes inside it.
  object      json NOT NULL,
  message     text NOT NULL,
  location    json,
  -- new: not in the previous successful scan; persisting: still there; resolved: gone since then.
  state       text NOT NULL CHECK (state IN ('new', 'persisting', 'resolved')),
  waived      boolean NOT NULL DEFAULT false,
  waiver_id   uuid REFERENCES ops.waivers (id) ON DELETE RESTRICT,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT findings_scan_fingerprint_key PRIMARY KEY (scan_id, fingerprint),
  CONSTRAINT findings_project_scan_fkey FOREIGN KEY (project_id, scan_id)
    REFERENCES ops.scans (project_id, id) ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS findings_project_scan_idx ON ops.findings (project_id, scan_id);
CREATE INDEX IF NOT EXISTS findings_waiver_idx ON ops.findings (waiver_id);

-- §11.1: who, what, when, why for every remediation.
CREATE TABLE IF NOT EXISTS ops.remediation_plans (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  scan_id             uuid NOT NULL REFERENCES ops.scans (id) ON DELETE RESTRICT,
  project_id          text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  sql                 text NOT NULL,
  findings_covered    text[] NOT NULL DEFAULT '{}',
  findings_uncovered  jsonb NOT NULL DEFAULT '[]',
  requested_by        text NOT NULL,
  what                text NOT NULL,
  why                 text NOT NULL,
  verification        jsonb NOT NULL DEFAULT '{}',
  verification_status text NOT NULL CHECK (verification_status IN ('verified', 'failed', 'not-verified')),
  status              text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'applied', 'rejected', 'superseded')),
  created_by          text NOT NULL DEFAULT current_user,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS remediation_plans_scan_idx ON ops.remediation_plans (scan_id);
CREATE INDEX IF NOT EXISTS remediation_plans_project_idx ON ops.remediation_plans (project_id);

-- §5.3, §11.1: append-only (updated_at is there for the audit-column convention and never moves).
CREATE TABLE IF NOT EXISTS ops.audit_log (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  actor      text NOT NULL DEFAULT current_user,
  action     text NOT NULL,
  target     text NOT NULL,
  details    jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS audit_log_project_created_idx ON ops.audit_log (project_id, created_at);

-- §7.2: duration, counts, findings per severity, errors.
CREATE TABLE IF NOT EXISTS ops.metrics (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  project_id text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  scan_id    uuid REFERENCES ops.scans (id) ON DELETE RESTRICT,
  run_id     text,
  name       text NOT NULL,
  value      double precision NOT NULL,
  unit       text NOT NULL DEFAULT '',
  labels     jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS metrics_project_name_idx ON ops.metrics (project_id, name, created_at);
CREATE INDEX IF NOT EXISTS metrics_scan_idx ON ops.metrics (scan_id);

-- Alerts leave through an outbox: enqueued beside the scan that raised them, claimed by
-- deliverers with FOR UPDATE SKIP LOCKED.
CREATE TABLE IF NOT EXISTS ops.alert_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  idempotency_key text NOT NULL CONSTRAINT alert_outbox_idempotency_key UNIQUE,
  project_id      text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  payload         jsonb NOT NULL,
  status          text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'dead')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_error      text,
  delivered_at    timestamptz,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS alert_outbox_due_idx ON ops.alert_outbox (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS alert_outbox_project_idx ON ops.alert_outbox (project_id);

CREATE TABLE IF NOT EXISTS ops.alert_dead_letters (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id       bigint NOT NULL CONSTRAINT alert_dead_letters_outbox_key UNIQUE REFERENCES ops.alert_outbox (id) ON DELETE RESTRICT,
  project_id      text NOT NULL REFERENCES ops.projects (id) ON DELETE RESTRICT,
  idempotency_key text NOT NULL,
  payload         jsonb NOT NULL,
  attempts        integer NOT NULL,
  last_error      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS alert_dead_letters_project_idx ON ops.alert_dead_letters (project_id);

-- ---------------------------------------------------------------------------------------------
-- The audit log is immutable for everyone, the owner and the writer role included: privileges
-- are revoked, and a trigger refuses UPDATE, DELETE and TRUNCATE even from the table owner.
CREATE OR REPLACE FUNCTION ops.refuse_audit_log_change()
  RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
AS $$
BEGIN
  RAISE EXCEPTION 'ops.audit_log is append-only: % is not allowed', tg_op
    USING ERRCODE = 'insufficient_privilege';
END
$$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
                 WHERE tgrelid = 'ops.audit_log'::regclass AND tgname = 'audit_log_immutable_rows') THEN
    CREATE TRIGGER audit_log_immutable_rows BEFORE UPDATE OR DELETE ON ops.audit_log
      FOR EACH ROW EXECUTE FUNCTION ops.refuse_audit_log_change();
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
                 WHERE tgrelid = 'ops.audit_log'::regclass AND tgname = 'audit_log_no_truncate') THEN
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON ops.audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION ops.refuse_audit_log_change();
  END IF;
END
$$;

-- §5.3: destructive changes to governance rows (waivers, exceptions, plans, projects) are logged.
CREATE OR REPLACE FUNCTION ops.log_destructive_change()
  RETURNS trigger
  LANGUAGE plpgsql
  SET search_path = pg_catalog
AS $$
BEGIN
  INSERT INTO ops.audit_log (project_id, action, target, details)
  VALUES (
    -- to_jsonb: one function serves tables whose project column is named differently.
    CASE WHEN tg_table_name = 'projects' THEN to_jsonb(old) ->> 'id' ELSE to_jsonb(old) ->> 'project_id' END,
    lower(tg_op),
    'ops.' || tg_table_name || ':' || (to_jsonb(old) ->> 'id'),
    jsonb_build_object('old', to_jsonb(old), 'new', CASE WHEN tg_op = 'UPDATE' THEN to_jsonb(new) END)
  );
  RETURN CASE WHEN tg_op = 'DELETE' THEN old ELSE new END;
END
$$;

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['projects', 'waivers', 'exceptions', 'remediation_plans'] LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger
                   WHERE tgrelid = ('ops.' || t)::regclass AND tgname = t || '_audit') THEN
      EXECUTE format('CREATE TRIGGER %I AFTER UPDATE OR DELETE ON ops.%I FOR EACH ROW EXECUTE FUNCTION ops.log_destructive_change()',
                     t || '_audit', t);
    END IF;
  END LOOP;
END
$$;

-- ---------------------------------------------------------------------------------------------
-- Privileges. Nothing for PUBLIC; the writer gets what scanning needs and no DELETE anywhere.
REVOKE ALL ON SCHEMA ops FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA ops FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA ops FROM PUBLIC;
GRANT USAGE ON SCHEMA ops TO platform_kit_writer;
GRANT EXECUTE ON FUNCTION ops.current_project() TO platform_kit_writer;
GRANT EXECUTE ON FUNCTION ops.log_destructive_change() TO platform_kit_writer;
GRANT SELECT, INSERT, UPDATE ON
  ops.projects, ops.scans, ops.inventory_objects, ops.findings, ops.remediation_plans,
  ops.waivers, ops.exceptions, ops.alert_outbox
  TO platform_kit_writer;
GRANT SELECT, INSERT ON ops.metrics, ops.alert_dead_letters, ops.audit_log TO platform_kit_writer;
GRANT SELECT ON ops.schema_migrations TO platform_kit_writer;
GRANT SELECT ON ops.inventory_object_lineage TO platform_kit_writer;
REVOKE UPDATE, DELETE, TRUNCATE ON ops.audit_log FROM platform_kit_writer;

-- ---------------------------------------------------------------------------------------------
-- Row-level security on every ops table. Writer policies are scoped to the transaction's project;
-- no policy is allow-all. (Owners bypass RLS; the audit log's trigger still binds them.)
DO $$
DECLARE
  t text;
  scoped text;
  readable text;
BEGIN
  FOREACH t IN ARRAY ARRAY['schema_migrations', 'projects', 'scans', 'inventory_objects', 'findings',
                           'remediation_plans', 'audit_log', 'metrics', 'exceptions', 'waivers',
                           'alert_outbox', 'alert_dead_letters'] LOOP
    EXECUTE format('ALTER TABLE ops.%I ENABLE ROW LEVEL SECURITY', t);
  END LOOP;

  -- schema_migrations: the writer may check which migrations ran, never change them.
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ops' AND tablename = 'schema_migrations'
                 AND policyname = 'writer_reads_applied_migrations') THEN
    CREATE POLICY writer_reads_applied_migrations ON ops.schema_migrations FOR SELECT TO platform_kit_writer
      USING (filename LIKE '%.sql');
  END IF;

  FOREACH t IN ARRAY ARRAY['projects', 'scans', 'inventory_objects', 'findings', 'remediation_plans',
                           'audit_log', 'metrics', 'exceptions', 'waivers', 'alert_outbox', 'alert_dead_letters'] LOOP
    scoped := CASE WHEN t = 'projects' THEN 'id' ELSE 'project_id' END || ' = (SELECT ops.current_project())';
    readable := '(' || scoped || ') OR (SELECT ops.current_project()) = ''*''';
    IF t IN ('alert_outbox', 'alert_dead_letters') THEN
      -- The deliverer works through every project's alerts in one pass ('*').
      scoped := readable;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ops' AND tablename = t AND policyname = 'writer_reads_own_project') THEN
      EXECUTE format('CREATE POLICY writer_reads_own_project ON ops.%I FOR SELECT TO platform_kit_writer USING (%s)', t, readable);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ops' AND tablename = t AND policyname = 'writer_inserts_own_project') THEN
      EXECUTE format('CREATE POLICY writer_inserts_own_project ON ops.%I FOR INSERT TO platform_kit_writer WITH CHECK (%s)', t, scoped);
    END IF;
    IF t NOT IN ('audit_log', 'metrics', 'alert_dead_letters')
       AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_policies WHERE schemaname = 'ops' AND tablename = t AND policyname = 'writer_updates_own_project') THEN
      EXECUTE format('CREATE POLICY writer_updates_own_project ON ops.%I FOR UPDATE TO platform_kit_writer USING (%s) WITH CHECK (%s)', t, scoped, scoped);
    END IF;
  END LOOP;
END
$$;
