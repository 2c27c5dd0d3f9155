import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { defaultConfig } from '../../src/config/schema.js';
import { replayMigrations } from '../../src/replay/replay.js';
import { migrateOps } from '../../src/ops/migrate.js';
import { writeScan } from '../../src/ops/write-scan.js';
import { buildVerifiedPlan, recordRemediationPlan, renderPlanMarkdown, scanInventory } from '../../src/ops/remediation.js';
import { fingerprintOf, type Finding } from '../../src/report/finding.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { inventoryWith } from '../helpers/inventory-builder.js';

// A project whose migrations leave a table without RLS and a SECURITY DEFINER function without a search_path.
const MIGRATION = `
create table public.invoices (id uuid primary key, amount numeric);
create function public.total() returns numeric language sql security definer as 'select sum(amount) from public.invoices';
`;

let dir: string;
let t: TestDatabase;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pk-remediation-'));
  mkdirSync(path.join(dir, 'migrations'));
  writeFileSync(path.join(dir, 'migrations', '20260101000000_init.sql'), MIGRATION);
  t = await createTestDatabase('ops_remediation');
  await migrateOps(t.db);
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await t.drop();
});

describe('verified remediation plans', () => {
  it('replays the migrations plus the plan, rescans, and records it with lineage', async () => {
    const config = defaultConfig();
    const replay = await replayMigrations(path.join(dir, 'migrations'), { root: dir });
    const findings = await scanInventory(replay.inventory, config);
    expect(findings.some((f) => f.rule === 'rls-disabled-in-exposed-schema' && f.remediation)).toBe(true);

    // A fix for an object the migrations never create (drift in the live database) cannot be verified.
    const ghostObject = { kind: 'table' as const, schema: 'public', name: 'made_in_dashboard' };
    const ghost: Finding = {
      rule: 'rls-disabled-in-exposed-schema', severity: 'error', fingerprint: fingerprintOf('rls-disabled-in-exposed-schema', ghostObject),
      object: ghostObject, message: 'x', remediation: { sql: 'ALTER TABLE "public"."made_in_dashboard" ENABLE ROW LEVEL SECURITY;' },
    };

    const verified = await buildVerifiedPlan({ findings, migrationsDir: path.join(dir, 'migrations'), config, root: dir });
    expect(verified.verification.status).toBe('verified');
    expect(verified.verification.appliedTwice).toBe(true);
    expect(verified.verification.stillOpen).toEqual([]);
    expect(verified.verification.fixed).toEqual(verified.plan.fixed.map((f) => f.fingerprint));
    expect(verified.plan.sql).toContain('ENABLE ROW LEVEL SECURITY');
    const md = renderPlanMarkdown(verified);
    expect(md).toContain('Verification: **verified**');
    expect(md).toMatch(/Cannot fix \(\d+/);

    const unverifiable = await buildVerifiedPlan({ findings: [ghost], migrationsDir: path.join(dir, 'migrations'), config, root: dir });
    expect(unverifiable.verification.status).toBe('failed');
    expect(unverifiable.verification.reason).toMatch(/failed to apply.*made_in_dashboard/);

    const scanId = randomUUID();
    await writeScan(t.db, { scanId, project: { id: 'acme' }, trigger: 'nightly', toolVersion: '0.1.0', inventory: inventoryWith({}), findings });
    const first = await recordRemediationPlan(t.db, { projectId: 'acme', scanId, verified: unverifiable, requestedBy: 'nightly-bot' });
    const id = await recordRemediationPlan(t.db, { projectId: 'acme', scanId, verified, requestedBy: 'nightly-bot' });
    const { rows } = await t.db.query<{ id: string; status: string; verification_status: string; requested_by: string; why: string; findings_covered: string[]; created_at: Date }>(
      `SELECT id, status, verification_status, requested_by, why, findings_covered, created_at FROM ops.remediation_plans ORDER BY created_at`,
    );
    expect(rows.map((r) => [r.id, r.status, r.verification_status])).toEqual([[first, 'superseded', 'failed'], [id, 'proposed', 'verified']]);
    expect(rows[1]!.requested_by).toBe('nightly-bot');
    expect(rows[1]!.why).toContain(`scan ${scanId}`);
    expect(rows[1]!.findings_covered.length).toBe(verified.plan.fixed.length);
    const audit = await t.db.query<{ action: string }>(`SELECT action FROM ops.audit_log WHERE project_id = 'acme' ORDER BY id`);
    expect(audit.rows.map((r) => r.action)).toEqual(['scan.recorded', 'remediation_plan.proposed', 'update', 'remediation_plan.proposed']);
  }, 240_000);
});
