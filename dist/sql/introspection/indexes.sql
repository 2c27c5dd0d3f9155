(
  with idx as (
    select i.indexrelid, i.indrelid, i.indkey, i.indnkeyatts, i.indisunique, i.indisprimary, i.indpred, i.indisvalid,
           ic.relname as index_name, ic.relam, t.relname as table_name, n.nspname
    from pg_catalog.pg_index i
    join pg_catalog.pg_class ic on ic.oid = i.indexrelid
    join pg_catalog.pg_class t on t.oid = i.indrelid
    join pg_catalog.pg_namespace n on n.oid = t.relnamespace
    where t.relkind in ('r', 'p', 'm')
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = t.oid and d.deptype = 'e')
  ),
  -- key columns of all indexes at once; an expression key (attnum 0) has no attribute: null
  keys as (
    select idx.indexrelid, json_agg(a.attname order by k.ord) as columns
    from idx
    cross join lateral unnest(idx.indkey::int2[]) with ordinality k(attnum, ord)
    left join pg_catalog.pg_attribute a on a.attrelid = idx.indrelid and a.attnum = k.attnum and k.attnum > 0
    where k.ord <= idx.indnkeyatts
    group by idx.indexrelid
  ),
  -- constraints that need each index: the primary key or unique constraint it backs, and foreign
  -- keys that reference through it (DROP INDEX fails while any exists). One pass over pg_constraint:
  -- conindid has no index, so a lookup per index would scan it once per index.
  needed as (
    select c.conindid, json_agg(c.conname::text order by c.conname collate "C") as names
    from pg_catalog.pg_constraint c
    where c.conindid <> 0
    group by c.conindid
  )
  select coalesce(json_agg(json_build_object(
           'schema', idx.nspname,
           'table', idx.table_name,
           'name', idx.index_name,
           'columns', coalesce(keys.columns, '[]'::json),
           'unique', idx.indisunique,
           'primary', idx.indisprimary,
           'partial', idx.indpred is not null,
           'valid', idx.indisvalid,
           'method', am.amname,
           'definition', pg_catalog.pg_get_indexdef(idx.indexrelid),
           'constraints', coalesce(needed.names, '[]'::json)
         ) order by idx.nspname collate "C", idx.table_name collate "C", idx.index_name collate "C"), '[]'::json)
  from idx
  left join keys on keys.indexrelid = idx.indexrelid
  left join needed on needed.conindid = idx.indexrelid
  join pg_catalog.pg_am am on am.oid = idx.relam
)
