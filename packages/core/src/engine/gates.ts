import { securityRules } from '../rules/security/index.js';
import { INVENTORY_RULES } from '../rules/registry.js';
import type { InventoryRule } from '../rules/types.js';
import { usageError } from '../errors.js';

/**
 * Which rules each gate runs. The three CI gates of §2.1–2.3 are subsets of `scan`; their plain-SQL
 * twins live in sql/gates/. A gate is a list of rule ids so the catalogue stays the one source of
 * rule metadata.
 */
export const GATES = {
  /** §2.1, §5.1: row level security coverage, policies, tenant isolation, storage policies. */
  'rls-coverage': [
    'rls-disabled-in-exposed-schema',
    'policy-exists-rls-disabled',
    'rls-enabled-no-policy',
    'allow-all-policy',
    'tenant-policy-missing-claim',
    'tenant-column-missing',
    'tenant-column-type',
    'policy-trusts-user-metadata',
    'auth-rls-initplan',
    'multiple-permissive-policies',
    'sensitive-columns-exposed',
    'auth-users-exposed',
    'materialized-view-in-api',
    'foreign-table-in-api',
    'storage-policy-allow-all',
    'storage-policy-not-bucket-scoped',
    'public-bucket-allows-listing',
    'fkey-to-auth-unique',
  ],
  /** §2.2: SECURITY DEFINER functions and views, search_path, EXECUTE grants. */
  'function-security': [
    'security-definer-search-path',
    'function-search-path-mutable',
    'security-definer-unjustified',
    'security-definer-executable-by-api',
    'security-definer-view',
  ],
  /** §2.3: extensions out of public. */
  'extensions-schema': ['extension-in-public'],
  /** Every security rule. */
  scan: securityRules.map((rule) => rule.meta.id),
} as const satisfies Record<string, readonly string[]>;

export type GateName = keyof typeof GATES;

export const GATE_NAMES = Object.keys(GATES) as GateName[];

export function isGateName(name: string): name is GateName {
  return Object.hasOwn(GATES, name);
}

/**
 * The rules a gate runs, in registry order (a gate may borrow from another family: rls-coverage
 * runs the schema family's §5.1 tenant-column rules). Throws a usage error for an unknown gate.
 */
export function rulesForGate(name: string): InventoryRule[] {
  if (!isGateName(name)) throw usageError(`unknown gate "${name}": expected one of ${GATE_NAMES.join(', ')}`);
  const ids = new Set<string>(GATES[name]);
  return INVENTORY_RULES.filter((rule) => ids.has(rule.meta.id));
}
