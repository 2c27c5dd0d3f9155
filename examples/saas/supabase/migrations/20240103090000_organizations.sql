-- Tenants and who belongs to them.

create table if not exists public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.organizations enable row level security;

create trigger organizations_touch_updated_at
  before update on public.organizations
  for each row execute function private.touch_updated_at();

-- An organization row is its own tenant: members see their organization only.
create policy "members read their organization"
  on public.organizations for select to authenticated
  using (id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

create table if not exists public.memberships (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null default 'member' check (role in ('owner', 'admin', 'member')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, user_id)
);
create index if not exists memberships_user_id_idx on public.memberships (user_id);
alter table public.memberships enable row level security;

create trigger memberships_touch_updated_at
  before update on public.memberships
  for each row execute function private.touch_updated_at();

create policy "members read memberships of their tenant"
  on public.memberships for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

-- Admin check used by write policies, in the private schema so that it is not an RPC endpoint.
-- SECURITY DEFINER so that it can read memberships without recursing into their policies.
create or replace function private.is_tenant_admin()
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1 from public.memberships m
    where m.tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid
      and m.user_id = (select auth.uid())
      and m.role in ('owner', 'admin')
  )
$$;
comment on function private.is_tenant_admin() is
  'SECURITY DEFINER: called from policies on memberships and projects; with invoker rights it would re-enter the memberships policies and recurse.';
revoke execute on function private.is_tenant_admin() from public, anon;
grant execute on function private.is_tenant_admin() to authenticated, service_role;

-- Writes are for tenant admins; one policy per command keeps SELECT to a single permissive policy.
create policy "admins add memberships to their tenant"
  on public.memberships for insert to authenticated
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()));

create policy "admins change memberships of their tenant"
  on public.memberships for update to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()))
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()));

create policy "admins remove memberships from their tenant"
  on public.memberships for delete to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()));
