(
  select json_build_object(
    'version', current_setting('server_version'),
    'versionNum', current_setting('server_version_num')::int,
    'hasBuckets', to_regclass('storage.buckets') is not null
  )
)
