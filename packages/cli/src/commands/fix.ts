import path from 'node:path';
import {
  planFromReport,
  type RemediationPlan,
  failsAt,
  GATE_NAMES,
  isGateName,
  ruleCatalogue,
  usageError,
  type Report,
} from '@platform-kit/core';
import type { CommandSpec } from '../command.js';
import { writeFileAtomic } from '../io.js';
import { TARGET_HELP, TARGET_OPTIONS } from '../target.js';
import { runGate } from './gates.js';

/** "20260101093000": the Supabase CLI's migration version format, in UTC. */
export function migrationTimestamp(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * `platform-kit fix`: scans like `scan`, then writes the remediation plan (idempotent SQL for every
 * fixable finding) as a new migration file. It never overwrites a file; waived findings are left
 * alone; findings without a fix are listed for a person.
 */
export const fixCommand: CommandSpec = {
  name: 'fix',
  summary: 'Write the remediation plan for the fixable findings as a new migration file',
  help: [
    'Writes --output FILE (default: <migrations>/<UTC timestamp>_platform_kit_remediation.sql), never',
    'overwriting an existing file. Nothing is written when nothing is fixable. Exit 1 when findings at or',
    'above --fail-on remain that the plan cannot fix. --format text|json describes what was written.',
    '',
    TARGET_HELP,
  ].join('\n'),
  options: {
    ...TARGET_OPTIONS,
    gate: { type: 'string', description: `Which rules to fix: ${GATE_NAMES.join('|')}`, default: 'scan' },
  },
  ownsOutput: true,
  async run({ values }, context) {
    const { format } = context.common;
    if (format !== 'text' && format !== 'json') throw usageError(`"fix" does not support --format ${format}`, 'use text or json');
    const gate = String(values.gate);
    if (!isGateName(gate)) throw usageError(`invalid --gate "${gate}": expected one of ${GATE_NAMES.join(', ')}`);
    // fix reads the target; it is not an observation to record in the scan history.
    const report = await runGate(gate, { ...values, 'no-history': true }, context);
    const plan = planFromReport(report, { catalogue: ruleCatalogue() });

    let written: string | undefined;
    if (plan.fixed.length > 0) {
      const migrationsDir = String(values.migrations ?? 'supabase/migrations');
      const target =
        context.common.output ?? path.join(migrationsDir, `${migrationTimestamp(new Date())}_platform_kit_remediation.sql`);
      const full = path.resolve(context.cwd, target);
      const content = context.redact ? context.redact(plan.sql) : plan.sql;
      writeFileAtomic(full, content.endsWith('\n') ? content : `${content}\n`, { overwrite: false });
      written = path.relative(context.cwd, full).split(path.sep).join('/') || full;
    }

    // Whatever the plan cannot fix still fails the run at the threshold.
    const remaining: Report = { ...report, findings: plan.unfixable, summary: countOf(plan.unfixable) };
    const exitCode = failsAt(remaining, context.common.failOn) ? 1 : 0;
    if (format === 'text') {
      for (const notice of report.notices) {
        context.stderr(`platform-kit: notice: ${notice.location ? `${notice.location.file}:${notice.location.line}: ` : ''}${notice.message}\n`);
      }
    }
    return { kind: 'done', exitCode, text: format === 'json' ? jsonSummary(written, plan, report) : textSummary(written, plan) };
  },
};

type Plan = RemediationPlan;

function countOf(findings: Plan['unfixable']): Report['summary'] {
  const summary = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const finding of findings) summary[finding.severity] += 1;
  return summary;
}

function label(finding: Plan['fixed'][number]): string {
  const { schema, table, name } = finding.object;
  const where = finding.location ? ` (${finding.location.file}:${finding.location.line})` : '';
  return `${finding.severity} ${finding.rule} ${table ? `${schema}.${table}.${name}` : `${schema}.${name}`}${where}`;
}

function textSummary(written: string | undefined, plan: Plan): string {
  const lines = written
    ? [`Wrote ${written}: fixes ${plan.fixed.length} finding${plan.fixed.length === 1 ? '' : 's'}. Review it, then apply it like any migration.`]
    : ['Nothing to fix: no fixable findings. No file written.'];
  if (plan.unfixable.length > 0) {
    lines.push('', `Not fixable automatically (${plan.unfixable.length}): these need a person.`, ...plan.unfixable.map((f) => `  ${label(f)}`));
  }
  if (plan.waived.length > 0) lines.push('', `Left alone (waived in the config): ${plan.waived.length}.`);
  return `${lines.join('\n')}\n`;
}

function jsonSummary(written: string | undefined, plan: Plan, report: Report): string {
  const brief = (f: Plan['fixed'][number]) => ({ rule: f.rule, severity: f.severity, fingerprint: f.fingerprint, object: f.object });
  return `${JSON.stringify(
    {
      command: 'fix',
      target: report.target,
      file: written ?? null,
      fixed: plan.fixed.map(brief),
      unfixable: plan.unfixable.map(brief),
      waived: plan.waived.length,
      notices: report.notices,
    },
    null,
    2,
  )}\n`;
}
