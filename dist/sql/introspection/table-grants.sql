(
  with grants as (
    select n.nspname, c.relname, c.relkind,
           case when acl.grantee = 0 then 'PUBLIC' else pg_catalog.pg_get_userbyid(acl.grantee) end as grantee,
           acl.privilege_type
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    cross join lateral aclexplode(coalesce(c.relacl, pg_catalog.acldefault('r', c.relowner))) acl
    where c.relkind in ('r', 'p', 'v', 'm', 'f')
      and (acl.grantee = 0 or pg_catalog.pg_get_userbyid(acl.grantee) in ('anon', 'authenticated'))
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  ),
  grouped as (
    select nspname, relname, relkind, grantee, json_agg(distinct privilege_type) as privileges
    from grants
    group by nspname, relname, relkind, grantee
  )
  select coalesce(json_agg(json_build_object(
           'schema', nspname,
           'table', relname,
           'relationKind', case relkind when 'p' then 'partitioned' when 'v' then 'view' when 'm' then 'materialized_view'
                                        when 'f' then 'foreign_table' else 'table' end,
           'grantee', grantee,
           'privileges', privileges
         ) order by nspname collate "C", relname collate "C", grantee collate "C"), '[]'::json)
  from grouped
)
