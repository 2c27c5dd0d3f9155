import path from 'node:path';
import type { ObjectRef, RuleFinding, RuleMeta } from '../../rules/types.js';
import type { TextFileProblem } from './read-text.js';

/**
 * File-based governance rules (spec-enforce, doc-sync) share the rule shape of the inventory rules:
 * metadata for the catalogue, docs and SARIF, and a pure check over what was read from disk.
 */
export interface FileRule<Context> {
  meta: RuleMeta;
  check(context: Context): RuleFinding[];
}

/** The object of a file finding: `schema` is the group (a bundle, "doc-sync"), `name` the path from the root. */
export function fileObject(group: string, file: string, discriminator?: string): ObjectRef {
  return { kind: 'file', schema: group, name: file, ...(discriminator ? { discriminator } : {}) };
}

/** A path relative to the root with forward slashes: what findings, annotations and messages show. */
export function displayPath(root: string, file: string): string {
  const relative = path.relative(root, file) || '.';
  return relative.split(path.sep).join('/');
}

export const PROBLEM_LABELS: Record<TextFileProblem, string> = {
  missing: 'missing',
  'not-a-file': 'not a file',
  'too-large': 'too large',
  binary: 'binary',
  'not-utf8': 'not UTF-8',
  unreadable: 'unreadable',
};

/** Runs each rule's check and pairs the findings with its metadata, as finalizeFindings expects. */
export function runFileRules<Context>(rules: readonly FileRule<Context>[], context: Context): { meta: RuleMeta; findings: RuleFinding[] }[] {
  return rules.map((rule) => ({ meta: rule.meta, findings: rule.check(context) }));
}
