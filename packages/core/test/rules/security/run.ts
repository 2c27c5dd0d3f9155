import { ConfigSchema, type ResolvedConfig } from '../../../src/config/schema.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import type { InventoryRule, RuleFinding } from '../../../src/rules/types.js';

/** Runs one rule on an inventory with a config built from `config` (defaults otherwise). */
export function runRule(rule: InventoryRule, inventory: Inventory, config: Record<string, unknown> = {}): RuleFinding[] {
  const resolved: ResolvedConfig = ConfigSchema.parse(config);
  return rule.check({ inventory, config: resolved });
}

/** The findings' objects as "schema.name" or "schema.table.name", sorted: what a test compares. */
export function objectsOf(findings: RuleFinding[]): string[] {
  return findings
    .map((f) => (f.object.table ? `${f.object.schema}.${f.object.table}.${f.object.name}` : `${f.object.schema}.${f.object.name}`) + (f.object.discriminator && f.object.kind === 'table' ? `#${f.object.discriminator}` : ''))
    .sort();
}

/** Only the objects in the given schema (fixtures live in their own schemas; the baseline has others). */
export function inSchema(objects: string[], ...schemas: string[]): string[] {
  return objects.filter((o) => schemas.some((s) => o.startsWith(`${s}.`)));
}
