import { isMap, isScalar, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { configError } from '../errors.js';
import { ConfigSchema, type ResolvedConfig } from './schema.js';
import { editDistance } from '../text/edit-distance.js';

/**
 * The YAML half of config loading (the `yaml` package is the largest dependency a scan loads): kept
 * apart so a run without a config file never loads it (load-lazily.ts).
 */
/** Parses YAML text as a config; `display` is the file name used in errors. */
export function parseConfigText(text: string, display: string, knownRuleIds?: readonly string[]): ResolvedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const pos = first.linePos?.[0] ?? lineCounter.linePos(first.pos[0]);
    throw configError(`invalid YAML: ${first.message.split('\n')[0]}`, { file: display, line: pos?.line, column: pos?.col });
  }
  const raw = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw configError('expected a mapping of keys at the top level', { file: display, line: 1 });
  }
  // jitless: a config is a few keys; compiling zod's fast path for it costs more than it saves.
  const result = ConfigSchema.safeParse(raw, { jitless: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    const { keyPath, line } = locateIssue(doc, lineCounter, issue);
    throw configError(`${keyPath ? `${keyPath}: ` : ''}${describeIssue(issue)}`, { file: display, line });
  }
  if (knownRuleIds) {
    const known = new Set(knownRuleIds);
    for (const id of Object.keys(result.data.rules)) {
      if (!known.has(id)) {
        const line = lineOf(doc, lineCounter, ['rules', id], true);
        throw configError(`rules.${id}: unknown rule "${id}"`, { file: display, line }, suggest(id, knownRuleIds));
      }
    }
    result.data.exemptions.forEach((exemption, index) => {
      if (exemption.rule !== '*' && !known.has(exemption.rule)) {
        const line = lineOf(doc, lineCounter, ['exemptions', index, 'rule'], false);
        throw configError(`exemptions[${index}].rule: unknown rule "${exemption.rule}"`, { file: display, line }, suggest(exemption.rule, knownRuleIds));
      }
    });
  }
  return result.data;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

function locateIssue(doc: Document, lineCounter: LineCounter, issue: z.core.$ZodIssue): { keyPath: string; line?: number } {
  const segments = [...issue.path] as (string | number)[];
  if (issue.code === 'unrecognized_keys') {
    const keyPath = [...segments, issue.keys[0]];
    return { keyPath: formatPath(keyPath), line: lineOf(doc, lineCounter, keyPath, true) };
  }
  return { keyPath: formatPath(segments), line: lineOf(doc, lineCounter, segments, false) };
}

function formatPath(segments: (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Line of the node at `segments` (or of its key when `key` is set), falling back to the nearest ancestor. */
function lineOf(doc: Document, lineCounter: LineCounter, segments: (string | number)[], key: boolean): number | undefined {
  for (let depth = segments.length; depth >= 0; depth -= 1) {
    const parentPath = segments.slice(0, Math.max(0, depth - 1));
    const last = segments[depth - 1];
    if (depth === 0) return 1;
    const parent = parentPath.length === 0 ? doc.contents : doc.getIn(parentPath, true);
    if (isMap(parent) && key) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      const range = (pair?.key as { range?: [number, number, number] } | undefined)?.range;
      if (range) return lineCounter.linePos(range[0]).line;
    }
    const node = doc.getIn(segments.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    if (node?.range) return lineCounter.linePos(node.range[0]).line;
  }
  return undefined;
}

function suggest(id: string, known: readonly string[]): string | undefined {
  const close = known.filter((k) => k.includes(id) || id.includes(k) || editDistance(k, id) <= 3);
  return close.length > 0 ? `did you mean ${close.slice(0, 3).map((k) => `"${k}"`).join(' or ')}?` : 'run `platform-kit rules` for the list';
}
