import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { inventoryOf } from '../../helpers/fixtures.js';
import { objectsOf, runRule } from './run.js';
import { tenantPolicyMissingClaim } from '../../../src/rules/security/tenant-policy-missing-claim.js';

/** §5.1 tenant isolation, failing and passing fixtures in one database. */
const FIXTURE = `
create table public.organizations (id uuid primary key, name text not null);
create table public.memberships (tenant_id uuid not null, user_id uuid not null);
alter table public.memberships enable row level security;
create policy members_own on public.memberships for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and user_id = (select auth.uid()));   -- passes: claim in a top-level AND

create table public.projects (id uuid primary key, tenant_id uuid not null, name text);
alter table public.projects enable row level security;
create policy p_select on public.projects for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);                                      -- passes
create policy p_insert on public.projects for insert to authenticated
  with check (tenant_id = ((auth.jwt() -> 'app_metadata') ->> 'tenant_id')::uuid);                     -- passes: app_metadata is server-written
create policy p_update on public.projects for update to authenticated
  using (tenant_id = (auth.jwt() ->> 'tenant_id')::uuid) with check (true);                            -- fails: WITH CHECK
create policy p_delete on public.projects for delete to authenticated
  using (tenant_id in (select m.tenant_id from public.memberships m where m.user_id = (select auth.uid()))); -- fails: no claim
create policy p_service on public.projects for all to service_role using (true);                       -- not an API role: passes

create table public.invoices (id uuid primary key, tenant_id uuid not null, amount numeric);
alter table public.invoices enable row level security;
create policy inv_tenant on public.invoices as restrictive for all to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);
create policy inv_read on public.invoices for select to authenticated using (amount > 0);             -- passes: covered by the restrictive policy
create policy inv_anon on public.invoices for select to anon using (amount > 0);                      -- fails: the restrictive policy is for authenticated only

create table public.notes (id uuid primary key, tenant_id uuid not null, body text);
alter table public.notes enable row level security;
create policy n_meta on public.notes for select to authenticated
  using (tenant_id = ((auth.jwt() -> 'user_metadata') ->> 'tenant_id')::uuid);                         -- fails: user_metadata
create policy n_or on public.notes for update to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid or body is null);                     -- fails: claim under OR

create table public.open_tenant (id uuid primary key, tenant_id uuid not null);                          -- RLS off: rls-disabled reports it, not this rule
create policy o_all on public.open_tenant using (true);

create table public.countries (code text primary key, name text);                                       -- no tenant column: not tenant-scoped
alter table public.countries enable row level security;
create policy c_read on public.countries for select to anon using (true);
`;

let inventory: Inventory;
beforeAll(async () => {
  await loadParser();
  inventory = await inventoryOf(FIXTURE);
});

describe('tenant-policy-missing-claim', () => {
  it('reports each API policy of a tenant-scoped table that does not filter by the claim', () => {
    const findings = runRule(tenantPolicyMissingClaim, inventory);
    expect(objectsOf(findings)).toEqual([
      'public.invoices.inv_anon',
      'public.notes.n_meta',
      'public.notes.n_or',
      'public.projects.p_delete',
      'public.projects.p_update',
    ]);
    const update = findings.find((f) => f.object.name === 'p_update')!;
    expect(update.message).toContain('WITH CHECK has no top-level condition');
    expect(update.message).not.toContain('USING and');
  });

  it('tenancy.tables patterns pick the tenant-scoped tables', () => {
    const findings = runRule(tenantPolicyMissingClaim, inventory, { tenancy: { tables: ['public.notes'] } });
    expect(objectsOf(findings)).toEqual(['public.notes.n_meta', 'public.notes.n_or']);
  });

  it('honours a configured column and claim', () => {
    const findings = runRule(tenantPolicyMissingClaim, inventory, { tenancy: { column: 'tenant_id', claim: 'org_id' } });
    // every policy now fails: none reads the org_id claim (restrictive coverage included)
    expect(objectsOf(findings)).toContain('public.projects.p_select');
    expect(objectsOf(findings)).toContain('public.invoices.inv_read');
    expect(objectsOf(findings)).not.toContain('public.countries.c_read');
  });
});
