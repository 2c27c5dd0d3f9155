import type { ObjectRef } from '../rules/types.js';
import type { Location } from '../inventory/schema.js';

/**
 * Object patterns used by exemptions and table lists in the config: "schema.name" or
 * "schema.table.name", where `*` matches any run of characters. A pattern is matched against every
 * name the object answers to, so "public.countries" exempts the table and "public.countries.*"
 * everything on it (policies, columns, indexes).
 */
export function objectNames(object: ObjectRef, location?: Location): string[] {
  const names = [`${object.schema}.${object.name}`];
  if (object.table) names.push(`${object.schema}.${object.table}.${object.name}`);
  if (location) names.push(location.file);
  return names;
}

const compiled = new Map<string, RegExp>();

export function matchesPattern(pattern: string, candidate: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
    compiled.set(pattern, regex);
  }
  return regex.test(candidate);
}

export function matchesObject(pattern: string, object: ObjectRef, location?: Location): boolean {
  return objectNames(object, location).some((name) => matchesPattern(pattern, name));
}

/** Whether "schema.table" matches any of the patterns. */
export function tableMatches(patterns: readonly string[], schema: string, table: string): boolean {
  return patterns.some((pattern) => matchesPattern(pattern, `${schema}.${table}`));
}

function escapeRegex(text: string): string {
  return text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}
