import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connectServer } from '../../src/db/server.js';
import { migrateOps, opsMigrations } from '../../src/ops/migrate.js';
import { writeScan } from '../../src/ops/write-scan.js';
import { inventoryWith, table } from '../helpers/inventory-builder.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';
import { opsCatalogSnapshot } from './catalog-snapshot.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('ops_migrate');
});
afterAll(async () => {
  await t.drop();
});

const OPS_TABLES = [
  'schema_migrations', 'projects', 'scans', 'inventory_objects', 'findings', 'remediation_plans', 'audit_log',
  'metrics', 'exceptions', 'waivers', 'alert_outbox', 'alert_dead_letters',
];

describe('migrateOps', () => {
  it('applies every file once, then nothing; the catalog does not move', async () => {
    const first = await migrateOps(t.db);
    expect(first.applied).toEqual(opsMigrations().map((m) => m.filename));
    const before = await opsCatalogSnapshot(t.db);
    const second = await migrateOps(t.db);
    expect(second.applied).toEqual([]);
    expect(await opsCatalogSnapshot(t.db)).toBe(before);
  });

  it('each SQL file run again by hand gives no error and no catalog change', async () => {
    const before = await opsCatalogSnapshot(t.db);
    for (const migration of opsMigrations()) await t.db.exec(migration.sql);
    expect(await opsCatalogSnapshot(t.db)).toBe(before);
    expect(before).toContain('inventory_objects_identity_key');
  });

  it('creates every ops table with row-level security on', async () => {
    const { rows } = await t.db.query<{ relname: string; relrowsecurity: boolean }>(
      `SELECT relname, relrowsecurity FROM pg_class WHERE relnamespace = 'ops'::regnamespace AND relkind = 'r' ORDER BY 1`,
    );
    expect(rows.map((r) => r.relname).sort()).toEqual([...OPS_TABLES].sort());
    expect(rows.filter((r) => !r.relrowsecurity)).toEqual([]);
  });

  it('has writer policies on every table, none of them allow-all', async () => {
    const { rows } = await t.db.query<{ tablename: string; roles: string; qual: string | null; with_check: string | null }>(
      `SELECT tablename, roles::text, qual, with_check FROM pg_policies WHERE schemaname = 'ops'`,
    );
    expect(new Set(rows.map((r) => r.tablename))).toEqual(new Set(OPS_TABLES));
    for (const row of rows) {
      expect(row.roles).toBe('{platform_kit_writer}');
      for (const expr of [row.qual, row.with_check]) if (expr !== null) expect(expr.trim()).not.toMatch(/^\(?true\)?$/i);
    }
  });

  it('pins search_path on every ops function', async () => {
    const { rows } = await t.db.query<{ proname: string; proconfig: string[] | null }>(
      `SELECT proname, proconfig FROM pg_proc WHERE pronamespace = 'ops'::regnamespace`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const row of rows) expect(row.proconfig?.some((c) => c.startsWith('search_path='))).toBe(true);
  });

  it('indexes every foreign key (leading columns of some index)', async () => {
    const { rows } = await t.db.query<{ conname: string }>(
      `SELECT c.conname FROM pg_constraint c
        WHERE c.contype = 'f' AND c.connamespace = 'ops'::regnamespace
          AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = c.conrelid
                          AND (i.indkey::int2[])[0:cardinality(c.conkey) - 1] @> c.conkey)`,
    );
    expect(rows).toEqual([]);
  });

  it('stores every timestamp as timestamptz NOT NULL (except finish/delivery times of running work)', async () => {
    const { rows } = await t.db.query<{ relname: string; attname: string; type: string; attnotnull: boolean }>(
      `SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        WHERE c.relnamespace = 'ops'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          AND (a.attname LIKE '%\\_at' OR format_type(a.atttypid, a.atttypmod) LIKE 'timestamp%')`,
    );
    for (const row of rows) expect(row.type, `${row.relname}.${row.attname}`).toBe('timestamp with time zone');
    const nullable = rows.filter((r) => !r.attnotnull).map((r) => `${r.relname}.${r.attname}`).sort();
    expect(nullable).toEqual(['alert_outbox.delivered_at', 'scans.finished_at']);
  });

  it('keeps the audit log append-only for the owner and the writer role', async () => {
    await t.db.query(`INSERT INTO ops.projects (id) VALUES ('p1')`);
    await t.db.query(`INSERT INTO ops.audit_log (project_id, action, target) VALUES ('p1', 'test', 'x')`);
    await expect(t.db.query(`UPDATE ops.audit_log SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM ops.audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.db.query(`TRUNCATE ops.audit_log`)).rejects.toThrow(/append-only/);
    const { rows } = await t.db.query<{ u: boolean; d: boolean; tr: boolean }>(
      `SELECT has_table_privilege('platform_kit_writer', 'ops.audit_log', 'UPDATE') AS u,
              has_table_privilege('platform_kit_writer', 'ops.audit_log', 'DELETE') AS d,
              has_table_privilege('platform_kit_writer', 'ops.audit_log', 'TRUNCATE') AS tr`,
    );
    expect(rows[0]).toEqual({ u: false, d: false, tr: false });
    expect((await t.db.query(`SELECT count(*)::int AS n FROM ops.audit_log WHERE project_id = 'p1'`)).rows[0]).toEqual({ n: 1 });
  });

  it('logs an update of a waiver to the audit log', async () => {
    await t.db.exec(`INSERT INTO ops.projects (id) VALUES ('audited') ON CONFLICT DO NOTHING;
      INSERT INTO ops.waivers (project_id, rule, justification, environment, expires_at)
        VALUES ('audited', 'rls-disabled', 'prototype only, no real data', 'staging', now() + interval '7 days')`);
    await t.db.query(`UPDATE ops.waivers SET expires_at = now() + interval '1 day' WHERE project_id = 'audited'`);
    const { rows } = await t.db.query<{ action: string; target: string }>(
      `SELECT action, target FROM ops.audit_log WHERE project_id = 'audited'`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.action).toBe('update');
    expect(rows[0]!.target).toMatch(/^ops\.waivers:/);
  });

  it('refuses a waiver longer than 30 days or for production (§10.2)', async () => {
    await expect(
      t.db.query(`INSERT INTO ops.waivers (project_id, rule, justification, environment, expires_at)
                  VALUES ('audited', 'r', 'long enough text', 'staging', now() + interval '31 days')`),
    ).rejects.toThrow(/waivers_at_most_30_days/);
    await expect(
      t.db.query(`INSERT INTO ops.waivers (project_id, rule, justification, environment, expires_at)
                  VALUES ('audited', 'r', 'long enough text', 'production', now() + interval '1 day')`),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('a control plane created by an earlier version', () => {
  // sql/ops/0001_ops_core.sql as it was before 0002: single-column keys on project and scan.
  const v1Sql = readFileSync(new URL('./fixtures/0001_ops_core.before-0002.sql', import.meta.url), 'utf8');
  const v1 = [{ filename: '0001_ops_core.sql', sql: v1Sql, checksum: createHash('sha256').update(v1Sql).digest('hex') }];

  it('migrates to the catalog a fresh control plane gets, keeping its scans, and then refuses a scan of another project', async () => {
    const old = await createTestDatabase('ops_migrate_upgrade');
    const fresh = await createTestDatabase('ops_migrate_fresh');
    try {
      await migrateOps(old.db, v1);
      const scan = (project: string) => ({
        scanId: randomUUID(),
        project: { id: project },
        trigger: 'nightly' as const,
        toolVersion: 'test',
        inventory: inventoryWith({ tables: [table('public', 'users')] }),
        findings: [],
      });
      const first = scan('kept');
      await writeScan(old.db, first);
      const before = await old.db.query(`SELECT kind, identity, first_seen_scan FROM ops.inventory_objects ORDER BY 1, 2`);

      const upgrade = await migrateOps(old.db);
      expect(upgrade.applied).toEqual(opsMigrations().map((m) => m.filename));
      await migrateOps(fresh.db);
      expect(await opsCatalogSnapshot(old.db)).toBe(await opsCatalogSnapshot(fresh.db));
      expect((await old.db.query(`SELECT kind, identity, first_seen_scan FROM ops.inventory_objects ORDER BY 1, 2`)).rows).toEqual(before.rows);

      // The next scan is written as before; a row pairing a project with another project's scan is not.
      expect((await writeScan(old.db, scan('kept'))).previousScanId).toBe(first.scanId);
      await old.db.query(`INSERT INTO ops.projects (id) VALUES ('other')`);
      await expect(
        old.db.query(
          `INSERT INTO ops.inventory_objects (project_id, kind, identity, definition_hash, attributes, first_seen_scan)
           VALUES ('other', 'table', 'public.x', 'h', '{}', $1)`,
          [first.scanId],
        ),
      ).rejects.toThrow(/inventory_objects_project_first_seen_scan_fkey/);
      await expect(
        old.db.query(
          `INSERT INTO ops.findings (scan_id, project_id, rule, fingerprint, severity, object, message, state)
           VALUES ($1, 'other', 'r', 'f', 'error', '{}', 'm', 'new')`,
          [first.scanId],
        ),
      ).rejects.toThrow(/findings_project_scan_fkey/);
    } finally {
      await old.drop();
      await fresh.drop();
    }
  });
});

describe.runIf(hasServer())('migrateOps on a server', () => {
  it('two migrators started at once both succeed', async () => {
    const fresh = await createTestDatabase('ops_migrate_race');
    const a = await connectServer(fresh.url!);
    const b = await connectServer(fresh.url!);
    try {
      const [ra, rb] = await Promise.all([migrateOps(a), migrateOps(b)]);
      expect([...ra.applied, ...rb.applied].sort()).toEqual(opsMigrations().map((m) => m.filename));
    } finally {
      await a.close();
      await b.close();
      await fresh.drop();
    }
  });

  it('the writer role cannot update or delete the audit log, and is scoped to its project', async () => {
    await t.db.exec(`INSERT INTO ops.projects (id) VALUES ('mine'), ('theirs') ON CONFLICT DO NOTHING`);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL ROLE platform_kit_writer`);
        await tx.query(`SELECT set_config('platform_kit.project', 'mine', true)`);
        await tx.query(`UPDATE ops.audit_log SET action = 'x'`);
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.db.transaction(async (tx) => {
        await tx.exec(`SET LOCAL ROLE platform_kit_writer`);
        await tx.query(`SELECT set_config('platform_kit.project', 'mine', true)`);
        await tx.query(`INSERT INTO ops.metrics (project_id, name, value) VALUES ('theirs', 'x', 1)`);
      }),
    ).rejects.toThrow(/row-level security/);
    const visible = await t.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL ROLE platform_kit_writer`);
      await tx.query(`SELECT set_config('platform_kit.project', 'mine', true)`);
      await tx.query(`INSERT INTO ops.metrics (project_id, name, value) VALUES ('mine', 'x', 1)`);
      await tx.query(`INSERT INTO ops.audit_log (project_id, action, target) VALUES ('mine', 'scan', 'x')`);
      return (await tx.query<{ id: string }>(`SELECT id FROM ops.projects ORDER BY id`)).rows.map((r) => r.id);
    });
    expect(visible).toEqual(['mine']);
  });
});
