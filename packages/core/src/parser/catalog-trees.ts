import { convertPolicyTree, type CatalogTreeNames } from './node-tree-to-raw.js';

/**
 * Policy expressions without loading a SQL parser. The server keeps each policy's syntax tree
 * (pg_policy.polqual / polwithcheck, after name resolution) and the catalog read fetches it beside
 * the text pg_get_expr prints (sql/introspection/policy-trees.sql). This registry keeps those trees
 * by printed text and hands the rules, on request, the tree libpg-query gives for that text
 * (node-tree-to-raw.ts does the conversion).
 *
 * Why: a gate run against a database otherwise compiles the parser's WebAssembly only to read a
 * handful of policy expressions, the largest share of a GitHub Action's cold start (and on Node 22+
 * a relaunch to keep V8 from optimising it at exit). Anything the conversion does not follow exactly
 * is left out (the expression is then parsed as before), so a rule never sees a tree the parser
 * would not have given. Checked in the tests: catalog-trees.test.ts on PostgreSQL 15 and 18, and
 * every test that has the parser loaded compares each catalog tree it uses with the parser's
 * (PK_CHECK_CATALOG_TREES, rules/security/expression.ts).
 */
type RawNode = Record<string, unknown>;

/** How many expressions are kept at most (each read sends at most 500: sql/introspection/policy-trees.sql). */
const MAX_REMEMBERED = 5_000;

/** Printed expression → its tree as read (converted on first use), with the names of its read. */
const pending = new Map<string, { tree: string; relid: number; names: CatalogTreeNames }>();
/** Printed expression → converted tree, or null when the parser must read it. */
const converted = new Map<string, RawNode | null>();

/**
 * The tree remembered for this printed expression, if the catalog gave one this module can follow.
 * Converted on first use: gates whose rules never read policies pay nothing for it.
 */
export function catalogTreeOf(expression: string): RawNode | undefined {
  let node = converted.get(expression);
  if (node === undefined) {
    const entry = pending.get(expression);
    if (!entry) return undefined;
    node = convertPolicyTree(entry.tree, entry.relid, entry.names);
    converted.set(expression, node);
    pending.delete(expression);
  }
  return node ?? undefined;
}

/**
 * Remembers the trees of a catalog read for catalogTreeOf. An expression already remembered keeps
 * its tree: the tree is a function of the printed text, whichever database printed it.
 */
export function rememberCatalogTrees(raw: unknown): void {
  if (!isCatalogTreeNames(raw)) return;
  // A long-lived process reading many databases (the control plane's scans) must not keep every
  // tree it ever saw: past the bound, start over (a forgotten expression is parsed instead).
  if (pending.size + converted.size + raw.trees.length > MAX_REMEMBERED) {
    pending.clear();
    converted.clear();
  }
  for (const [expression, tree, relid] of raw.trees) {
    if (!converted.has(expression) && !pending.has(expression)) pending.set(expression, { tree, relid, names: raw });
  }
}

function isCatalogTreeNames(raw: unknown): raw is CatalogTreeNames {
  if (!raw || typeof raw !== 'object') return false;
  const r = raw as Record<string, unknown>;
  return Array.isArray(r.trees) && ['operators', 'functions', 'types', 'enums', 'relations'].every((key) => r[key] && typeof r[key] === 'object');
}

