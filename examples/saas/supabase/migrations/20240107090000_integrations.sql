-- Third-party integrations (Slack, GitHub) per tenant.

-- deliberate violation: rls-disabled-in-exposed-schema and sensitive-columns-exposed. The
-- migration forgot ENABLE ROW LEVEL SECURITY, and access_token is readable with the anon key.
create table if not exists public.integrations (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  provider text not null,
  access_token text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists integrations_tenant_id_idx on public.integrations (tenant_id);

-- deliberate violation: policy-exists-rls-disabled. The policy is written, RLS is never enabled.
create table if not exists public.project_tags (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  tag text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists project_tags_tenant_id_idx on public.project_tags (tenant_id);
create index if not exists project_tags_project_id_idx on public.project_tags (project_id);
create policy "tenant members read tags"
  on public.project_tags for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);
