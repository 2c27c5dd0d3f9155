import type { InventoryRule } from '../types.js';
import { allowAllClauses } from './policy-clauses.js';
import { apiRolesOf, appliesToApiRoles, listOf, policyLabel, policyRef, STORAGE_OBJECTS } from './shared.js';

/** §2.1 for files: an always-true policy on storage.objects opens every file of every bucket. */
export const storagePolicyAllowAll: InventoryRule = {
  meta: {
    id: 'storage-policy-allow-all',
    title: 'Allow-all policy on storage.objects',
    severity: 'error',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      "storage.objects holds every file of every bucket. A permissive policy there that is always true lets the API " +
      "roles read, upload, overwrite or delete any file. Supabase's own advisor does not lint storage policies; this rule does.",
    fixable: false,
    examples: {
      bad: 'create policy "anyone uploads" on storage.objects for insert to anon with check (true);',
      good: "create policy \"members upload\" on storage.objects for insert to authenticated\n  with check (bucket_id = 'invoices' and (storage.foldername(name))[1] = ((select auth.jwt()) ->> 'tenant_id'));",
    },
  },
  check({ inventory }) {
    return inventory.policies
      .filter((p) => p.schema === STORAGE_OBJECTS.schema && p.table === STORAGE_OBJECTS.name && appliesToApiRoles(p))
      .flatMap((p) => {
        const clauses = allowAllClauses(p);
        if (clauses.length === 0) return [];
        return [
          {
            object: policyRef(p),
            message:
              `${policyLabel(p)} (FOR ${p.command} TO ${listOf(apiRolesOf(p))}) is always true in ${listOf(clauses)}: it opens every file in every bucket. ` +
              "Scope it to a bucket (bucket_id = '...') and to the caller (owner or a folder named after the user or tenant).",
            location: p.location,
          },
        ];
      });
  },
};
