import type { Report } from '../report.js';
import type { Severity } from '../../rules/types.js';
import { locationLabel, objectLabel, SEVERITY_ORDER, summaryCounts, type Finding } from './shared.js';

export interface TextFormatOptions {
  /** ANSI colours. The CLI sets it only when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
}

const ANSI = { reset: '\u001b[0m', bold: '\u001b[1m', dim: '\u001b[2m', red: '\u001b[31m', yellow: '\u001b[33m', cyan: '\u001b[36m' };
const SEVERITY_COLOUR: Record<Severity, string> = { error: ANSI.red, warning: ANSI.yellow, info: ANSI.cyan };
const HEADINGS: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

/**
 * The terminal report: findings grouped by severity (most severe first), each with its rule, object,
 * `file:line` and remediation SQL indented beneath; waived findings apart; one summary line last.
 */
export function formatText(report: Report, options: TextFormatOptions = {}): string {
  const paint = (code: string, text: string) => (options.color ? `${code}${text}${ANSI.reset}` : text);
  const lines: string[] = [`${paint(ANSI.bold, `platform-kit ${report.command}`)}: ${report.target.kind} ${report.target.description}`];

  const active = report.findings.filter((f) => !f.waived);
  for (const severity of SEVERITY_ORDER) {
    const group = active.filter((f) => f.severity === severity);
    if (group.length === 0) continue;
    lines.push('', paint(SEVERITY_COLOUR[severity] + ANSI.bold, `${HEADINGS[severity]} (${group.length})`));
    for (const finding of group) lines.push(...findingLines(finding, paint, SEVERITY_COLOUR[severity]));
  }

  const waived = report.findings.filter((f) => f.waived);
  if (waived.length > 0) {
    lines.push('', paint(ANSI.bold, `Waived (${waived.length})`));
    for (const finding of waived) {
      lines.push(`  ${finding.rule}  ${objectLabel(finding.object)}`);
      lines.push(paint(ANSI.dim, `    ${finding.waived!.justification}${finding.waived!.expires ? ` (until ${finding.waived!.expires})` : ''}`));
    }
  }

  if (report.notices.length > 0) {
    lines.push('', paint(ANSI.bold, `Notices (${report.notices.length})`));
    for (const notice of report.notices) {
      const where = locationLabel(notice.location);
      lines.push(`  ${where ? `${where}: ` : ''}${oneLine(notice.message)}`);
    }
  }

  const verdict = report.findings.length === 0 ? 'no findings' : summaryCounts(report.summary);
  lines.push('', `${paint(ANSI.bold, 'Summary:')} ${verdict}`);
  return `${lines.join('\n')}\n`;
}

function findingLines(finding: Finding, paint: (code: string, text: string) => string, colour: string): string[] {
  const where = locationLabel(finding.location);
  const out = [
    `  ${paint(colour, finding.severity.padEnd(7))} ${paint(ANSI.bold, finding.rule)}  ${finding.object.kind} ${objectLabel(finding.object)}`,
  ];
  if (where) out.push(`          ${paint(ANSI.dim, where)}`);
  out.push(...indent(finding.message, 10));
  if (finding.remediation) {
    out.push(`          ${paint(ANSI.dim, 'fix:')}`);
    out.push(...indent(finding.remediation.sql.trimEnd(), 12));
  }
  return out;
}

function indent(text: string, width: number): string[] {
  const pad = ' '.repeat(width);
  return text.split('\n').map((line) => (line.length > 0 ? pad + line : ''));
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ');
}
