(
  select coalesce(json_agg(json_build_object(
           'name', n.nspname,
           'owner', pg_catalog.pg_get_userbyid(n.nspowner),
           'comment', pg_catalog.obj_description(n.oid, 'pg_namespace')
         ) order by n.nspname collate "C"), '[]'::json)
  from pg_catalog.pg_namespace n
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_namespace'::regclass and d.objid = n.oid and d.deptype = 'e')
)
