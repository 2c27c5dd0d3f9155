-- The server's own syntax trees of policy expressions (pg_node_tree text, one per distinct
-- expression) and the names they refer to by OID, as the session's search_path shows them (the
-- same path pg_get_expr used to print the expression). Lets the engine read a policy's tree
-- without loading a SQL parser (packages/core/src/parser/catalog-trees.ts).
-- The OIDs are picked out of the serialized trees, a machine format (":opno 98"); escaped text
-- inside a tree cannot match, since nodeToString escapes the spaces in strings.
-- At most 500 distinct expressions: past that, the parser's one-off start-up cost is small beside
-- the work, and a schema with thousands of distinct policies would otherwise ship megabytes of
-- trees; the expressions left out are parsed as before.
(
  with expressions as (
    select distinct on (e.expression) e.expression, e.tree, p.polrelid::bigint as relid
    from pg_catalog.pg_policy p
    cross join lateral (values (pg_catalog.pg_get_expr(p.polqual, p.polrelid), p.polqual::text),
                               (pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid), p.polwithcheck::text)) e(expression, tree)
    where e.tree is not null
    order by e.expression, p.polrelid
    limit 500
  ),
  referenced as (
    select distinct m[1] as field, m[2]::oid as oid
    from expressions, regexp_matches(expressions.tree, ':(opno|funcid|consttype|resulttype|funcresulttype|relid|array_typeid|element_typeid) (\d+)', 'g') m
    union
    select distinct 'relid', relid from expressions
  ),
  type_oids as (
    select t.oid from pg_catalog.pg_type t where t.oid in (select oid from referenced where field in ('consttype', 'resulttype', 'funcresulttype', 'array_typeid', 'element_typeid'))
    union
    select t.typelem from pg_catalog.pg_type t
    where t.oid in (select oid from referenced where field in ('consttype', 'resulttype', 'funcresulttype', 'array_typeid')) and t.typelem <> 0
  )
  select json_build_object(
    'trees', coalesce((select json_agg(json_build_array(expression, tree, relid)) from expressions), '[]'::json),
    'operators', coalesce((
      select json_object_agg(o.oid, json_build_array(case when pg_catalog.pg_operator_is_visible(o.oid) then null else n.nspname end, o.oprname))
      from pg_catalog.pg_operator o join pg_catalog.pg_namespace n on n.oid = o.oprnamespace
      where o.oid in (select oid from referenced where field = 'opno')), '{}'::json),
    'functions', coalesce((
      select json_object_agg(f.oid, json_build_array(case when pg_catalog.pg_function_is_visible(f.oid) then null else n.nspname end, f.proname))
      from pg_catalog.pg_proc f join pg_catalog.pg_namespace n on n.oid = f.pronamespace
      where f.oid in (select oid from referenced where field = 'funcid')), '{}'::json),
    'types', coalesce((
      select json_object_agg(t.oid, json_build_array(
               case when n.nspname = 'pg_catalog' then 'pg_catalog' when pg_catalog.pg_type_is_visible(t.oid) then null else n.nspname end,
               t.typname, nullif(t.typelem, 0)::bigint, t.typtype, t.typcategory))
      from pg_catalog.pg_type t join pg_catalog.pg_namespace n on n.oid = t.typnamespace
      where t.oid in (select oid from type_oids)), '{}'::json),
    'enums', coalesce((
      select json_object_agg(e.oid, e.enumlabel) from pg_catalog.pg_enum e
      where e.enumtypid in (select oid from type_oids)), '{}'::json),
    'relations', coalesce((
      select json_object_agg(c.oid, json_build_array(
               case when pg_catalog.pg_table_is_visible(c.oid) then null else n.nspname end, c.relname,
               (select json_agg(case when a.attisdropped then null else a.attname end order by a.attnum)
                from pg_catalog.pg_attribute a where a.attrelid = c.oid and a.attnum > 0)))
      from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
      where c.oid in (select oid from referenced where field = 'relid')), '{}'::json)
  )
)
