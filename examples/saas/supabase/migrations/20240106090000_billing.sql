-- Plans (public price list) and invoices (critical: created_by/updated_by and an audit trigger).

-- Public price list, read by the marketing site with the anon key. RLS stays off on purpose: the
-- exemption in .platform-kit.yml records why (and when to look again).
create table if not exists public.plans (
  id text primary key,
  name text not null,
  monthly_price_cents integer not null check (monthly_price_cents >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
revoke insert, update, delete, truncate on public.plans from anon, authenticated;

create table if not exists public.invoices (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete restrict,
  plan_id text not null references public.plans (id) on delete restrict,
  amount_cents integer not null check (amount_cents >= 0),
  status text not null default 'open' check (status in ('draft', 'open', 'paid', 'void')),
  created_by uuid not null references auth.users (id) on delete restrict,
  updated_by uuid not null references auth.users (id) on delete restrict,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists invoices_tenant_id_idx on public.invoices (tenant_id);
create index if not exists invoices_plan_id_idx on public.invoices (plan_id);
create index if not exists invoices_created_by_idx on public.invoices (created_by);
create index if not exists invoices_updated_by_idx on public.invoices (updated_by);
alter table public.invoices enable row level security;

create trigger invoices_touch_updated_at
  before update on public.invoices
  for each row execute function private.touch_updated_at();
create trigger invoices_audit
  after insert or update or delete on public.invoices
  for each row execute function private.audit_row();

-- deliberate violation: tenant-policy-missing-claim (§5.1) and auth-rls-initplan. Any signed-in
-- user of any tenant can read every invoice, and auth.uid() is evaluated once per row.
create policy "signed-in users read invoices"
  on public.invoices for select to authenticated
  using (auth.uid() is not null);

create policy "tenant admins issue invoices"
  on public.invoices for insert to authenticated
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()));

-- deliberate violation: materialized-view-in-api. Revenue per tenant, readable by anon and
-- authenticated through the default privileges, with no RLS possible on a materialized view.
create materialized view if not exists public.tenant_revenue as
  select tenant_id, sum(amount_cents) as revenue_cents
  from public.invoices
  where status = 'paid'
  group by tenant_id;
