import type { Report } from '../report.js';
import type { Finding } from './shared.js';

/**
 * The JSON contract (docs/json-output.md), keys always in the same order whatever order the report
 * object was built in, so diffs of two runs show only what changed. Absent optional keys are omitted.
 */
export function formatJson(report: Report): string {
  return `${JSON.stringify(contractOrder(report), null, 2)}\n`;
}

/**
 * The same document as `orderedReport`, built for JSON.stringify alone: absent optional keys are
 * left undefined, which JSON.stringify omits just as `compact` does, so no finding is copied twice
 * (a large migration-lint report has tens of thousands of them, and the Object.entries/fromEntries
 * copies cost more than the serialization itself).
 */
function contractOrder(report: Report): Record<string, unknown> {
  return {
    formatVersion: report.formatVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    target: { kind: report.target.kind, description: report.target.description },
    findings: report.findings.map(contractFinding),
    summary: {
      error: report.summary.error,
      warning: report.summary.warning,
      info: report.summary.info,
      waived: report.summary.waived,
    },
    notices: report.notices.map((notice) => ({ message: notice.message, location: contractLocation(notice.location) })),
    details: report.details === undefined ? undefined : sortKeysDeep(report.details),
  };
}

function contractFinding(finding: Finding): Record<string, unknown> {
  const { object, remediation, waived } = finding;
  return {
    rule: finding.rule,
    severity: finding.severity,
    fingerprint: finding.fingerprint,
    object: { kind: object.kind, schema: object.schema, name: object.name, table: object.table },
    location: contractLocation(finding.location),
    message: finding.message,
    remediation: remediation ? { sql: remediation.sql } : undefined,
    waived: waived ? { justification: waived.justification, expires: waived.expires } : undefined,
  };
}

function contractLocation(location: Finding['location']): Record<string, unknown> | undefined {
  return location ? { file: location.file, line: location.line, column: location.column } : undefined;
}

/** The report with its keys in contract order (what formatJson prints), for callers that want the object. */
export function orderedReport(report: Report): Record<string, unknown> {
  return compact({
    formatVersion: report.formatVersion,
    tool: { name: report.tool.name, version: report.tool.version },
    command: report.command,
    target: { kind: report.target.kind, description: report.target.description },
    findings: report.findings.map(orderedFinding),
    summary: {
      error: report.summary.error,
      warning: report.summary.warning,
      info: report.summary.info,
      waived: report.summary.waived,
    },
    notices: report.notices.map((notice) => compact({ message: notice.message, location: orderedLocation(notice.location) })),
    details: report.details === undefined ? undefined : sortKeysDeep(report.details),
  });
}

function orderedFinding(finding: Finding): Record<string, unknown> {
  return compact({
    rule: finding.rule,
    severity: finding.severity,
    fingerprint: finding.fingerprint,
    object: compact({ kind: finding.object.kind, schema: finding.object.schema, name: finding.object.name, table: finding.object.table }),
    location: orderedLocation(finding.location),
    message: finding.message,
    remediation: finding.remediation ? { sql: finding.remediation.sql } : undefined,
    waived: finding.waived ? compact({ justification: finding.waived.justification, expires: finding.waived.expires }) : undefined,
  });
}

function orderedLocation(location: Finding['location']): Record<string, unknown> | undefined {
  return location ? compact({ file: location.file, line: location.line, column: location.column }) : undefined;
}

function compact(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** Command-specific details have no fixed shape: sort their keys so the output is still deterministic. */
function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortKeysDeep((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
