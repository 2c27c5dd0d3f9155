(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'name', c.relname,
           'owner', pg_catalog.pg_get_userbyid(c.relowner),
           'server', s.srvname
         ) order by n.nspname collate "C", c.relname collate "C"), '[]'::json)
  from pg_catalog.pg_foreign_table ft
  join pg_catalog.pg_class c on c.oid = ft.ftrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_foreign_server s on s.oid = ft.ftserver
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
)
