(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'table', c.relname,
           'name', p.polname,
           'command', case p.polcmd when 'r' then 'SELECT' when 'a' then 'INSERT' when 'w' then 'UPDATE'
                                    when 'd' then 'DELETE' else 'ALL' end,
           'permissive', p.polpermissive,
           'roles', (select coalesce(json_agg(case when r.oid = 0 then 'public' else pg_catalog.pg_get_userbyid(r.oid) end
                                              order by case when r.oid = 0 then 'public' else pg_catalog.pg_get_userbyid(r.oid) end collate "C"), '[]'::json)
                     from unnest(p.polroles) r(oid)),
           'using', pg_catalog.pg_get_expr(p.polqual, p.polrelid),
           'withCheck', pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid)
         ) order by n.nspname collate "C", c.relname collate "C", p.polname collate "C"), '[]'::json)
  from pg_catalog.pg_policy p
  join pg_catalog.pg_class c on c.oid = p.polrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
)
