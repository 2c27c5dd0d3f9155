import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replayMigrations } from '../../../src/replay/replay.js';
import { introspect } from '../../../src/inventory/introspect.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { loadConfig } from '../../../src/config/load.js';
import { finalizeFindings } from '../../../src/engine/finalize.js';
import { rulesForGate } from '../../../src/engine/gates.js';
import { ruleCatalogue } from '../../../src/rules/registry.js';
import { buildRemediationPlan } from '../../../src/remediation/plan.js';
import type { Finding } from '../../../src/report/finding.js';
import type { Db } from '../../../src/db/port.js';

/**
 * examples/saas: replays in the embedded database (the README's main command scans it), shows each
 * rule class with its deliberate violations at their migration file and line, and its remediation
 * plan clears what it claims to fix, twice over.
 */
const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../examples/saas');
const { config } = loadConfig({ cwd: exampleDir, knownRuleIds: ruleCatalogue().map((m) => m.id) });

function scan(inventory: Inventory): Finding[] {
  return finalizeFindings(
    rulesForGate('scan').map((rule) => ({ meta: rule.meta, findings: rule.check({ inventory, config }) })),
    config,
  );
}

let db: Db;
let findings: Finding[];
let notices: { message: string }[];
beforeAll(async () => {
  const result = await replayMigrations(path.join(exampleDir, 'supabase/migrations'), { root: exampleDir, keepOpen: true });
  db = result.db!;
  notices = result.notices;
  findings = scan(result.inventory);
});
afterAll(async () => db?.close());

describe('examples/saas', () => {
  it('replays without notices', () => {
    expect(notices).toEqual([]);
  });

  it('reports exactly its deliberate violations, each at its migration file and line', () => {
    const seen = findings.map((f) => `${f.rule} ${f.object.table ? `${f.object.schema}.${f.object.table}.` : `${f.object.schema}.`}${f.object.name}${f.waived ? ' (waived)' : ''}`).sort();
    expect(seen).toEqual([
      'allow-all-policy public.comments.anyone deletes comments',
      'auth-rls-initplan public.invoices.signed-in users read invoices',
      'auth-users-exposed public.member_directory',
      'extension-in-public public.citext',
      'fkey-to-auth-unique public.sms_preferences.sms_preferences_phone_fkey',
      'function-search-path-mutable public.slugify',
      'materialized-view-in-api public.tenant_revenue',
      'multiple-permissive-policies public.comments',
      'policy-exists-rls-disabled public.project_tags',
      'policy-trusts-user-metadata public.comments.moderators read all comments',
      'public-bucket-allows-listing storage.logos',
      'rls-disabled-in-exposed-schema public.integrations',
      'rls-disabled-in-exposed-schema public.plans (waived)',
      'rls-disabled-in-exposed-schema public.project_tags',
      'rls-enabled-no-policy private.audit_log',
      'security-definer-executable-by-api public.log_event',
      'security-definer-search-path public.log_event',
      'security-definer-unjustified public.log_event',
      'security-definer-view public.member_directory',
      'sensitive-columns-exposed public.integrations',
      'storage-policy-allow-all storage.objects.anyone uploads',
      'storage-policy-not-bucket-scoped storage.objects.owners delete their files',
      'tenant-policy-missing-claim public.comments.anyone deletes comments',
      'tenant-policy-missing-claim public.comments.moderators read all comments',
      'tenant-policy-missing-claim public.invoices.signed-in users read invoices',
    ]);
    for (const f of findings) {
      expect(f.location?.file, `${f.rule} ${f.object.name}`).toMatch(/^supabase\/migrations\/2024\d+_\w+\.sql$/);
    }
    const logEvent = findings.find((f) => f.rule === 'security-definer-search-path')!;
    expect(logEvent.location).toEqual({ file: 'supabase/migrations/20240105090000_audit.sql', line: 44 });
  });

  it('the remediation plan clears the fixable findings and runs twice', async () => {
    const plan = buildRemediationPlan(findings, { target: 'examples/saas', catalogue: ruleCatalogue() });
    expect(plan.fixed.length).toBeGreaterThanOrEqual(10);
    expect(plan.waived.map((f) => f.object.name)).toEqual(['plans']);
    await db.exec(plan.sql);
    const after = scan(await introspect(db));
    const remaining = new Set(after.map((f) => f.fingerprint));
    expect(plan.fixed.filter((f) => remaining.has(f.fingerprint)).map((f) => f.rule)).toEqual([]);
    await db.exec(plan.sql);
    expect(scan(await introspect(db)).map((f) => f.fingerprint).sort()).toEqual(after.map((f) => f.fingerprint).sort());
  });
});
