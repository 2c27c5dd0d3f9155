import type { InventoryRule } from '../types.js';
import { rlsDisabledInExposedSchema } from './rls-disabled-in-exposed-schema.js';
import { policyExistsRlsDisabled } from './policy-exists-rls-disabled.js';
import { rlsEnabledNoPolicy } from './rls-enabled-no-policy.js';
import { allowAllPolicy } from './allow-all-policy.js';
import { tenantPolicyMissingClaim } from './tenant-policy-missing-claim.js';
import { policyTrustsUserMetadata } from './policy-trusts-user-metadata.js';
import { authRlsInitplan } from './auth-rls-initplan.js';
import { multiplePermissivePolicies } from './multiple-permissive-policies.js';
import { securityDefinerSearchPath } from './security-definer-search-path.js';
import { functionSearchPathMutable } from './function-search-path-mutable.js';
import { securityDefinerUnjustified } from './security-definer-unjustified.js';
import { securityDefinerExecutableByApi } from './security-definer-executable-by-api.js';
import { securityDefinerView } from './security-definer-view.js';
import { authUsersExposed } from './auth-users-exposed.js';
import { materializedViewInApi } from './materialized-view-in-api.js';
import { foreignTableInApi } from './foreign-table-in-api.js';
import { extensionInPublic } from './extension-in-public.js';
import { sensitiveColumnsExposed } from './sensitive-columns-exposed.js';
import { storagePolicyAllowAll } from './storage-policy-allow-all.js';
import { storagePolicyNotBucketScoped } from './storage-policy-not-bucket-scoped.js';
import { publicBucketAllowsListing } from './public-bucket-allows-listing.js';
import { fkeyToAuthUnique } from './fkey-to-auth-unique.js';

/**
 * The security rule family: one module per rule in this folder, listed here. Rules that read
 * policy expressions use the PostgreSQL parser: `await loadParser()` before running them.
 */
export const securityRules: InventoryRule[] = [
  rlsDisabledInExposedSchema,
  policyExistsRlsDisabled,
  rlsEnabledNoPolicy,
  allowAllPolicy,
  tenantPolicyMissingClaim,
  policyTrustsUserMetadata,
  authRlsInitplan,
  multiplePermissivePolicies,
  securityDefinerSearchPath,
  functionSearchPathMutable,
  securityDefinerUnjustified,
  securityDefinerExecutableByApi,
  securityDefinerView,
  authUsersExposed,
  materializedViewInApi,
  foreignTableInApi,
  extensionInPublic,
  sensitiveColumnsExposed,
  storagePolicyAllowAll,
  storagePolicyNotBucketScoped,
  publicBucketAllowsListing,
  fkeyToAuthUnique,
];

export {
  rlsDisabledInExposedSchema,
  policyExistsRlsDisabled,
  rlsEnabledNoPolicy,
  allowAllPolicy,
  tenantPolicyMissingClaim,
  policyTrustsUserMetadata,
  authRlsInitplan,
  multiplePermissivePolicies,
  securityDefinerSearchPath,
  functionSearchPathMutable,
  securityDefinerUnjustified,
  securityDefinerExecutableByApi,
  securityDefinerView,
  authUsersExposed,
  materializedViewInApi,
  foreignTableInApi,
  extensionInPublic,
  sensitiveColumnsExposed,
  storagePolicyAllowAll,
  storagePolicyNotBucketScoped,
  publicBucketAllowsListing,
  fkeyToAuthUnique,
};
