import type { InventoryRule } from '../types.js';
import { referencesColumn } from './expression.js';
import { allowAllClauses, relevantClauses } from './policy-clauses.js';
import { apiRolesOf, appliesToApiRoles, listOf, policyLabel, policyRef, STORAGE_OBJECTS } from './shared.js';

/** A storage policy that never mentions bucket_id applies to every bucket, present and future. */
export const storagePolicyNotBucketScoped: InventoryRule = {
  meta: {
    id: 'storage-policy-not-bucket-scoped',
    title: 'Storage policy not scoped by bucket',
    severity: 'warning',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'A policy on storage.objects whose condition never tests bucket_id applies to every bucket, including buckets ' +
      'created later for other purposes. Scope each storage policy to the bucket it is written for.',
    fixable: false,
    examples: {
      bad: 'create policy "own files" on storage.objects for select to authenticated using (owner_id = (select auth.uid())::text);',
      good: "create policy \"own avatars\" on storage.objects for select to authenticated\n  using (bucket_id = 'avatars' and owner_id = (select auth.uid())::text);",
    },
  },
  check({ inventory }) {
    return inventory.policies
      .filter((p) => p.schema === STORAGE_OBJECTS.schema && p.table === STORAGE_OBJECTS.name && appliesToApiRoles(p) && p.permissive)
      .filter((p) => allowAllClauses(p).length === 0) // reported as storage-policy-allow-all
      .flatMap((p) => {
        const unscoped = relevantClauses(p).filter(({ expression }) => expression !== null && !referencesColumn(expression, 'bucket_id'));
        if (unscoped.length === 0) return [];
        return [
          {
            object: policyRef(p),
            message:
              `${policyLabel(p)} (FOR ${p.command} TO ${listOf(apiRolesOf(p))}) does not test bucket_id in ${listOf(unscoped.map((u) => u.clause))}, so it applies to every bucket. ` +
              "Add `bucket_id = '<bucket>'` to the condition.",
            location: p.location,
          },
        ];
      });
  },
};
