import type { Inventory, Location } from '../inventory/schema.js';
import type { ResolvedConfig } from '../config/schema.js';

/**
 * One uniform interface for every rule (after splinter): metadata that generates the docs page and
 * the SARIF rule, and a pure check. Inventory rules read an Inventory; migration rules read parsed
 * migration files (see migration-lint). Both produce RuleFindings; the engine adds severity
 * (after config overrides), fingerprint and exemptions.
 */
export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const CATEGORIES = [
  'security',
  'performance',
  'tenancy',
  'integrity',
  'audit',
  'migration-safety',
  'idempotency',
  'governance',
  'drift',
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface RuleMeta {
  /** kebab-case, stable forever: it is part of every fingerprint. */
  id: string;
  title: string;
  severity: Severity;
  category: Category;
  /** Constitution sections this rule enforces, e.g. ["2.1"]. */
  constitution: string[];
  /** Why the rule exists, in a sentence or three: the docs page and SARIF help text start here. */
  rationale: string;
  /** The same check in other tools, where one exists. */
  equivalents?: { supabaseAdvisor?: string; squawk?: string };
  /** Whether the rule can propose remediation SQL. */
  fixable: boolean;
  /** Examples for the docs page: SQL that fails and SQL that passes. */
  examples?: { bad: string; good: string };
}

export type ObjectKind =
  | 'schema'
  | 'table'
  | 'column'
  | 'policy'
  | 'function'
  | 'view'
  | 'materialized_view'
  | 'foreign_table'
  | 'extension'
  | 'index'
  | 'foreign_key'
  | 'trigger'
  | 'bucket'
  | 'role'
  | 'statement'
  | 'file'
  | 'query';

export interface ObjectRef {
  kind: ObjectKind;
  schema: string;
  name: string;
  /** The table a policy, column, index, trigger or foreign key belongs to. */
  table?: string;
  /**
   * What else tells this object apart, for the fingerprint only (function identity arguments,
   * a file's statement ordinal). Not shown to users.
   */
  discriminator?: string;
}

export interface RuleFinding {
  object: ObjectRef;
  message: string;
  location?: Location;
  remediation?: { sql: string };
}

export interface RuleContext {
  inventory: Inventory;
  config: ResolvedConfig;
  /**
   * The project's inventory as of its previous successful scan (from the control plane), for the
   * drift rules; absent when there is no previous scan, and drift rules then report nothing.
   */
  previous?: Inventory;
}

export interface InventoryRule {
  meta: RuleMeta;
  check(context: RuleContext): RuleFinding[];
}
