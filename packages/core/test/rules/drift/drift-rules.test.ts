import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../../src/config/schema.js';
import { loadParser } from '../../../src/parser/parse.js';
import { introspect } from '../../../src/inventory/introspect.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { driftRules } from '../../../src/rules/drift/index.js';
import { driftFindings } from '../../../src/engine/drift.js';
import { baselineDatabase } from '../../helpers/fixtures.js';
import type { TestDatabase } from '../../helpers/database.js';
import { inventoryWith, table } from '../../helpers/inventory-builder.js';

// One database: the "before" schema, introspected; then the drift, introspected again.
const BEFORE = `
  create table public.notes (id uuid primary key, owner_id uuid, body text);
  alter table public.notes enable row level security;
  create policy "own notes" on public.notes for select to authenticated using (owner_id = auth.uid());
  create table public.orders (id uuid primary key);
  alter table public.orders enable row level security;
  create policy "orders read" on public.orders for select to authenticated using (id is not null);
  create table public.untouched (id uuid primary key);
  alter table public.untouched enable row level security;
  create function public.touch() returns int language sql set search_path = pg_catalog, public as 'select 1';
  create function public.stats() returns int language sql as 'select 2';
  revoke all on public.orders from anon;
  grant select on public.orders to anon;
`;
const DRIFT = `
  alter table public.notes disable row level security;
  alter policy "own notes" on public.notes using (true);
  drop policy "orders read" on public.orders;
  alter function public.touch() reset search_path;
  alter function public.stats() security definer;
  grant insert on public.orders to anon;
  create table public.tmp_export (id int);
`;

let t: TestDatabase;
let before: Inventory;
let after: Inventory;
let unchanged: Inventory;
beforeAll(async () => {
  await loadParser();
  t = await baselineDatabase('drift_rules');
  await t.db.exec(BEFORE);
  before = await introspect(t.db, { source: 'before' });
  unchanged = await introspect(t.db, { source: 'again' });
  await t.db.exec(DRIFT);
  after = await introspect(t.db, { source: 'after' });
});
afterAll(async () => {
  await t?.drop();
});

function run(id: string, current: Inventory, previous?: Inventory) {
  const rule = driftRules.find((r) => r.meta.id === id)!;
  return rule.check({ inventory: current, previous, config: defaultConfig() });
}

describe('drift rules on a real database', () => {
  it('every drift rule has complete metadata in the drift category', () => {
    expect(driftRules.length).toBe(8);
    for (const { meta } of driftRules) {
      expect(meta.id).toMatch(/^drift-[a-z-]+$/);
      expect(meta.category).toBe('drift');
      expect(meta.constitution.length).toBeGreaterThan(0);
      expect(meta.rationale.length).toBeGreaterThan(40);
      expect(meta.examples?.bad && meta.examples.good).toBeTruthy();
    }
  });

  it('report nothing without a previous scan, and nothing when nothing changed', () => {
    expect(driftFindings(after, undefined, defaultConfig())).toEqual([]);
    expect(driftFindings(unchanged, before, defaultConfig())).toEqual([]);
  });

  it('drift-rls-switched-off: the table whose RLS was switched off, with the fix', () => {
    const found = run('drift-rls-switched-off', after, before);
    expect(found.map((f) => f.object.name)).toEqual(['notes']);
    expect(found[0]!.remediation?.sql).toBe('ALTER TABLE "public"."notes" ENABLE ROW LEVEL SECURITY;');
  });

  it('drift-policy-expression-changed: shows the expression before and after', () => {
    const found = run('drift-policy-expression-changed', after, before);
    expect(found.map((f) => f.object.name)).toEqual(['own notes']);
    expect(found[0]!.message).toMatch(/USING \(owner_id = auth\.uid\(\)\) → true/);
  });

  it('drift-search-path-removed: the function that lost its pinned search_path', () => {
    const found = run('drift-search-path-removed', after, before);
    expect(found.map((f) => f.object.name)).toEqual(['touch']);
    expect(found[0]!.remediation?.sql).toMatch(/SET search_path/i);
  });

  it('drift-security-definer-added: the function that became SECURITY DEFINER', () => {
    expect(run('drift-security-definer-added', after, before).map((f) => f.object.name)).toEqual(['stats']);
  });

  it('drift-anon-grant-added: only the privileges anon gained, with a REVOKE', () => {
    const found = run('drift-anon-grant-added', after, before);
    // The baseline's default privileges hand anon everything on the new table: that is drift too.
    expect(found.map((f) => f.object.name).sort()).toEqual(['orders', 'tmp_export']);
    const orders = found.find((f) => f.object.name === 'orders')!;
    expect(orders.message).toContain('anon was granted INSERT on public.orders since');
    expect(orders.remediation?.sql).toBe('REVOKE INSERT ON TABLE "public"."orders" FROM anon;');
  });

  it('drift-object-added / removed / changed see the new table, the dropped policy and the changed objects', () => {
    const added = run('drift-object-added', after, before).map((f) => `${f.object.kind}:${f.object.name}`);
    expect(added).toContain('table:tmp_export');
    expect(added).not.toContain('table:untouched');
    const removed = run('drift-object-removed', after, before).map((f) => `${f.object.kind}:${f.object.name}`);
    expect(removed).toEqual(['policy:orders read']);
    const changed = run('drift-object-changed', after, before);
    const names = changed.map((f) => f.object.name);
    expect(names).toEqual(expect.arrayContaining(['notes', 'own notes', 'touch', 'stats']));
    expect(names).not.toContain('untouched');
    expect(changed.find((f) => f.object.name === 'notes' && f.object.kind === 'table')!.message).toContain('rlsEnabled');
  });

  it('the reverse direction is not reported as a regression', () => {
    expect(run('drift-rls-switched-off', before, after)).toEqual([]);
    expect(run('drift-search-path-removed', before, after)).toEqual([]);
    expect(run('drift-anon-grant-added', before, after)).toEqual([]);
  });
});

describe('drift rules on hand-made inventories', () => {
  it('a planner estimate or a replay location moving is not a change', () => {
    const a = inventoryWith({ tables: [table('public', 't', { estimatedRows: 1, location: { file: 'a.sql', line: 1 } })] });
    const b = inventoryWith({ tables: [table('public', 't', { estimatedRows: 5000, location: { file: 'b.sql', line: 9 } })] });
    expect(driftFindings(b, a, defaultConfig())).toEqual([]);
  });

  it('config can switch a drift rule off or change its severity', () => {
    const a = inventoryWith({ tables: [table('public', 't', { rlsEnabled: true })] });
    const b = inventoryWith({ tables: [table('public', 't', { rlsEnabled: false })] });
    const config = { ...defaultConfig(), rules: { 'drift-object-changed': 'off' as const, 'drift-rls-switched-off': 'warning' as const } };
    const found = driftFindings(b, a, config);
    expect(found.map((f) => [f.rule, f.severity])).toEqual([['drift-rls-switched-off', 'warning']]);
  });
});
