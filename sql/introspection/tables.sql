(
  with rels as (
    select c.oid, n.nspname, c.relname, c.relkind, c.relowner, c.relrowsecurity, c.relforcerowsecurity, c.reltuples
    from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where c.relkind in ('r', 'p')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  ),
  cols as (
    select a.attrelid,
           json_agg(json_build_object(
             'name', a.attname,
             'type', pg_catalog.format_type(a.atttypid, a.atttypmod),
             'notNull', a.attnotnull,
             'default', case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) end,
             'identity', a.attidentity <> '',
             'generated', a.attgenerated <> '',
             'comment', pg_catalog.col_description(a.attrelid, a.attnum)
           ) order by a.attnum) as columns
    from pg_catalog.pg_attribute a
    join rels on rels.oid = a.attrelid
    left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    where a.attnum > 0 and not a.attisdropped
    group by a.attrelid
  ),
  pk as (
    select con.conrelid,
           (select json_agg(a.attname order by k.ord)
              from unnest(con.conkey) with ordinality k(attnum, ord)
              join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum) as columns
    from pg_catalog.pg_constraint con
    join rels on rels.oid = con.conrelid
    where con.contype = 'p'
  )
  select coalesce(json_agg(json_build_object(
           'schema', rels.nspname,
           'name', rels.relname,
           'kind', case rels.relkind when 'p' then 'partitioned' else 'table' end,
           'owner', pg_catalog.pg_get_userbyid(rels.relowner),
           'rlsEnabled', rels.relrowsecurity,
           'rlsForced', rels.relforcerowsecurity,
           'comment', pg_catalog.obj_description(rels.oid, 'pg_class'),
           'columns', coalesce(cols.columns, '[]'::json),
           'primaryKey', pk.columns,
           'estimatedRows', rels.reltuples
         ) order by rels.nspname collate "C", rels.relname collate "C"), '[]'::json)
  from rels
  left join cols on cols.attrelid = rels.oid
  left join pk on pk.conrelid = rels.oid
)
