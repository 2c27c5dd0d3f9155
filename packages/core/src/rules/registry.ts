import type { InventoryRule, RuleMeta } from './types.js';
import { securityRules } from './security/index.js';
import { schemaRules } from './schema/index.js';
import { driftRules } from './drift/index.js';
import { MIGRATION_RULE_METAS } from '../migration-lint/rules/index.js';
import { specEnforceRules } from '../governance/spec-enforce/rules/index.js';
import { docSyncRules } from '../governance/doc-sync/rules/index.js';
import { slowQueryMeta } from '../slow-queries/meta.js';

/**
 * Every inventory rule, by family. Migration-lint rules read parsed files rather than an inventory
 * and have their own registry (../migration-lint/rules), but share RuleMeta and the catalogue.
 */
export const INVENTORY_RULES: readonly InventoryRule[] = [...securityRules, ...schemaRules, ...driftRules];

/**
 * Every rule's metadata, in family order. Listed here, not registered by each family when its
 * module loads: an action that never lints migrations or specs must not load those engines just to
 * know the ids. For lookups (config rule ids, titles); `ruleCatalogue` is the sorted listing.
 */
export function ruleMetas(): RuleMeta[] {
  return [
    ...INVENTORY_RULES.map((r) => r.meta),
    ...MIGRATION_RULE_METAS,
    ...[...specEnforceRules, ...docSyncRules].map((rule) => rule.meta),
    slowQueryMeta,
  ];
}

/** The whole catalogue, sorted by id: `platform-kit rules`, docs pages and SARIF rules read this. */
export function ruleCatalogue(): RuleMeta[] {
  return ruleMetas().sort((a, b) => a.id.localeCompare(b.id));
}
