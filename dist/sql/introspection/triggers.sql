(
  select coalesce(json_agg(json_build_object(
           'schema', n.nspname,
           'table', c.relname,
           'name', tg.tgname,
           'functionSchema', fn.nspname,
           'functionName', p.proname,
           -- tgtype bits (pg_trigger.h): 1 ROW, 2 BEFORE, 4 INSERT, 8 DELETE, 16 UPDATE, 32 TRUNCATE, 64 INSTEAD
           'timing', case when tg.tgtype & 64 <> 0 then 'INSTEAD OF' when tg.tgtype & 2 <> 0 then 'BEFORE' else 'AFTER' end,
           'events', (select json_agg(e.name order by e.ord) from (values (4, 'INSERT', 1), (16, 'UPDATE', 2), (8, 'DELETE', 3), (32, 'TRUNCATE', 4))
                        e(bit, name, ord) where tg.tgtype & e.bit <> 0),
           'level', case when tg.tgtype & 1 <> 0 then 'ROW' else 'STATEMENT' end,
           'enabled', tg.tgenabled <> 'D'
         ) order by n.nspname collate "C", c.relname collate "C", tg.tgname collate "C"), '[]'::json)
  from pg_catalog.pg_trigger tg
  join pg_catalog.pg_class c on c.oid = tg.tgrelid
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join pg_catalog.pg_proc p on p.oid = tg.tgfoid
  join pg_catalog.pg_namespace fn on fn.oid = p.pronamespace
  where not tg.tgisinternal
    and tg.tgparentid = 0
    and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')
    and n.nspname not like 'pg\_temp\_%' and n.nspname not like 'pg\_toast\_temp\_%'
    and not exists (select 1 from pg_catalog.pg_depend d
                    where d.classid = 'pg_catalog.pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
)
