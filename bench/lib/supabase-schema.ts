/**
 * Generates the DDL of an N-table Supabase-style multi-tenant schema, in chunks (one string per
 * chunk, to be sent with one round trip each): every table has a tenant_id foreign key to
 * public.tenants, a parent foreign key to the previous table, an index on tenant_id, RLS on and a
 * tenant policy reading the JWT claim; every 10 tables add a SECURITY DEFINER function with a
 * pinned search_path, a plain function and a security_invoker view.
 */
export function* supabaseSchemaChunks(tables: number, chunkSize = 250): Generator<string> {
  yield `create table if not exists public.tenants (id uuid primary key default gen_random_uuid(), name text not null);
alter table public.tenants enable row level security;
create policy tenants_member on public.tenants for select to authenticated
  using (id = ((select auth.jwt()) ->> 'tenant_id')::uuid);`;
  for (let start = 0; start < tables; start += chunkSize) {
    const parts: string[] = [];
    for (let i = start; i < Math.min(tables, start + chunkSize); i += 1) parts.push(tableDdl(i));
    yield parts.join('\n');
  }
}

function tableDdl(i: number): string {
  const t = `t_${String(i).padStart(5, '0')}`;
  const parent = i > 0 ? `t_${String(i - 1).padStart(5, '0')}` : undefined;
  const lines = [
    `create table public.${t} (
  id uuid primary key default gen_random_uuid(),
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  ${parent ? `parent_id uuid references public.${parent} (id) on delete set null,` : ''}
  name text not null,
  status text not null default 'active' check (status in ('active', 'archived')),
  amount numeric(12, 2),
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz
);`,
    `create index ${t}_tenant_idx on public.${t} (tenant_id);`,
    `alter table public.${t} enable row level security;`,
    `create policy ${t}_tenant on public.${t} for all to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid)
  with check (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);`,
    `comment on table public.${t} is 'generated table ${i}';`,
  ];
  if (i % 10 === 0) {
    lines.push(
      `create function public.${t}_count(p_tenant uuid) returns bigint language sql stable security definer set search_path = ''
  as $$ select count(*) from public.${t} where tenant_id = p_tenant $$;`,
      `revoke execute on function public.${t}_count(uuid) from public, anon;`,
      `create function public.${t}_touch() returns trigger language plpgsql as $$ begin new.updated_at = now(); return new; end $$;`,
      `create trigger ${t}_touch before update on public.${t} for each row execute function public.${t}_touch();`,
      `create view public.${t}_active with (security_invoker = true) as select id, tenant_id, name from public.${t} where status = 'active';`,
    );
  }
  return lines.join('\n');
}
