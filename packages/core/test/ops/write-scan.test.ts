import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { connectServer } from '../../src/db/server.js';
import type { Db } from '../../src/db/port.js';
import { migrateOps } from '../../src/ops/migrate.js';
import { loadPreviousInventory, recordFailedScan, writeScan, type ScanRecord } from '../../src/ops/write-scan.js';
import { fingerprintOf, type Finding } from '../../src/report/finding.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { adminQuery, createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';
import { inventoryWith, table } from '../helpers/inventory-builder.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('ops_write_scan');
  await migrateOps(t.db);
});
afterAll(async () => {
  await t.drop();
});

function finding(rule: string, name: string, severity: Finding['severity'] = 'error'): Finding {
  const object = { kind: 'table' as const, schema: 'public', name };
  return { rule, severity, fingerprint: fingerprintOf(rule, object), object, message: `${rule} on ${name}` };
}

function record(project: string, inventory: Inventory, findings: Finding[], scanId = randomUUID()): ScanRecord {
  return { scanId, project: { id: project }, trigger: 'on-demand', toolVersion: '0.1.0', inventory, findings, runId: 'run-1' };
}

async function count(db: Db, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
}

describe('writeScan', () => {
  const v1 = inventoryWith({ tables: [table('public', 'users'), table('public', 'orders'), table('public', 'gone')] });
  const v2 = inventoryWith({
    tables: [table('public', 'users'), table('public', 'orders', { rlsEnabled: true }), table('public', 'fresh')],
  });

  it('records a first scan: every object added, every finding new', async () => {
    const written = await writeScan(t.db, record('alpha', v1, [finding('rls-disabled', 'users'), finding('rls-disabled', 'orders')]));
    expect(written.written).toBe(true);
    expect(written.previousScanId).toBeNull();
    expect(written.objects).toEqual({ total: 4, added: 4, changed: 0, removed: 0 });
    expect(written.findings).toMatchObject({ new: 2, persisting: 0, resolved: 0 });
  });

  it('a second scan sees added, changed and removed objects, and new, persisting and resolved findings', async () => {
    const first = (await t.db.query<{ id: string }>(`SELECT id FROM ops.scans WHERE project_id = 'alpha'`)).rows[0]!.id;
    const scanId = randomUUID();
    const written = await writeScan(t.db, record('alpha', v2, [finding('rls-disabled', 'users'), finding('rls-disabled', 'fresh')], scanId));
    expect(written.previousScanId).toBe(first);
    expect(written.objects).toEqual({ total: 4, added: 1, changed: 1, removed: 1 });
    expect(written.findings).toMatchObject({ new: 1, persisting: 1, resolved: 1 });
    const states = await t.db.query<{ name: string; state: string }>(
      `SELECT object->>'name' AS name, state FROM ops.findings WHERE scan_id = $1 ORDER BY 1`,
      [scanId],
    );
    expect(states.rows).toEqual([
      { name: 'fresh', state: 'new' },
      { name: 'orders', state: 'resolved' },
      { name: 'users', state: 'persisting' },
    ]);
    const gone = await t.db.query<{ removed_in_scan: string; first_seen_scan: string }>(
      `SELECT removed_in_scan, first_seen_scan FROM ops.inventory_objects WHERE project_id = 'alpha' AND identity = 'public.gone'`,
    );
    expect(gone.rows[0]).toEqual({ removed_in_scan: scanId, first_seen_scan: first });
    // "Last seen" is derived, not stored: a removed object was last seen by the scan before its
    // removal; every object still present, unchanged ones included, by the latest scan.
    const lineage = await t.db.query<{ identity: string; first_seen_scan: string; changed_in_scan: string | null; last_seen_scan: string }>(
      `SELECT identity, first_seen_scan, changed_in_scan, last_seen_scan FROM ops.inventory_object_lineage
        WHERE project_id = 'alpha' AND kind = 'table' ORDER BY identity`,
    );
    const byIdentity = Object.fromEntries(lineage.rows.map((r) => [r.identity, r]));
    expect(byIdentity['public.gone']).toMatchObject({ first_seen_scan: first, last_seen_scan: first });
    expect(byIdentity['public.fresh']).toMatchObject({ first_seen_scan: scanId, last_seen_scan: scanId, changed_in_scan: null });
    expect(lineage.rows.filter((r) => r.identity !== 'public.gone').every((r) => r.last_seen_scan === scanId)).toBe(true);
    expect(lineage.rows.filter((r) => r.identity !== 'public.gone' && r.identity !== 'public.fresh').every((r) => r.first_seen_scan === first)).toBe(true);
    expect(lineage.rows.filter((r) => r.changed_in_scan === scanId)).toHaveLength(1);
  });

  it('rerunning the same scan writes nothing twice', async () => {
    const rec = record('beta', v1, [finding('rls-disabled', 'users')]);
    await writeScan(t.db, rec);
    const before = [
      await count(t.db, `SELECT count(*) AS n FROM ops.scans WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.inventory_objects WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.findings WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.audit_log WHERE project_id = 'beta'`),
    ];
    const again = await writeScan(t.db, rec);
    expect(again.written).toBe(false);
    const after = [
      await count(t.db, `SELECT count(*) AS n FROM ops.scans WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.inventory_objects WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.findings WHERE project_id = 'beta'`),
      await count(t.db, `SELECT count(*) AS n FROM ops.audit_log WHERE project_id = 'beta'`),
    ];
    expect(after).toEqual(before);
    expect(before).toEqual([1, 4, 1, 1]);
  });

  it('a scan recorded as failed can be written again under its id, once', async () => {
    const rec = record('retried', v1, [finding('rls-disabled', 'users'), finding('rls-disabled', 'orders')]);
    await recordFailedScan(t.db, rec, new Error('connection reset'));
    const written = await writeScan(t.db, rec);
    expect(written.written).toBe(true);
    expect((await writeScan(t.db, rec)).written).toBe(false);
    expect(await count(t.db, `SELECT count(*) AS n FROM ops.findings WHERE scan_id = $1`, [rec.scanId])).toBe(2);
    expect(await count(t.db, `SELECT count(*) AS n FROM ops.scans WHERE project_id = 'retried' AND status = 'succeeded'`)).toBe(1);
  });

  it('rebuilds the previous inventory from the stored objects', async () => {
    const previous = await loadPreviousInventory(t.db, 'alpha');
    expect(previous?.inventory.tables.map((x) => x.name).sort()).toEqual(['fresh', 'orders', 'users']);
    expect(previous?.inventory.tables.find((x) => x.name === 'orders')?.rlsEnabled).toBe(true);
    expect(await loadPreviousInventory(t.db, 'nobody')).toBeUndefined();
  });

  it('a scan that fails halfway leaves nothing half-written and is recorded as failed, redacted', async () => {
    const bad = finding('rls-disabled', 'users');
    const rec = record('gamma', v1, [{ ...bad, severity: 'fatal' as never }]);
    await expect(writeScan(t.db, rec)).rejects.toThrow(/check constraint/);
    expect(await count(t.db, `SELECT count(*) AS n FROM ops.inventory_objects WHERE project_id = 'gamma'`)).toBe(0);
    const url = 'postgres://svc:s3cretpass@db.example.com:5432/app';
    await recordFailedScan(t.db, rec, new Error(`lost connection to ${url} (password s3cretpass)`), ['s3cretpass']);
    const { rows } = await t.db.query<{ status: string; error: string; finished_at: Date | null }>(
      `SELECT status, error, finished_at FROM ops.scans WHERE id = $1`,
      [rec.scanId],
    );
    expect(rows[0]!.status).toBe('failed');
    expect(rows[0]!.finished_at).not.toBeNull();
    expect(rows[0]!.error).not.toContain('s3cretpass');
    expect(rows[0]!.error).toContain('db.example.com');
    // A failed scan is never the baseline of the next one.
    const next = await writeScan(t.db, record('gamma', v1, []));
    expect(next.previousScanId).toBeNull();
  });

  it('stores identities, attributes and messages with any character as they were', async () => {
    // Quotes, backslashes, braces, commas, separators and non-ASCII: the bulk parameters must not
    // split or unescape any of them.
    const odd = 'we"ird\\ {a,b} \u001e\u001f é 💥';
    const inventory = inventoryWith({ tables: [table('public', odd, { comment: `c ${odd}` } as never), table(odd, 'plain')] });
    const f = finding('rls-disabled', odd);
    const located: Finding = { ...finding('rls-disabled', 'plain'), message: `m ${odd}`, location: { file: `${odd}.sql`, line: 7 } };
    const scanId = randomUUID();
    await writeScan(t.db, record('odd', inventory, [f, located], scanId));
    const objects = await t.db.query<{ identity: string; attributes: { name: string; comment?: string } }>(
      `SELECT identity, attributes FROM ops.inventory_objects WHERE project_id = 'odd' AND kind = 'table' ORDER BY identity`,
    );
    expect(objects.rows.map((r) => r.attributes.name).sort()).toEqual([odd, 'plain'].sort());
    expect(objects.rows.find((r) => r.attributes.name === odd)!.attributes.comment).toBe(`c ${odd}`);
    const stored = await t.db.query<{ fingerprint: string; object: { name: string }; message: string; location: unknown }>(
      `SELECT fingerprint, object, message, location FROM ops.findings WHERE scan_id = $1 ORDER BY message`,
      [scanId],
    );
    expect(stored.rows).toEqual(
      [
        { fingerprint: f.fingerprint, object: f.object, message: f.message, location: null },
        { fingerprint: located.fingerprint, object: located.object, message: located.message, location: located.location },
      ].sort((a, b) => (a.message < b.message ? -1 : 1)),
    );
    // Read back for drift, the same objects come out (and the same identities the writer keyed).
    const previous = await loadPreviousInventory(t.db, 'odd');
    expect(previous!.inventory.tables.map((x) => `${x.schema}|${x.name}|${x.comment ?? ''}`).sort()).toEqual(
      [`public|${odd}|c ${odd}`, `${odd}|plain|`].sort(),
    );
  });

  it('does not reuse a previous inventory read before another scan was recorded', async () => {
    const base = inventoryWith({ tables: [table('public', 'a'), table('public', 'b')] });
    await writeScan(t.db, record('stale', base, []));
    const readEarly = await loadPreviousInventory(t.db, 'stale');
    // Another writer records a scan in between: c added, b removed.
    await writeScan(t.db, record('stale', inventoryWith({ tables: [table('public', 'a'), table('public', 'c')] }), []));
    // Written with what was read before it: c must not be inserted twice, b not removed twice.
    const written = await writeScan(t.db, { ...record('stale', inventoryWith({ tables: [table('public', 'a'), table('public', 'c')] }), []), previous: readEarly });
    expect(written.objects).toMatchObject({ added: 0, changed: 0, removed: 0 });
    // Read just before, it is reused, and gives the same answer as reading again.
    const readNow = await loadPreviousInventory(t.db, 'stale');
    const next = inventoryWith({ tables: [table('public', 'a', { rlsEnabled: true }), table('public', 'd')] });
    const reused = await writeScan(t.db, { ...record('stale', next, []), previous: readNow });
    expect(reused.objects).toMatchObject({ added: 1, changed: 1, removed: 1 });
    const present = await t.db.query<{ identity: string }>(
      `SELECT identity FROM ops.inventory_objects WHERE project_id = 'stale' AND kind = 'table' AND removed_in_scan IS NULL ORDER BY 1`,
    );
    expect(present.rows.map((r) => r.identity)).toEqual(['public.a', 'public.d']);
  });

  it('honours an active waiver from ops.waivers', async () => {
    await t.db.exec(`INSERT INTO ops.waivers (project_id, rule, justification, environment, expires_at)
                     VALUES ('alpha', 'rls-disabled', 'prototype, synthetic data only', 'staging', now() + interval '3 days')`);
    const scanId = randomUUID();
    const written = await writeScan(t.db, record('alpha', v2, [finding('rls-disabled', 'users')], scanId));
    expect(written.findings.waived).toBe(1);
    const row = (await t.db.query<{ waived: boolean; waiver_id: string | null }>(`SELECT waived, waiver_id FROM ops.findings WHERE scan_id = $1 AND state <> 'resolved'`, [scanId])).rows[0]!;
    expect(row.waived).toBe(true);
    expect(row.waiver_id).not.toBeNull();
  });
});

