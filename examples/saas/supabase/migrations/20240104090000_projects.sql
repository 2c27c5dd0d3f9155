-- Projects and tasks: the core of the product, tenant-scoped and well-policed.

create table if not exists public.projects (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  name text not null,
  description text,
  archived boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists projects_tenant_id_idx on public.projects (tenant_id);
create index if not exists projects_name_trgm_idx on public.projects using gin (name extensions.gin_trgm_ops);
alter table public.projects enable row level security;

create trigger projects_touch_updated_at
  before update on public.projects
  for each row execute function private.touch_updated_at();

create policy "tenant members read projects"
  on public.projects for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

create policy "tenant members create projects"
  on public.projects for insert to authenticated
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

create policy "tenant members update projects"
  on public.projects for update to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid)
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

create policy "tenant admins delete projects"
  on public.projects for delete to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and (select private.is_tenant_admin()));

create table if not exists public.tasks (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  assignee_id uuid references auth.users (id) on delete set null,
  title text not null,
  done boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists tasks_tenant_id_idx on public.tasks (tenant_id);
create index if not exists tasks_project_id_idx on public.tasks (project_id);
create index if not exists tasks_assignee_id_idx on public.tasks (assignee_id);
alter table public.tasks enable row level security;

create trigger tasks_touch_updated_at
  before update on public.tasks
  for each row execute function private.touch_updated_at();

-- One policy for every command, restricted to the tenant on both sides.
create policy "tenant members work on tasks"
  on public.tasks for all to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid)
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

-- A read-only summary for the dashboard; security_invoker keeps the callers' policies in force.
create or replace view public.project_summaries
  with (security_invoker = true)
as
  select p.id, p.tenant_id, p.name, count(t.id) as task_count, count(t.id) filter (where t.done) as done_count
  from public.projects p
  left join public.tasks t on t.project_id = p.id
  group by p.id, p.tenant_id, p.name;
