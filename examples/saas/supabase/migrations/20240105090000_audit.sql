-- Audit trail (§5.3): every change to critical tables is written to private.audit_log by a trigger.

create table if not exists private.audit_log (
  id bigint generated always as identity primary key,
  tenant_id uuid,
  table_name text not null,
  operation text not null check (operation in ('INSERT', 'UPDATE', 'DELETE')),
  row_id uuid,
  actor_id uuid,
  old_row jsonb,
  new_row jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
alter table private.audit_log enable row level security;
-- No policy on purpose: only the service role (which bypasses RLS) reads the audit log.

create or replace function private.audit_row()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into private.audit_log (tenant_id, table_name, operation, row_id, actor_id, old_row, new_row)
  values (
    coalesce(new.tenant_id, old.tenant_id),
    tg_table_schema || '.' || tg_table_name,
    tg_op,
    coalesce(new.id, old.id),
    (select auth.uid()),
    case when tg_op in ('UPDATE', 'DELETE') then pg_catalog.to_jsonb(old) end,
    case when tg_op in ('INSERT', 'UPDATE') then pg_catalog.to_jsonb(new) end
  );
  return coalesce(new, old);
end;
$$;
comment on function private.audit_row() is
  'SECURITY DEFINER: callers have no privilege on private.audit_log, and must not have one; the trigger writes as the owner.';
revoke execute on function private.audit_row() from public;

-- deliberate violation: security-definer-search-path (error), security-definer-unjustified and
-- security-definer-executable-by-api (EXECUTE through PUBLIC). A client-callable event logger.
create or replace function public.log_event(event_name text, payload jsonb default '{}'::jsonb)
returns void
language plpgsql
security definer
as $$
begin
  insert into private.audit_log (tenant_id, table_name, operation, actor_id, new_row)
  values (((select auth.jwt()) ->> 'tenant_id')::uuid, 'event:' || event_name, 'INSERT', (select auth.uid()), payload);
end;
$$;
