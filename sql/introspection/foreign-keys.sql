(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'table', c.relname,
           'name', con.conname,
           'columns', (select json_agg(a.attname order by k.ord)
                         from unnest(con.conkey) with ordinality k(attnum, ord)
                         join pg_catalog.pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum),
           'refSchema', rn.nspname,
           'refTable', rc.relname,
           'refColumns', (select json_agg(a.attname order by k.ord)
                            from unnest(con.confkey) with ordinality k(attnum, ord)
                            join pg_catalog.pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.attnum),
           'onDelete', case con.confdeltype when 'r' then 'RESTRICT' when 'c' then 'CASCADE' when 'n' then 'SET NULL'
                                            when 'd' then 'SET DEFAULT' else 'NO ACTION' end,
           'onUpdate', case con.confupdtype when 'r' then 'RESTRICT' when 'c' then 'CASCADE' when 'n' then 'SET NULL'
                                            when 'd' then 'SET DEFAULT' else 'NO ACTION' end,
           'validated', con.convalidated,
           'referencedKey', case when coalesce((select i.indisprimary from pg_catalog.pg_index i where i.indexrelid = con.conindid), false)
                                 then 'primary' else 'unique' end
         ) order by n.nspname collate "C", c.relname collate "C", con.conname collate "C"), '[]'::json)
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
)
