import type { Report } from '../report.js';

/** A finding as the report carries it (the JSON contract). */
export type Finding = Report['findings'][number];
import type { Severity } from '../../rules/types.js';

/**
 * "public.todos" for tables and functions, "public.todos.owner_only" for policies, columns, indexes;
 * objects outside any schema (roles, extensions, files) by name alone.
 */
export function objectLabel(object: Finding['object']): string {
  return [object.schema, object.table, object.name].filter((part) => part !== undefined && part !== '').join('.');
}

/** "file.sql:12" or "file.sql:12:5"; undefined when the finding has no source location. */
export function locationLabel(location: Finding['location']): string | undefined {
  if (!location) return undefined;
  return `${location.file}:${location.line}${location.column ? `:${location.column}` : ''}`;
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** "2 errors, 1 warning, 0 info (1 waived)": the same words in every human-readable format. */
export function summaryCounts(summary: { error: number; warning: number; info: number; waived: number }): string {
  const counts = `${plural(summary.error, 'error')}, ${plural(summary.warning, 'warning')}, ${summary.info} info`;
  return summary.waived > 0 ? `${counts} (${summary.waived} waived)` : counts;
}

export const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'info'];

/** Where the docs page of a rule lives, relative to the repository root. */
export function ruleDocPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
