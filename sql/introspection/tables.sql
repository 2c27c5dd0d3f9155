(
  with rels as (
    select c.oid, n.nspname, c.relname, c.relkind, c.relowner, c.relrowsecurity, c.relforcerowsecurity, c.reltuples, c.relispartition
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
           -- one positional array per column (introspect.ts names the fields): building 7-key
           -- objects for every column of every table was a quarter of this query's time
           json_agg(json_build_array(
             a.attname,
             pg_catalog.format_type(a.atttypid, a.atttypmod),
             a.attnotnull,
             -- relid 0: a column default cannot reference columns, and deparsing without the
             -- relation skips opening it once per column
             case when a.attgenerated = '' then pg_catalog.pg_get_expr(ad.adbin, 0) end,
             a.attidentity <> '',
             a.attgenerated <> '',
             cd.description
           ) order by a.attnum) as columns
    from pg_catalog.pg_attribute a
    join rels on rels.oid = a.attrelid
    left join pg_catalog.pg_attrdef ad on ad.adrelid = a.attrelid and ad.adnum = a.attnum
    left join pg_catalog.pg_description cd
      on cd.objoid = a.attrelid and cd.classoid = 'pg_catalog.pg_class'::regclass and cd.objsubid = a.attnum
    where a.attnum > 0 and not a.attisdropped
    group by a.attrelid
  ),
  pk as (
    select con.conrelid, json_agg(a.attname order by k.ord) as columns
    from pg_catalog.pg_constraint con
    join rels on rels.oid = con.conrelid
    cross join lateral unnest(con.conkey) with ordinality k(attnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
    where con.contype = 'p'
    group by con.conrelid
  )
  select coalesce(json_agg(json_build_object(
           'schema', rels.nspname,
           'name', rels.relname,
           'kind', case rels.relkind when 'p' then 'partitioned' else 'table' end,
           'owner', pg_catalog.pg_get_userbyid(rels.relowner),
           'rlsEnabled', rels.relrowsecurity,
           'rlsForced', rels.relforcerowsecurity,
           'comment', td.description,
           'columns', coalesce(cols.columns, '[]'::json),
           'primaryKey', pk.columns,
           'estimatedRows', rels.reltuples
         )::jsonb
         -- a partition also names the partitioned table it is attached to; other tables get no
         -- key at all (not a null), so that their stored definition hashes stay the same
         || case when rels.relispartition then
              (select jsonb_build_object('partitionOf', jsonb_build_object('schema', pn.nspname, 'name', pc.relname))
               from pg_catalog.pg_inherits inh
               join pg_catalog.pg_class pc on pc.oid = inh.inhparent
               join pg_catalog.pg_namespace pn on pn.oid = pc.relnamespace
               where inh.inhrelid = rels.oid)
            else '{}'::jsonb end
         order by rels.nspname collate "C", rels.relname collate "C"), '[]'::json)
  from rels
  left join cols on cols.attrelid = rels.oid
  left join pk on pk.conrelid = rels.oid
  left join pg_catalog.pg_description td
    on td.objoid = rels.oid and td.classoid = 'pg_catalog.pg_class'::regclass and td.objsubid = 0
)
