import type { Report } from '@platform-kit/core/scan';

/** A finding as the report carries it (object kind is a plain string there). */
export type ReportFinding = Report['findings'][number];
import { byteLength, cell, codeBlock, html } from './markdown.js';
import type { AnnotationPlan } from './annotations.js';

/**
 * The job summary (and, with a smaller budget, the sticky PR comment body). GitHub rejects a step
 * summary over 1 MiB, so sections are added in order of importance until the budget is used, and
 * a note says what was left out and where the full report is.
 */
export const STEP_SUMMARY_LIMIT_BYTES = 1024 * 1024;
/** Room kept for the truncation note and for other steps' text in the same summary file. */
export const DEFAULT_SUMMARY_BUDGET_BYTES = STEP_SUMMARY_LIMIT_BYTES - 64 * 1024;
/** PR comments are limited to 65,536 characters. */
export const COMMENT_BUDGET_BYTES = 60_000;

const SEVERITY_LABEL = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' } as const;

export interface SummaryInput {
  actionName: string;
  title: string;
  report: Report;
  failed: boolean;
  failOn: string;
  /** Why the step fails whatever fail-on says (e.g. a scan that could not be recorded); implies failed. */
  failure?: string;
  /** What was not annotated because of GitHub's per-step limit. */
  annotations?: AnnotationPlan;
  /** The action's own "What to do" lines (e.g. its fix command), after the line on fixing rows. */
  advice?: readonly string[];
  /** Paths of the files written (shown so users can find them in artifacts). */
  files?: { report?: string; sarif?: string; remediation?: string };
  budgetBytes?: number;
}

export function objectLabel(finding: Pick<ReportFinding, 'object'>): string {
  const { kind, schema, table, name } = finding.object;
  return `${kind} ${[schema, table, name].filter(Boolean).join('.')}`;
}

export function locationLabel(finding: Pick<ReportFinding, 'location'>): string {
  if (!finding.location) return '';
  return `${finding.location.file}:${finding.location.line}${finding.location.column ? `:${finding.location.column}` : ''}`;
}

function countsLine(report: Report): string {
  const { error, warning, info, waived } = report.summary;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return [plural(error, 'error'), plural(warning, 'warning'), `${info} info`, `${waived} waived`].join(', ');
}

function heading(input: SummaryInput): string {
  const { report, failed, title } = input;
  const total = report.summary.error + report.summary.warning + report.summary.info;
  const icon = failed ? '❌' : total > 0 ? '⚠️' : '✅';
  const verdict = input.failure ? 'fails' : failed ? `fails (fail-on: ${input.failOn})` : total > 0 ? `passes (fail-on: ${input.failOn})` : 'passes: no findings';
  return [
    `## ${icon} ${title} ${verdict}`,
    '',
    ...(input.failure ? [`**The step fails:** ${cell(input.failure)}`, ''] : []),
    `**${countsLine(report)}** · target: ${cell(report.target.kind)} ${cell(`\`${report.target.description}\``)}`,
  ].join('\n') + '\n\n';
}

/** What a row locates, by what was checked: a live database has no migration line to point at. */
const WHERE_ROWS_POINT: Record<Report['target']['kind'], string> = {
  migrations: 'each row names the rule, the object and the migration file and line that introduced it.',
  database: 'each row names the rule and the database object; fix it with a new migration, not by hand, so every environment gets the fix.',
  inventory: 'each row names the rule and the database object; fix it with a new migration, so every environment gets the fix.',
  files: 'each row names the rule and the file and line.',
};

function whatToDo(input: SummaryInput): string {
  const { report } = input;
  const open = report.findings.filter((f) => !f.waived);
  if (open.length === 0) return '';
  const fixable = open.filter((f) => f.remediation).length;
  const lines = ['### What to do', ''];
  lines.push(`- Fix the findings from the top of the table down: errors first; ${WHERE_ROWS_POINT[report.target.kind]}`);
  for (const line of input.advice ?? []) lines.push(`- ${line}`);
  if (fixable > 0) {
    lines.push(
      `- ${fixable} finding${fixable === 1 ? ' has' : 's have'} remediation SQL below: review it, put it in a new migration and push again.`,
    );
  }
  lines.push(
    '- To accept a finding on purpose, add an exemption with a justification to `.platform-kit.yml` (`exemptions: [{ rule, object, justification, expires }]`); it is then reported as waived, not counted.',
  );
  if (input.files?.report) lines.push(`- The full JSON report is at \`${input.files.report}\` (output \`report-path\`).`);
  return `${lines.join('\n')}\n\n`;
}

