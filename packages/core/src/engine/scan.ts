import type { ResolvedConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import type { InventoryRule, RuleFinding } from '../rules/types.js';
import type { Finding } from '../report/finding.js';
import { buildReport, type Report } from '../report/report.js';
import { runtimeError } from '../errors.js';
import { finalizeFindings, isEnabled } from './finalize.js';
import { loadInventory, type LoadInventoryOptions, type ScanTarget } from './target.js';
import { loadParser, ParserNotLoadedError } from '../parser/parse.js';

/**
 * Runs inventory rules and turns what they return into findings (config overrides, exemptions,
 * fingerprints). Rules switched off in the config are not run at all. A rule that throws is a bug
 * in the rule: it fails the run naming the rule, rather than silently reporting nothing.
 */
export function runInventoryRules(rules: readonly InventoryRule[], inventory: Inventory, config: ResolvedConfig, now?: Date): Finding[] {
  const produced: { meta: InventoryRule['meta']; findings: RuleFinding[] }[] = [];
  for (const rule of rules) {
    if (!isEnabled(rule.meta, config)) continue;
    try {
      produced.push({ meta: rule.meta, findings: rule.check({ inventory, config }) });
    } catch (error) {
      throw runtimeError(`rule ${rule.meta.id} failed: ${(error as Error).message ?? String(error)}`, error);
    }
  }
  return finalizeFindings(produced, config, now);
}

export interface ScanInput {
  /** The command or gate name that appears in the report ("scan", "security-gate"...). */
  command: string;
  /** The rules this command runs (each gate chooses its own). */
  rules: readonly InventoryRule[];
  target: ScanTarget;
  config: ResolvedConfig;
  options?: LoadInventoryOptions;
  /**
   * When to load the PostgreSQL parser (policy rules and fix builders read syntax trees):
   * 'before-rules' (default) always loads it; 'on-demand' runs the rules first and loads it only if
   * one of them asks, then runs them again (rules are pure, so the second run is the same as a
   * first run with the parser). For short-lived processes whose rules seldom parse: a clean
   * function-security run never compiles the parser's WebAssembly.
   */
  parser?: 'before-rules' | 'on-demand';
  /**
   * How 'on-demand' loads the parser (default: core's loadParser). A caller can decline, e.g. by
   * throwing to start its process again with other V8 flags first (packages/github/src/relaunch.ts).
   */
  loadParser?: () => Promise<void>;
}

export interface ScanResult {
  report: Report;
  inventory: Inventory;
}

/** Loads the inventory from the target, runs the rules, and builds the report (and keeps the inventory for callers that save it). */
export async function scanWithInventory(input: ScanInput): Promise<ScanResult> {
  const loaded = await loadInventory(input.target, input.options);
  if (input.parser !== 'on-demand') await loadParser();
  const findings = await runRulesWithParser(input.rules, loaded.inventory, input.config, input.loadParser ?? loadParser);
  const report = buildReport({
    command: input.command,
    target: loaded.target,
    findings,
    notices: loaded.notices,
    details: { inventory: inventoryCounts(loaded.inventory), server: loaded.inventory.server.version },
  });
  return { report, inventory: loaded.inventory };
}

async function runRulesWithParser(rules: readonly InventoryRule[], inventory: Inventory, config: ResolvedConfig, load: () => Promise<void>): Promise<Finding[]> {
  try {
    return runInventoryRules(rules, inventory, config);
  } catch (error) {
    if (!((error as Error).cause instanceof ParserNotLoadedError)) throw error;
    await load();
    return runInventoryRules(rules, inventory, config);
  }
}

/** scan = load the inventory + run the rules + build the report. */
export async function scan(input: ScanInput): Promise<Report> {
  return (await scanWithInventory(input)).report;
}

/** How many objects of each kind the inventory holds (shown in reports' details). */
export function inventoryCounts(inventory: Inventory): Record<string, number> {
  return {
    schemas: inventory.schemas.length,
    tables: inventory.tables.length,
    policies: inventory.policies.length,
    functions: inventory.functions.length,
    views: inventory.views.length,
    extensions: inventory.extensions.length,
    indexes: inventory.indexes.length,
    foreignKeys: inventory.foreignKeys.length,
    triggers: inventory.triggers.length,
    buckets: inventory.buckets.length,
  };
}
