(
  with fks as (
    select con.oid, con.conname, con.conrelid, con.confrelid, con.conkey, con.confkey, con.confdeltype, con.confupdtype,
           con.convalidated, con.conindid, n.nspname, c.relname, rn.nspname as ref_schema, rc.relname as ref_table
    from pg_catalog.pg_constraint con
    join pg_catalog.pg_class c on c.oid = con.conrelid
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    join pg_catalog.pg_class rc on rc.oid = con.confrelid
    join pg_catalog.pg_namespace rn on rn.oid = rc.relnamespace
    where con.contype = 'f'
      and con.conparentid = 0
      and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
      and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
      and not exists (select 1 from pg_catalog.pg_depend d
                      where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
  ),
  -- key column names of all constraints at once (hash joins), not sub-queries per constraint;
  -- conkey and confkey are unnested side by side: the n-th column references the n-th
  keys as (
    select fks.oid,
           json_agg(a.attname order by k.ord) as columns,
           json_agg(r.attname order by k.ord) as ref_columns
    from fks
    cross join lateral unnest(fks.conkey, fks.confkey) with ordinality k(attnum, refattnum, ord)
    join pg_catalog.pg_attribute a on a.attrelid = fks.conrelid and a.attnum = k.attnum
    join pg_catalog.pg_attribute r on r.attrelid = fks.confrelid and r.attnum = k.refattnum
    group by fks.oid
  )
  select coalesce(json_agg(json_build_object(
           'schema', fks.nspname,
           'table', fks.relname,
           'name', fks.conname,
           'columns', keys.columns,
           'refSchema', fks.ref_schema,
           'refTable', fks.ref_table,
           'refColumns', keys.ref_columns,
           'onDelete', case fks.confdeltype when 'r' then 'RESTRICT' when 'c' then 'CASCADE' when 'n' then 'SET NULL'
                                            when 'd' then 'SET DEFAULT' else 'NO ACTION' end,
           'onUpdate', case fks.confupdtype when 'r' then 'RESTRICT' when 'c' then 'CASCADE' when 'n' then 'SET NULL'
                                            when 'd' then 'SET DEFAULT' else 'NO ACTION' end,
           'validated', fks.convalidated,
           'referencedKey', case when coalesce(i.indisprimary, false) then 'primary' else 'unique' end
         ) order by fks.nspname collate "C", fks.relname collate "C", fks.conname collate "C"), '[]'::json)
  from fks
  join keys on keys.oid = fks.oid
  left join pg_catalog.pg_index i on i.indexrelid = fks.conindid
)
