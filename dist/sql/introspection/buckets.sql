(
  select coalesce(json_agg(json_build_object(
           'id', b.row ->> 'id',
           'name', b.row ->> 'name',
           'public', coalesce((b.row ->> 'public')::boolean, false),
           'fileSizeLimit', (b.row ->> 'file_size_limit')::bigint,
           'allowedMimeTypes', case when jsonb_typeof(b.row -> 'allowed_mime_types') = 'array' then b.row -> 'allowed_mime_types' end
         ) order by b.row ->> 'id' collate "C"), '[]'::json)
  from (select to_jsonb(sb) as row from storage.buckets sb) b
)
