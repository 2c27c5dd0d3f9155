import { ruleCatalogue, TOOL_NAME, TOOL_VERSION, usageError, type RuleMeta } from '@platform-kit/core';
import { codeSpan, escapeText } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

/** The fields `rules --format json` promises per rule (docs/cli.md). */
export function ruleEntry(meta: RuleMeta) {
  return {
    id: meta.id,
    title: meta.title,
    severity: meta.severity,
    category: meta.category,
    constitution: [...meta.constitution],
    equivalents: { ...(meta.equivalents?.supabaseAdvisor ? { supabaseAdvisor: meta.equivalents.supabaseAdvisor } : {}), ...(meta.equivalents?.squawk ? { squawk: meta.equivalents.squawk } : {}) },
    fixable: meta.fixable,
    rationale: meta.rationale,
  };
}

export const rulesCommand: CommandSpec = {
  name: 'rules',
  summary: 'List the rule catalogue (id, severity, category, constitution sections)',
  help: 'Formats: text (a table), json ({ tool, rules: [...] }), markdown.\nExample: platform-kit rules --format json | jq -r ".rules[].id"',
  options: {},
  async run(_args, context) {
    const rules = ruleCatalogue();
    const { format } = context.common;
    if (format === 'json') {
      const body = { tool: { name: TOOL_NAME, version: TOOL_VERSION }, rules: rules.map(ruleEntry) };
      return { kind: 'done', exitCode: 0, text: `${JSON.stringify(body, null, 2)}\n` };
    }
    if (format === 'markdown') return { kind: 'done', exitCode: 0, text: markdownTable(rules) };
    if (format === 'text') return { kind: 'done', exitCode: 0, text: textTable(rules) };
    throw usageError(`"rules" does not support --format ${format}`, 'use text, json or markdown');
  },
};

function textTable(rules: RuleMeta[]): string {
  if (rules.length === 0) return 'No rules registered.\n';
  const idWidth = Math.max(...rules.map((r) => r.id.length)) + 2;
  const lines = rules.map(
    (r) => `${r.id.padEnd(idWidth)}${r.severity.padEnd(9)}${r.category.padEnd(18)}${`§${r.constitution.join(' §')}`.padEnd(14)}${r.fixable ? 'fix ' : '    '}${r.title}`,
  );
  return [`${'ID'.padEnd(idWidth)}${'SEVERITY'.padEnd(9)}${'CATEGORY'.padEnd(18)}${'SECTIONS'.padEnd(14)}    TITLE`, ...lines, '', `${rules.length} rules. Docs: docs/rules/<id>.md`, ''].join('\n');
}

function markdownTable(rules: RuleMeta[]): string {
  const rows = rules.map(
    (r) =>
      `| ${codeSpan(r.id).replace(/\|/g, '\\|')} | ${r.severity} | ${r.category} | ${r.constitution.map((s) => `§${s}`).join(', ')} | ${r.fixable ? 'yes' : 'no'} | ${escapeText(r.title).replace(/\|/g, '\\|')} |`,
  );
  return ['| Rule | Severity | Category | Constitution | Fixable | Title |', '| --- | --- | --- | --- | --- | --- |', ...rows, ''].join('\n');
}
