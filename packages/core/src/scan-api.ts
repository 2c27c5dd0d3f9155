/**
 * `@platform-kit/core/scan`: the part of the public surface a scan needs (config, target, rules,
 * report, remediation plan), without migration-lint, governance, the control plane or the
 * embedded replay's eager load. The GitHub reporting layer imports this entry, so the database
 * gates' bundles do not carry (and a cold start does not evaluate) engines they never run:
 * measured, the barrel put 700 KiB of JavaScript on every gate's start-up path.
 */
export * from './errors.js';
export { redact, secretsOf, maskConnectionString, describeConnectionString } from './db/connection-string.js';
export type { Inventory } from './inventory/schema.js';
export type { RuleMeta, RuleFinding, InventoryRule } from './rules/types.js';
export { ruleCatalogue, ruleMetas } from './rules/registry.js';
export * from './report/finding.js';
export * from './report/report.js';
export { formatReport } from './report/format/index.js';
export { DEFAULT_CONFIG_FILE } from './config/find.js';
export { loadConfigLazily } from './config/load-lazily.js';
export type { ResolvedConfig } from './config/schema.js';
export { loadParser } from './parser/parse.js';
export { planFromReport } from './remediation/plan.js';
export { GATES, GATE_NAMES, rulesForGate, isGateName, type GateName } from './engine/gates.js';
export { scan, scanWithInventory, type ScanInput, type ScanResult } from './engine/scan.js';
export type { ScanTarget, LoadInventoryOptions } from './engine/target.js';
export type { CatalogPrefetch } from './inventory/prefetch.js';
