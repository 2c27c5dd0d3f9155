(
  select coalesce(json_agg(json_build_object(
           'name', r.rolname,
           'superuser', r.rolsuper,
           'bypassRls', r.rolbypassrls,
           'canLogin', r.rolcanlogin
         ) order by r.rolname collate "C"), '[]'::json)
  from pg_catalog.pg_roles r
  where r.rolname not like 'pg\_%'
)
