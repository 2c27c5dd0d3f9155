-- Profiles, comments and the member directory.

create table if not exists public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text,
  avatar_path text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.profiles enable row level security;

create policy "users read their own profile"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()));
create policy "users update their own profile"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- deliberate violation: fkey-to-auth-unique. SMS notifications keyed on auth.users.phone, a
-- unique constraint Supabase may rebuild, instead of the user id.
create table if not exists public.sms_preferences (
  phone text primary key references auth.users (phone) on delete cascade,
  opted_in boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table public.sms_preferences enable row level security;
create policy "users manage their sms preference"
  on public.sms_preferences for all to authenticated
  using (phone = ((select auth.jwt()) ->> 'phone'))
  with check (phone = ((select auth.jwt()) ->> 'phone'));

create table if not exists public.comments (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.organizations (id) on delete cascade,
  task_id uuid not null references public.tasks (id) on delete cascade,
  author_id uuid not null references auth.users (id) on delete cascade,
  body text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index if not exists comments_tenant_id_idx on public.comments (tenant_id);
create index if not exists comments_task_id_idx on public.comments (task_id);
create index if not exists comments_author_id_idx on public.comments (author_id);
alter table public.comments enable row level security;

create policy "tenant members read comments"
  on public.comments for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

-- deliberate violation: policy-trusts-user-metadata, tenant-policy-missing-claim and
-- multiple-permissive-policies (a second SELECT policy for authenticated). user_metadata is
-- editable by the user, so anyone can make themselves a moderator.
create policy "moderators read all comments"
  on public.comments for select to authenticated
  using (((select auth.jwt()) -> 'user_metadata' ->> 'moderator') = 'true');

create policy "authors write comments"
  on public.comments for insert to authenticated
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid and author_id = (select auth.uid()));

-- deliberate violation: allow-all-policy and tenant-policy-missing-claim. Any signed-in user
-- can delete any comment in any tenant.
create policy "anyone deletes comments"
  on public.comments for delete to authenticated
  using (true);

-- deliberate violation: security-definer-view and auth-users-exposed. A directory of members
-- with their e-mail addresses, running as its owner and readable by anon.
create or replace view public.member_directory as
  select m.tenant_id, u.id as user_id, u.email
  from public.memberships m
  join auth.users u on u.id = m.user_id;
