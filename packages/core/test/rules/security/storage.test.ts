import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { inventoryOf } from '../../helpers/fixtures.js';
import { objectsOf, runRule } from './run.js';
import { storagePolicyAllowAll } from '../../../src/rules/security/storage-policy-allow-all.js';
import { storagePolicyNotBucketScoped } from '../../../src/rules/security/storage-policy-not-bucket-scoped.js';
import { publicBucketAllowsListing } from '../../../src/rules/security/public-bucket-allows-listing.js';

/** Storage policies and buckets (Supabase's advisor does not lint these). */
const FIXTURE = `
insert into storage.buckets (id, name, public) values
  ('avatars', 'avatars', true), ('invoices', 'invoices', false), ('logos', 'logos', true), ('docs', 'docs', true);
create policy "anyone uploads" on storage.objects for insert to anon with check (true);                         -- fails allow-all
create policy "own files" on storage.objects for select to authenticated using (owner_id = (select auth.uid())::text); -- fails bucket scope; lists every public bucket
create policy "avatars read" on storage.objects for select to anon using (bucket_id = 'avatars');                -- lists avatars
create policy "invoice members" on storage.objects for select to authenticated
  using (bucket_id = 'invoices' and (storage.foldername(name))[1] = ((select auth.jwt()) ->> 'tenant_id'));       -- passes all
create policy "logo admins" on storage.objects for update to authenticated
  using (bucket_id = any (array['logos', 'docs']) and owner_id = (select auth.uid())::text);                      -- passes (not SELECT)
create policy "service" on storage.objects for all to service_role using (true);                                  -- not an API role: passes
`;

let inventory: Inventory;
beforeAll(async () => {
  await loadParser();
  inventory = await inventoryOf(FIXTURE);
});

describe('storage rules', () => {
  it('storage-policy-allow-all', () => {
    expect(objectsOf(runRule(storagePolicyAllowAll, inventory))).toEqual(['storage.objects.anyone uploads']);
  });
  it('storage-policy-not-bucket-scoped (allow-all ones are left to the rule above)', () => {
    expect(objectsOf(runRule(storagePolicyNotBucketScoped, inventory))).toEqual(['storage.objects.own files']);
  });
  it('public-bucket-allows-listing: per public bucket, naming the policies', () => {
    const findings = runRule(publicBucketAllowsListing, inventory);
    expect(objectsOf(findings)).toEqual(['storage.avatars', 'storage.docs', 'storage.logos']);
    const avatars = findings.find((f) => f.object.name === 'avatars')!;
    expect(avatars.message).toContain('"avatars read" and "own files"');
    expect(avatars.message).toContain('anon and authenticated');
  });
});
