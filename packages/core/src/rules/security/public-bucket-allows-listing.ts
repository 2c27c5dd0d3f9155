import type { InventoryRule } from '../types.js';
import { referencesColumn, valuesComparedWith } from './expression.js';
import { apiRolesOf, appliesToApiRoles, listOf, STORAGE_OBJECTS } from './shared.js';

/** Public buckets serve files by URL without any policy; a SELECT policy on top lets clients list them all. */
export const publicBucketAllowsListing: InventoryRule = {
  meta: {
    id: 'public-bucket-allows-listing',
    title: 'Public bucket allows listing',
    severity: 'warning',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'Files in a public bucket are downloadable by URL without any policy. A SELECT policy on storage.objects that ' +
      'covers the bucket is only needed to list files, and lets any client enumerate every file name in it, which ' +
      'is rarely intended.',
    equivalents: { supabaseAdvisor: '0025_public_bucket_allows_listing' },
    fixable: false,
    examples: {
      bad: "insert into storage.buckets (id, name, public) values ('logos', 'logos', true);\ncreate policy \"list logos\" on storage.objects for select to anon using (bucket_id = 'logos');",
      good: "insert into storage.buckets (id, name, public) values ('logos', 'logos', true);\n-- no SELECT policy: files are still served by their public URL",
    },
  },
  check({ inventory }) {
    const selectPolicies = inventory.policies.filter(
      (p) =>
        p.schema === STORAGE_OBJECTS.schema &&
        p.table === STORAGE_OBJECTS.name &&
        p.permissive &&
        appliesToApiRoles(p) &&
        (p.command === 'SELECT' || p.command === 'ALL') &&
        p.using !== null,
    );
    return inventory.buckets
      .filter((b) => b.public)
      .flatMap((b) => {
        const listing = selectPolicies
          .filter((p) => !referencesColumn(p.using, 'bucket_id') || valuesComparedWith(p.using, 'bucket_id').includes(b.id))
          .sort((x, y) => x.name.localeCompare(y.name));
        if (listing.length === 0) return [];
        const roles = [...new Set(listing.flatMap(apiRolesOf))].sort();
        return [
          {
            object: { kind: 'bucket' as const, schema: 'storage', name: b.id },
            message:
              `Public bucket "${b.id}" can be listed by ${listOf(roles)} through ${listing.length === 1 ? 'policy' : 'policies'} ${listOf(listing.map((p) => `"${p.name}"`))} on storage.objects. ` +
              'Public files are served by URL without a policy: drop the SELECT policy for this bucket unless clients must list its files.',
            location: b.location,
          },
        ];
      });
  },
};
