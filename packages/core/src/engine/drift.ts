import type { ResolvedConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import { finalizeFindings } from './finalize.js';
import type { Finding } from '../report/finding.js';
import { driftRules } from '../rules/drift/index.js';

/**
 * Drift findings between two scans of one project, finalized like any others (config overrides,
 * exemptions, fingerprints). Empty when there is no previous inventory.
 */
export function driftFindings(current: Inventory, previous: Inventory | undefined, config: ResolvedConfig, now?: Date): Finding[] {
  if (!previous) return [];
  const produced = driftRules.map((rule) => ({ meta: rule.meta, findings: rule.check({ inventory: current, previous, config }) }));
  return finalizeFindings(produced, config, now);
}