function tableRow(finding: ReportFinding): string {
  const severity = finding.waived ? `⚪ waived (${finding.severity})` : SEVERITY_LABEL[finding.severity];
  return `| ${severity} | \`${cell(finding.rule)}\` | ${cell(objectLabel(finding))} | ${cell(locationLabel(finding))} | ${cell(finding.message)} |`;
}

function remediationBlock(finding: ReportFinding): string {
  return [
    `<details><summary><code>${html(finding.rule)}</code> · ${html(objectLabel(finding))}</summary>`,
    '',
    codeBlock(finding.remediation!.sql, 'sql'),
    '',
    '</details>',
    '',
  ].join('\n');
}

/** Renders the summary within the budget (bytes, UTF-8). Deterministic for a given input. */
export function renderSummary(input: SummaryInput): string {
  const budget = input.budgetBytes ?? DEFAULT_SUMMARY_BUDGET_BYTES;
  const parts: string[] = [heading(input), whatToDo(input)];
  let used = byteLength(parts.join(''));
  const omitted: string[] = [];

  const findings = input.report.findings; // already ranked: most severe first
  if (findings.length > 0) {
    const header = '### Findings\n\n| Severity | Rule | Object | Location | Message |\n| --- | --- | --- | --- | --- |\n';
    parts.push(header);
    used += byteLength(header);
    let shown = 0;
    for (const finding of findings) {
      const row = `${tableRow(finding)}\n`;
      if (used + byteLength(row) > budget) break;
      parts.push(row);
      used += byteLength(row);
      shown += 1;
    }
    if (shown < findings.length) omitted.push(`${findings.length - shown} of ${findings.length} table rows`);
    parts.push('\n');
  }

  const plan = input.annotations;
  if (plan && plan.notAnnotated.total > 0) {
    const { error, warning, notice } = plan.notAnnotated;
    const note = `> [!NOTE]\n> GitHub shows at most ${plan.limitPerLevel} annotations per level in a step; the most severe were annotated. Not annotated: ${error} error, ${warning} warning, ${notice} notice annotation(s). All findings are in the table above.\n\n`;
    parts.push(note);
    used += byteLength(note);
  }

  const withSql = findings.filter((f) => f.remediation && !f.waived);
  if (withSql.length > 0) {
    const intro = `### Remediation SQL\n\nReview before applying. Each block is idempotent.${input.files?.remediation ? ` The whole plan is at \`${input.files.remediation}\` (output \`remediation-path\`).` : ''}\n\n`;
    if (used + byteLength(intro) <= budget) {
      parts.push(intro);
      used += byteLength(intro);
      let shown = 0;
      for (const finding of withSql) {
        const block = remediationBlock(finding);
        if (used + byteLength(block) > budget) break;
        parts.push(block);
        used += byteLength(block);
        shown += 1;
      }
      if (shown < withSql.length) omitted.push(`${withSql.length - shown} of ${withSql.length} remediation blocks`);
    } else {
      omitted.push(`all ${withSql.length} remediation blocks`);
    }
  }

  if (input.report.notices.length > 0) {
    const lines = ['### Notices', ''];
    for (const notice of input.report.notices) {
      const where = notice.location ? ` (${notice.location.file}:${notice.location.line})` : '';
      lines.push(`- ${cell(notice.message)}${cell(where)}`);
    }
    const block = `${lines.join('\n')}\n\n`;
    if (used + byteLength(block) <= budget) {
      parts.push(block);
      used += byteLength(block);
    } else omitted.push(`${input.report.notices.length} notices`);
  }

  if (omitted.length > 0) {
    parts.push(
      `> [!WARNING]\n> This summary was shortened to stay under GitHub's size limit: ${omitted.join(', ')} not shown. The full report is in the \`report-path\` output${input.files?.report ? ` (\`${input.files.report}\`)` : ''}.\n`,
    );
  }
  return parts.join('');
}

/** The summary for a run that could not finish (bad input, unreachable database, a failing migration). */
export function renderErrorSummary(title: string, message: string, kind: string, hint: string): string {
  return [
    `## ❌ ${title} could not run`,
    '',
    `**${cell(kind)} error:** ${cell(message)}`,
    '',
    '### What to fix',
    '',
    `- ${hint}`,
    '',
  ].join('\n');
}
