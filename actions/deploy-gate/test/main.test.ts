import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { runInProcess, removeRun } from '../../../packages/github/test/helpers/action-env.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../../../packages/core/test/helpers/database.js';
import { inventoryWith, table } from '../../../packages/core/test/helpers/inventory-builder.js';
import { migrateOps } from '../../../packages/core/src/ops/migrate.js';
import { writeScan } from '../../../packages/core/src/ops/write-scan.js';
import { fingerprintOf } from '../../../packages/core/src/report/finding.js';
import { run } from '../src/main.js';

describe.runIf(hasServer())('deploy-gate action', () => {
  let plane: TestDatabase;
  const runs: { tempDir: string }[] = [];
  const object = { kind: 'table' as const, schema: 'public', name: 'orders' };
  const critical = { rule: 'rls-disabled-in-exposed-schema', severity: 'error' as const, fingerprint: fingerprintOf('rls-disabled-in-exposed-schema', object), object, message: 'RLS off on public.orders' };
  beforeAll(async () => {
    plane = await createTestDatabase('action_deploy_gate');
    await migrateOps(plane.db);
    const inventory = inventoryWith({ tables: [table('public', 'orders')] });
    await writeScan(plane.db, { scanId: randomUUID(), project: { id: 'shop' }, trigger: 'nightly', toolVersion: '0.1.0', inventory, findings: [critical] });
    await writeScan(plane.db, { scanId: randomUUID(), project: { id: 'blog' }, trigger: 'nightly', toolVersion: '0.1.0', inventory, findings: [{ ...critical, severity: 'warning' }] });
  });
  afterAll(async () => {
    for (const r of runs) removeRun(r);
    await plane.drop();
  });
  const action = async (inputs: Record<string, string>) => {
    const r = await runInProcess(run, { inputs });
    runs.push(r);
    return r;
  };

  it('fails while a critical finding is open, naming it', async () => {
    const r = await action({ project: 'shop', 'control-plane-url': plane.url! });
    expect(r.result.status).toBe('failed');
    expect(r.exitCode).toBe(1);
    expect(r.outputs.errors).toBe('1');
    expect(r.summary).toContain('rls-disabled-in-exposed-schema');
  });

  it('passes when only warnings are open, and once the critical finding is waived', async () => {
    expect((await action({ project: 'blog', 'control-plane-url': plane.url! })).result.status).toBe('passed');
    await plane.db.query(
      `INSERT INTO ops.waivers (project_id, rule, fingerprint, justification, environment, expires_at)
       VALUES ('shop', $1, $2, 'prototype with synthetic data only', 'staging', now() + interval '10 days')`,
      [critical.rule, critical.fingerprint],
    );
    const r = await action({ project: 'shop', 'control-plane-url': plane.url! });
    expect(r.result.status).toBe('passed');
    expect(r.outputs.waived).toBe('1');
  });

  it('a project never scanned cannot be cleared', async () => {
    const r = await action({ project: 'unknown', 'control-plane-url': plane.url! });
    expect(r.result.status).toBe('error');
    expect(r.result.error).toMatch(/no successful scan of project "unknown"/);
  });
});
