(
  select coalesce(json_agg(json_build_object(
           'name', e.extname,
           'schema', n.nspname,
           'installedVersion', e.extversion,
           'defaultVersion', (select a.default_version from pg_catalog.pg_available_extensions a where a.name = e.extname),
           'relocatable', e.extrelocatable
         ) order by e.extname collate "C"), '[]'::json)
  from pg_catalog.pg_extension e
  join pg_catalog.pg_namespace n on n.oid = e.extnamespace
)
