(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'name', p.proname,
           'identityArgs', pg_catalog.pg_get_function_identity_arguments(p.oid),
           'kind', case p.prokind when 'p' then 'procedure' when 'a' then 'aggregate' when 'w' then 'window' else 'function' end,
           'language', l.lanname,
           'returns', case when p.prokind = 'p' then null else pg_catalog.pg_get_function_result(p.oid) end,
           'securityDefiner', p.prosecdef,
           'volatility', case p.provolatile when 'i' then 'immutable' when 's' then 'stable' else 'volatile' end,
           'config', coalesce(to_json(p.proconfig), '[]'::json),
           'searchPath', (select substr(cfg, length('search_path=') + 1) from unnest(p.proconfig) cfg
                          where cfg like 'search\_path=%' limit 1),
           'owner', pg_catalog.pg_get_userbyid(p.proowner),
           'executeGrantees', (select coalesce(json_agg(distinct case when acl.grantee = 0 then 'PUBLIC'
                                                               else pg_catalog.pg_get_userbyid(acl.grantee) end), '[]'::json)
                               from aclexplode(coalesce(p.proacl, pg_catalog.acldefault('f', p.proowner))) acl
                               where acl.privilege_type = 'EXECUTE'),
           'comment', pg_catalog.obj_description(p.oid, 'pg_proc'),
           'bodyHash', md5(coalesce(p.prosrc, ''))
         ) order by n.nspname collate "C", p.proname collate "C",
                    pg_catalog.pg_get_function_identity_arguments(p.oid) collate "C"), '[]'::json)
  from pg_catalog.pg_proc p
  join pg_catalog.pg_namespace n on n.oid = p.pronamespace
  join pg_catalog.pg_language l on l.oid = p.prolang
  where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')
)
