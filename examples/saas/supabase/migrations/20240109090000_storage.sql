-- Files: invoice PDFs (private, per-tenant folders) and organization logos (public).

insert into storage.buckets (id, name, public)
values ('invoices', 'invoices', false), ('logos', 'logos', true)
on conflict (id) do nothing;

-- Invoice PDFs live under <tenant_id>/<invoice_id>.pdf; members read their tenant's folder.
create policy "tenant members read invoice files"
  on storage.objects for select to authenticated
  using (bucket_id = 'invoices' and (storage.foldername(name))[1] = ((select auth.jwt()) ->> 'tenant_id'));

create policy "tenant admins upload invoice files"
  on storage.objects for insert to authenticated
  with check (
    bucket_id = 'invoices'
    and (storage.foldername(name))[1] = ((select auth.jwt()) ->> 'tenant_id')
    and (select private.is_tenant_admin())
  );

-- deliberate violation: public-bucket-allows-listing. Logos are served by public URL already;
-- this policy only adds the ability to list every file in the bucket.
create policy "anyone lists logos"
  on storage.objects for select to anon, authenticated
  using (bucket_id = 'logos');

-- deliberate violation: storage-policy-allow-all. Anyone, signed in or not, can upload anywhere.
create policy "anyone uploads"
  on storage.objects for insert to anon
  with check (true);

-- deliberate violation: storage-policy-not-bucket-scoped. Owners may delete their files, in
-- every bucket, present and future.
create policy "owners delete their files"
  on storage.objects for delete to authenticated
  using (owner_id = (select auth.uid())::text);
