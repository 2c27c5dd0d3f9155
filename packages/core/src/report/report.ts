import { z } from 'zod';
import { LocationSchema } from '../inventory/schema.js';
import { SEVERITIES } from '../rules/types.js';
import { compareFindings, type Finding } from './finding.js';

/**
 * The JSON output contract shared by every command and action (documented in docs/json-output.md).
 * Additive changes only; a breaking change bumps `formatVersion` and the major version (§8.1).
 */
export const FindingSchema = z.object({
  rule: z.string(),
  severity: z.enum(SEVERITIES),
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  object: z.object({
    kind: z.string(),
    schema: z.string(),
    name: z.string(),
    table: z.string().optional(),
  }),
  location: LocationSchema.optional(),
  message: z.string(),
  remediation: z.object({ sql: z.string() }).optional(),
  waived: z.object({ justification: z.string(), expires: z.string().optional() }).optional(),
});

export const ReportSchema = z.object({
  formatVersion: z.literal(1),
  tool: z.object({ name: z.literal('platform-kit'), version: z.string() }),
  command: z.string(),
  target: z.object({
    kind: z.enum(['database', 'migrations', 'inventory', 'files']),
    /** Printable, no secret: host/db, a migrations directory, a root folder. */
    description: z.string(),
  }),
  findings: z.array(FindingSchema),
  summary: z.object({
    error: z.number().int(),
    warning: z.number().int(),
    info: z.number().int(),
    waived: z.number().int(),
  }),
  /** Things the user should know that are not findings (a skipped migration statement, a stand-in extension). */
  notices: z.array(z.object({ message: z.string(), location: LocationSchema.optional() })),
  /** Command-specific data (spec bundle status, drift counts, ...). */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Report = z.infer<typeof ReportSchema>;
export type ReportTarget = Report['target'];
export type Notice = Report['notices'][number];

export const TOOL_NAME = 'platform-kit';
export const TOOL_VERSION = '0.1.0';

/** Builds a report: sorts the findings and counts them (waived findings are counted apart). */
export function buildReport(input: {
  command: string;
  target: ReportTarget;
  findings: Finding[];
  notices?: Notice[];
  details?: Record<string, unknown>;
}): Report {
  const findings = [...input.findings].sort(compareFindings);
  const summary = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const finding of findings) {
    if (finding.waived) summary.waived += 1;
    else summary[finding.severity] += 1;
  }
  return {
    formatVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    command: input.command,
    target: input.target,
    findings: findings as Report['findings'],
    summary,
    notices: input.notices ?? [],
    ...(input.details ? { details: input.details } : {}),
  };
}

export type FailOn = 'error' | 'warning' | 'info' | 'never';

/** Whether the report fails at the threshold: any unwaived finding at or above it. */
export function failsAt(report: Report, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  const { error, warning, info } = report.summary;
  if (failOn === 'error') return error > 0;
  if (failOn === 'warning') return error + warning > 0;
  return error + warning + info > 0;
}
