-- Helpers shared by tables and policies.

-- Keeps updated_at honest whatever the client sends.
create or replace function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := pg_catalog.now();
  return new;
end;
$$;

-- The caller's tenant, read once per statement by policies that need it in sub-selects.
create or replace function private.current_tenant_id()
returns uuid
language sql
stable
set search_path = ''
as $$
  select nullif(((select auth.jwt()) ->> 'tenant_id'), '')::uuid
$$;

-- deliberate violation: function-search-path-mutable (warning). No SET search_path.
create or replace function public.slugify(value text)
returns text
language sql
immutable
as $$
  select trim(both '-' from regexp_replace(lower(value), '[^a-z0-9]+', '-', 'g'))
$$;
