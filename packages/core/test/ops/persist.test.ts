import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { defaultConfig } from '../../src/config/schema.js';
import { migrateOps } from '../../src/ops/migrate.js';
import { persistScan, persistScanFailure } from '../../src/ops/persist.js';
import { createLogger } from '../../src/logging.js';
import { fingerprintOf, type Finding } from '../../src/report/finding.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';
import { inventoryWith, table } from '../helpers/inventory-builder.js';

const v1 = inventoryWith({ tables: [table('public', 'notes', { rlsEnabled: true })] });
const v2 = inventoryWith({ tables: [table('public', 'notes', { rlsEnabled: false }), table('public', 'extra')] });
const critical: Finding = (() => {
  const object = { kind: 'table' as const, schema: 'public', name: 'notes' };
  return { rule: 'rls-disabled-in-exposed-schema', severity: 'error', fingerprint: fingerprintOf('rls-disabled-in-exposed-schema', object), object, message: 'RLS off' };
})();

describe('local history without a control plane', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'pk-ops-local-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('two scans on a laptop: the second shows history and drift', async () => {
    const common = { cwd: dir, project: { id: 'laptop' }, config: defaultConfig() };
    const first = await persistScan({ ...common, inventory: v1, findings: [] });
    expect(first.status).toBe('recorded');
    expect(first.drift).toEqual([]);
    expect(first.target).toBe('local history .platform-kit/ops');
    const second = await persistScan({ ...common, inventory: v2, findings: [critical] });
    expect(second.status).toBe('recorded');
    expect(second.previousScanId).toBe(first.scanId);
    expect(second.drift.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['drift-rls-switched-off', 'drift-object-added', 'drift-object-changed']),
    );
    expect(second.notices[0]!.message).toMatch(/4 new, 0 persisting, 0 resolved since scan .*; 3 drift finding/);
  }, 120_000);
});

describe.runIf(hasServer())('persistScan against a control-plane server', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('ops_persist');
    await migrateOps(t.db);
  });
  afterAll(async () => {
    await t.drop();
  });

  it('records the scan, its metrics and an alert for new critical findings; a rerun adds nothing', async () => {
    const lines: string[] = [];
    const logger = createLogger({ component: 'test', destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
    const input = { controlPlaneUrl: t.url!, project: { id: 'srv' }, config: defaultConfig(), inventory: v2, findings: [critical], runId: 'run-9', scanDurationMs: 1234, logger };
    const result = await persistScan(input);
    expect(result.status).toBe('recorded');
    const again = await persistScan({ ...input, scanId: result.scanId });
    expect(again.status).toBe('already-recorded');
    const metrics = await t.db.query<{ name: string; value: number; labels: Record<string, string> }>(
      `SELECT name, value, labels FROM ops.metrics WHERE scan_id = $1 ORDER BY name, labels::text`,
      [result.scanId],
    );
    expect(metrics.rows.find((m) => m.name === 'scan.duration')?.value).toBe(1234);
    expect(metrics.rows.find((m) => m.name === 'scan.findings' && m.labels.severity === 'error')?.value).toBe(1);
    expect(metrics.rows.filter((m) => m.name === 'scan.duration')).toHaveLength(1);
    const alerts = await t.db.query<{ idempotency_key: string; payload: { text: string } }>(`SELECT idempotency_key, payload FROM ops.alert_outbox`);
    expect(alerts.rows).toHaveLength(1);
    expect(alerts.rows[0]!.idempotency_key).toBe(`scan:${result.scanId}:new-critical`);
    expect(alerts.rows[0]!.payload.text).toContain('rls-disabled-in-exposed-schema: public.notes');
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged[0]).toMatchObject({ level: 'INFO', component: 'test', message: 'scan recorded', metadata: { project_id: 'srv', scan_id: result.scanId, run_id: 'run-9' } });
  });

  it('an unreachable control plane is retried with backoff, then reported; the password never shows', async () => {
    const slept: number[] = [];
    const result = await persistScan({
      controlPlaneUrl: 'postgres://svc:hunter2-secret@127.0.0.1:1/ops',
      project: { id: 'srv' },
      config: defaultConfig(),
      inventory: v1,
      findings: [],
      retry: { attempts: 3, baseDelayMs: 10, sleep: async (ms) => void slept.push(ms) },
    });
    expect(result.status).toBe('unreachable');
    expect(slept).toHaveLength(2);
    expect(JSON.stringify(result)).not.toContain('hunter2-secret');
    expect(result.notices[0]!.message).toMatch(/could not be reached/);
  });

  it('a control plane without the ops schema is a configuration error naming the fix', async () => {
    const bare = await createTestDatabase('ops_persist_bare');
    try {
      await expect(persistScan({ controlPlaneUrl: bare.url!, project: { id: 'x' }, config: defaultConfig(), inventory: v1, findings: [] })).rejects.toThrow(
        /no ops schema/,
      );
    } finally {
      await bare.drop();
    }
  });

  it('a scan that could not run is recorded as failed, redacted, with an alert', async () => {
    const ok = await persistScanFailure(
      { controlPlaneUrl: t.url!, project: { id: 'broken' }, scanId: '00000000-0000-4000-8000-000000000001', secrets: ['pw-of-target'] },
      new Error('cannot connect to postgres://app:pw-of-target@db.internal:5432/app'),
    );
    expect(ok).toBe(true);
    const { rows } = await t.db.query<{ status: string; error: string }>(`SELECT status, error FROM ops.scans WHERE project_id = 'broken'`);
    expect(rows[0]!.status).toBe('failed');
    expect(rows[0]!.error).not.toContain('pw-of-target');
    const alerts = await t.db.query(`SELECT 1 FROM ops.alert_outbox WHERE idempotency_key = 'scan:00000000-0000-4000-8000-000000000001:failed'`);
    expect(alerts.rows).toHaveLength(1);
  });
});
