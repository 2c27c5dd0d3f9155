(
  with rels as (
    select c.oid, n.nspname, c.relname, c.relkind, c.relowner, c.reloptions
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('v', 'm')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  ),
  deps as (
    select rels.oid,
           json_agg(json_build_object('schema', rn.nspname, 'name', rc.relname)
                    order by rn.nspname collate "C", rc.relname collate "C") as depends_on
    from rels
    join lateral (
      select distinct d.refobjid
      from pg_catalog.pg_rewrite rw
      join pg_catalog.pg_depend d on d.classid = 'pg_catalog.pg_rewrite'::regclass and d.objid = rw.oid
      where rw.ev_class = rels.oid and d.refclassid = 'pg_catalog.pg_class'::regclass and d.refobjid <> rels.oid
    ) ref on true
    join pg_catalog.pg_class rc on rc.oid = ref.refobjid and rc.relkind in ('r', 'p', 'v', 'm', 'f')
    join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
    group by rels.oid
  )
  select coalesce(json_agg(json_build_object(
           'schema', rels.nspname,
           'name', rels.relname,
           'kind', case rels.relkind when 'm' then 'materialized_view' else 'view' end,
           'owner', pg_catalog.pg_get_userbyid(rels.relowner),
           'securityInvoker', rels.relkind = 'v' and coalesce((select o.option_value::boolean
                                 from pg_catalog.pg_options_to_table(rels.reloptions) o
                                 where o.option_name = 'security_invoker'), false),
           'securityBarrier', coalesce((select o.option_value::boolean
                                 from pg_catalog.pg_options_to_table(rels.reloptions) o
                                 where o.option_name = 'security_barrier'), false),
           'definition', pg_catalog.pg_get_viewdef(rels.oid),
           'dependsOn', coalesce(deps.depends_on, '[]'::json),
           'comment', pg_catalog.obj_description(rels.oid, 'pg_class')
         ) order by rels.nspname collate "C", rels.relname collate "C"), '[]'::json)
  from rels
  left join deps on deps.oid = rels.oid
)
