import type { InventoryRule, RuleMeta } from './types.js';
import { securityRules } from './security/index.js';
import { schemaRules } from './schema/index.js';
import { driftRules } from './drift/index.js';

/**
 * Every inventory rule, by family. Migration-lint rules read parsed files rather than an inventory
 * and have their own registry (../migration-lint/rules), but share RuleMeta and the catalogue.
 */
export const INVENTORY_RULES: readonly InventoryRule[] = [...securityRules, ...schemaRules, ...driftRules];

const extraCatalogue: RuleMeta[] = [];

/** Lets another rule family (migration-lint) add its metadata to the catalogue. */
export function registerCatalogue(metas: readonly RuleMeta[]): void {
  for (const meta of metas) if (!extraCatalogue.some((m) => m.id === meta.id)) extraCatalogue.push(meta);
}

/** The whole catalogue, sorted by id: `platform-kit rules`, docs pages and SARIF rules read this. */
export function ruleCatalogue(): RuleMeta[] {
  return [...INVENTORY_RULES.map((r) => r.meta), ...extraCatalogue].sort((a, b) => a.id.localeCompare(b.id));
}