describe.runIf(hasServer())('eight concurrent writers on one project', () => {
  const role = 'pk_test_ops_writer_login';
  beforeAll(async () => {
    // Roles are cluster-wide and other test files run at the same time: create race-safely.
    await adminQuery(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${role}') THEN
        BEGIN CREATE ROLE ${role} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END;
      END IF; END $$`);
    await adminQuery(`GRANT platform_kit_writer TO ${role}`);
  });

  it('finish with no duplicates, no deadlock and a complete lineage, as the RLS-bound writer role', async () => {
    const url = new URL(t.url!);
    url.username = role;
    const connections = await Promise.all(Array.from({ length: 8 }, () => connectServer(url.toString())));
    try {
      const results = await Promise.all(
        connections.map((db, i) => {
          const tables = [table('public', 'shared'), table('public', `only_${i}`), table('public', 'flip', { rlsEnabled: i % 2 === 0 })];
          return writeScan(db, record('concurrent', inventoryWith({ tables }), [finding('rls-disabled', 'shared'), finding('rls-disabled', `only_${i}`)]));
        }),
      );
      expect(results.every((r) => r.written)).toBe(true);
      // Lineage: the eight scans form one chain, each pointing at the one committed just before it.
      const scans = await t.db.query<{ id: string; previous_scan_id: string | null; status: string }>(
        `SELECT id, previous_scan_id, status FROM ops.scans WHERE project_id = 'concurrent' ORDER BY finished_at`,
      );
      expect(scans.rows).toHaveLength(8);
      expect(scans.rows.every((s) => s.status === 'succeeded')).toBe(true);
      expect(scans.rows[0]!.previous_scan_id).toBeNull();
      for (let i = 1; i < 8; i++) expect(scans.rows[i]!.previous_scan_id).toBe(scans.rows[i - 1]!.id);
      // Objects: one row per identity, however many writers saw it.
      expect(await count(t.db, `SELECT count(*) AS n FROM ops.inventory_objects WHERE project_id = 'concurrent'`)).toBe(1 + 8 + 1 + 1);
      expect(
        await count(t.db, `SELECT count(*) AS n FROM (SELECT kind, identity FROM ops.inventory_objects WHERE project_id = 'concurrent' GROUP BY 1, 2 HAVING count(*) > 1) d`),
      ).toBe(0);
      // Every scan after the first resolves its predecessor's own table and keeps the shared one.
      const states = await t.db.query<{ state: string; n: string }>(
        `SELECT state, count(*) AS n FROM ops.findings WHERE project_id = 'concurrent' GROUP BY 1 ORDER BY 1`,
      );
      expect(states.rows.map((r) => [r.state, Number(r.n)])).toEqual([['new', 8 + 1], ['persisting', 7], ['resolved', 7]]);
      expect(await count(t.db, `SELECT count(*) AS n FROM ops.audit_log WHERE project_id = 'concurrent' AND action = 'scan.recorded'`)).toBe(8);
    } finally {
      await Promise.all(connections.map((c) => c.close()));
    }
  });
});
