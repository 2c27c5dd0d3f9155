import type { MigrationContext, MigrationFinding, MigrationRule, ParsedMigration } from './types.js';

const memo = new WeakMap<ParsedMigration, Map<MigrationRule, MigrationFinding[]>>();

/**
 * A rule's findings on a file, computed once: a rule built on others (breaking-change-without-rollback
 * reads the drop and rename rules) reuses their results instead of walking the file again.
 */
export function checkOnce(rule: MigrationRule, file: ParsedMigration, context: MigrationContext): MigrationFinding[] {
  let results = memo.get(file);
  if (!results) memo.set(file, (results = new Map()));
  let findings = results.get(rule);
  if (!findings) results.set(rule, (findings = rule.check(file, context)));
  return findings;
}
