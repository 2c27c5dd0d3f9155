import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { migrateOps } from '../../src/ops/migrate.js';
import { writeScan, recordFailedScan, type ScanRecord } from '../../src/ops/write-scan.js';
import { orgCompliance, projectCompliance, renderOrgMarkdown } from '../../src/ops/compliance-report.js';
import { deployGate } from '../../src/ops/deploy-gate.js';
import { enqueueExpiryReminders } from '../../src/ops/alerts.js';
import { fingerprintOf, type Finding } from '../../src/report/finding.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { inventoryWith, table } from '../helpers/inventory-builder.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('ops_report_gate');
  await migrateOps(t.db);
});
afterAll(async () => {
  await t.drop();
});

function finding(rule: string, name: string, severity: Finding['severity']): Finding {
  const object = { kind: 'table' as const, schema: 'public', name };
  return { rule, severity, fingerprint: fingerprintOf(rule, object), object, message: `${rule} on ${name} | with a pipe` };
}
const inv = inventoryWith({ tables: [table('public', 'a')] });
const rec = (project: string, findings: Finding[], owners?: string[]): ScanRecord => ({
  scanId: randomUUID(), project: { id: project, owners }, trigger: 'nightly', toolVersion: '0.1.0', inventory: inv, findings,
});

describe('compliance report and deploy gate', () => {
  beforeAll(async () => {
    await writeScan(t.db, rec('shop', [finding('rls-disabled-in-exposed-schema', 'orders', 'error'), finding('old-rule', 'gone', 'warning')], ['@team-shop']));
    await writeScan(t.db, rec('shop', [finding('rls-disabled-in-exposed-schema', 'orders', 'error'), finding('auth-rls-initplan', 'notes', 'warning'), finding('missing-comment', 'x', 'info')]));
    await writeScan(t.db, rec('blog', [finding('missing-comment', 'posts', 'info')]));
    const failing = rec('crm', []);
    await recordFailedScan(t.db, failing, new Error('could not connect to the project database'));
  });

  it('per project: severity-ranked, new and resolved since the previous scan', async () => {
    const shop = await projectCompliance(t.db, 'shop');
    expect(shop.findings.map((f) => [f.severity, f.rule, f.state])).toEqual([
      ['error', 'rls-disabled-in-exposed-schema', 'persisting'],
      ['warning', 'auth-rls-initplan', 'new'],
      ['info', 'missing-comment', 'new'],
    ]);
    expect(shop.resolved.map((f) => f.rule)).toEqual(['old-rule']);
    expect(shop.open).toEqual({ error: 1, warning: 1, info: 1 });
    expect(shop.owners).toEqual(['@team-shop']);
  });

  it('for the org: worst first, failed and never-scanned projects shown, Markdown and JSON', async () => {
    const org = await orgCompliance(t.db, { projects: ['shop', 'blog', 'crm', 'ghost'], now: new Date('2026-01-01T00:00:00Z') });
    expect(org.projects.map((p) => p.project)).toEqual(['crm', 'ghost', 'shop', 'blog']);
    expect(org.totals).toMatchObject({ projects: 4, failedScans: 1, neverScanned: 1, open: { error: 1, warning: 1, info: 2 }, resolved: 1 });
    const md = renderOrgMarkdown(org);
    expect(md).toContain('# Platform Kit compliance report');
    expect(md).toContain('| shop | succeeded | 1 | 1 | 1 | 2 | 1 |');
    expect(md).toContain('could not connect to the project database');
    expect(md).toContain('on orders \\| with a pipe'); // a pipe in a message does not break the table
    expect(JSON.parse(JSON.stringify(org))).toEqual(org);
  });

  it('the deploy gate blocks on open critical findings, honours waivers given later, and refuses unscanned projects', async () => {
    const before = await deployGate(t.db, 'shop');
    expect(before.blocking.map((f) => f.rule)).toEqual(['rls-disabled-in-exposed-schema']);
    await t.db.query(
      `INSERT INTO ops.waivers (project_id, rule, fingerprint, justification, environment, expires_at)
       VALUES ('shop', 'rls-disabled-in-exposed-schema', $1, 'staging prototype with synthetic data', 'staging', now() + interval '5 days')`,
      [finding('rls-disabled-in-exposed-schema', 'orders', 'error').fingerprint],
    );
    const after = await deployGate(t.db, 'shop');
    expect(after.blocking).toEqual([]);
    expect(after.findings.find((f) => f.rule === 'rls-disabled-in-exposed-schema')?.waived?.justification).toContain('synthetic');
    expect((await deployGate(t.db, 'blog')).blocking).toEqual([]);
    await expect(deployGate(t.db, 'crm')).rejects.toThrow(/no successful scan of project "crm".*failed/);
    await expect(deployGate(t.db, 'ghost')).rejects.toThrow(/no successful scan/);
  });

  it('flags waivers about to expire and expired exceptions, and queues one reminder each, once (§10)', async () => {
    await t.db.exec(`INSERT INTO ops.waivers (project_id, rule, justification, environment, expires_at)
        VALUES ('blog', 'missing-comment', 'prototype blog, synthetic data', 'preview', now() + interval '3 days');
      INSERT INTO ops.exceptions (project_id, rule, object_pattern, document, rationale, risk_assessment, mitigation, approved_by, expires_on)
        VALUES ('blog', 'allow-all-policy', 'public.posts', 'docs/exceptions/2025-01-01-public-posts.md', 'public blog', 'low', 'read only',
                '{security-owner,platform-architect}', current_date - 1)`);
    const blog = await projectCompliance(t.db, 'blog');
    expect(blog.expiringWaivers.map((w) => w.rule)).toEqual(['missing-comment']);
    expect(blog.expiredExceptions.map((e) => e.objectPattern)).toEqual(['public.posts']);
    const org = await orgCompliance(t.db, { projects: ['blog'] });
    expect(renderOrgMarkdown(org)).toMatch(/Waiver .* for `missing-comment` expires/);
    expect(await enqueueExpiryReminders(t.db, org.projects)).toBe(2);
    expect(await enqueueExpiryReminders(t.db, org.projects)).toBe(0);
  });
});
