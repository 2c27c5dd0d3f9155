import type { Report } from '../report.js';
import type { Severity } from '../../rules/types.js';
import { locationLabel, objectLabel, summaryCounts, type Finding } from './shared.js';

export interface MarkdownFormatOptions {
  /** Absolute URL prefix of the rule docs; the rule id links to `<base><id>.md` when set. */
  docsBaseUrl?: string;
  /**
   * Character budget (a PR comment holds 65,536, a job summary 1 MiB). Details go first, then table
   * rows, and the text says how many were left out. Default: no limit.
   */
  maxLength?: number;
}

const BADGE: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/**
 * GitHub-flavoured Markdown for job summaries and PR comments: a severity-ranked table, then the
 * remediation SQL of each fixable finding in a collapsible block. Every value that came from a
 * database or a file (object names, messages, SQL) is escaped, so a hostile identifier cannot break
 * the table, open HTML or close a code fence.
 */
export function formatMarkdown(report: Report, options: MarkdownFormatOptions = {}): string {
  const budget = options.maxLength ?? Number.POSITIVE_INFINITY;
  const head = [
    `### Platform Kit: \`${report.command}\``,
    '',
    `**Target:** ${report.target.kind} ${codeSpan(report.target.description)}  `,
    `**Result:** ${report.findings.length === 0 ? 'no findings ✅' : summaryCounts(report.summary)}`,
    '',
  ];
  const active = report.findings.filter((f) => !f.waived);
  const waived = report.findings.filter((f) => f.waived);
  const rows = active.map((f) => findingRow(f, options));
  const waivedRows = waived.map((f) => waivedRow(f, options));
  const details = active.filter((f) => f.remediation).map(detailsBlock);
  const notices = report.notices.map((n) => `- ${n.location ? `${codeSpan(locationLabel(n.location)!)}: ` : ''}${escapeText(n.message)}`);

  const fixable = active.filter((f) => f.remediation).length;
  const advice =
    active.length === 0
      ? ''
      : '**What to do:** ' +
        (fixable > 0 ? `${fixable} of ${active.length} findings have remediation SQL below; \`platform-kit fix\` writes it all as a new migration. ` : '') +
        (fixable < active.length ? `${fixable > 0 ? 'The others need' : 'Each needs'} a change by hand: the message says what. ` : '') +
        '`docs/rules/<rule>.md` explains each rule and how to exempt an object with a justification.';

  // Reserve room for the advice and the omission notes so the result stays under budget.
  let room = budget - length(head) - advice.length - 400;
  const take = (items: string[]): string[] => {
    const kept: string[] = [];
    for (const item of items) {
      if (item.length + 1 > room) break;
      kept.push(item);
      room -= item.length + 1;
    }
    return kept;
  };
  const keptRows = take(rows);
  const keptWaived = take(waivedRows);
  const keptNotices = take(notices);
  const keptDetails = take(details);

  const out = [...head];
  if (rows.length > 0) {
    out.push('| Severity | Rule | Object | Location | Message |', '| --- | --- | --- | --- | --- |', ...keptRows);
    if (keptRows.length < rows.length) out.push('', `_${rows.length - keptRows.length} more findings not shown (size limit); see the JSON report._`);
    out.push('');
  }
  if (advice) out.push(advice, '');
  if (details.length > 0) {
    out.push('#### Remediation', '', ...keptDetails);
    if (keptDetails.length < details.length) out.push(`_${details.length - keptDetails.length} more remediation blocks not shown (size limit)._`, '');
  }
  if (waivedRows.length > 0) {
    out.push('#### Waived', '', '| Rule | Object | Justification | Expires |', '| --- | --- | --- | --- |', ...keptWaived);
    if (keptWaived.length < waivedRows.length) out.push('', `_${waivedRows.length - keptWaived.length} more waived findings not shown._`);
    out.push('');
  }
  if (notices.length > 0) {
    out.push('#### Notices', '', ...keptNotices);
    if (keptNotices.length < notices.length) out.push(`- _${notices.length - keptNotices.length} more notices not shown._`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function findingRow(finding: Finding, options: MarkdownFormatOptions): string {
  const where = locationLabel(finding.location);
  return `| ${BADGE[finding.severity]} | ${ruleLink(finding.rule, options)} | ${cell(codeSpan(objectLabel(finding.object)))} | ${
    where ? cell(codeSpan(where)) : ''
  } | ${cell(escapeText(finding.message))} |`;
}

function waivedRow(finding: Finding, options: MarkdownFormatOptions): string {
  return `| ${ruleLink(finding.rule, options)} | ${cell(codeSpan(objectLabel(finding.object)))} | ${cell(escapeText(finding.waived!.justification))} | ${
    finding.waived!.expires ? cell(escapeText(finding.waived!.expires)) : ''
  } |`;
}

function detailsBlock(finding: Finding): string {
  const where = locationLabel(finding.location);
  // One line: a blank line inside <summary> would end GitHub's HTML block early.
  const summary = `<code>${escapeHtml(finding.rule)}</code> on <code>${escapeHtml(flatten(objectLabel(finding.object)))}</code>${
    where ? ` (${escapeHtml(flatten(where))})` : ''
  }`;
  return ['<details>', `<summary>${summary}</summary>`, '', fencedSql(finding.remediation!.sql), '', '</details>', ''].join('\n');
}

function ruleLink(rule: string, options: MarkdownFormatOptions): string {
  const code = cell(codeSpan(rule));
  return options.docsBaseUrl ? `[${code}](${encodeURI(`${options.docsBaseUrl}${rule}.md`)})` : code;
}

/** A code fence longer than any run of backticks inside, so SQL cannot close it early. */
export function fencedSql(sql: string): string {
  const longest = Math.max(0, ...(sql.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}sql\n${sql.trimEnd()}\n${fence}`;
}

/** An inline code span that survives backticks and newlines in the value. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat.startsWith(' ') ? ' ' : '';
  return `${ticks}${pad}${flat}${pad}${ticks}`;
}

/** Table cells: a pipe would end the cell (GFM needs `\|` even inside code spans). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** Plain text: no HTML, no emphasis, links or headings sneaking in; newlines become <br>. Pipes are left to `cell`. */
export function escapeText(text: string): string {
  return escapeHtml(text)
    .replace(/([\\`*_{}[\]()#+!~])/g, '\\$1')
    .replace(/\r?\n/g, '<br>');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function flatten(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ');
}

function length(lines: string[]): number {
  return lines.reduce((sum, line) => sum + line.length + 1, 0);
}
