(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'table', t.relname,
           'name', ic.relname,
           'columns', (select json_agg(a.attname order by k.ord)
                         from unnest(i.indkey::int2[]) with ordinality k(attnum, ord)
                         left join pg_catalog.pg_attribute a on a.attrelid = i.indrelid and a.attnum = k.attnum
                        where k.ord <= i.indnkeyatts),
           'unique', i.indisunique,
           'primary', i.indisprimary,
           'partial', i.indpred is not null,
           'valid', i.indisvalid,
           'method', am.amname,
           'definition', pg_catalog.pg_get_indexdef(i.indexrelid)
         ) order by n.nspname collate "C", t.relname collate "C", ic.relname collate "C"), '[]'::json)
  from pg_catalog.pg_index i
  join pg_catalog.pg_class ic on ic.oid = i.indexrelid
  join pg_catalog.pg_class t on t.oid = i.indrelid
  join pg_catalog.pg_namespace n on n.oid = t.relnamespace
  join pg_catalog.pg_am am on am.oid = ic.relam
  where t.relkind in ('r', 'p', 'm')
    and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = t.oid and d.deptype = 'e')
)
