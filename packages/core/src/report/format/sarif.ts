import path from 'node:path';
import type { Report } from '../report.js';
import type { RuleMeta, Severity } from '../../rules/types.js';
import { objectLabel, ruleDocPath, type Finding } from './shared.js';

export interface SarifFormatOptions {
  /** Rule metadata for tool.driver.rules (default: the whole catalogue, passed in by formatReport). */
  catalogue?: readonly RuleMeta[];
  /** Absolute URL prefix of the rule docs: helpUri is `<base><id>.md`. */
  docsBaseUrl?: string;
  /** Absolute file paths in locations are made relative to this folder (default: left as given, made relative to cwd). */
  sourceRoot?: string;
  /**
   * Code scanning shows only results with a physical location. When set, findings without one (a live
   * database scan) also point at this repository file (e.g. the config file), beside their logical location.
   */
  fallbackUri?: string;
  /** runs[].automationDetails.id: tells code scanning which analysis the results replace. Default "platform-kit/<command>/". */
  category?: string;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
/** GitHub ranks security alerts by this property (CVSS-like scale). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'platformKit/v1';

/**
 * SARIF 2.1.0 for GitHub code scanning. Rules come from the catalogue (help text from the rationale),
 * results carry the finding fingerprint as a partial fingerprint so alerts survive code moving, and
 * waived findings are reported as suppressed rather than dropped. Fixes are omitted: remediation is
 * SQL for a new migration, not an edit of the file the finding points at.
 */
export function formatSarif(report: Report, options: SarifFormatOptions = {}): string {
  return `${JSON.stringify(buildSarif(report, options), null, 2)}\n`;
}

export function buildSarif(report: Report, options: SarifFormatOptions = {}): Record<string, unknown> {
  const metas = new Map((options.catalogue ?? []).map((meta) => [meta.id, meta]));
  // Rules found in results but missing from the catalogue still need a descriptor.
  for (const finding of report.findings) {
    if (!metas.has(finding.rule)) metas.set(finding.rule, placeholderMeta(finding));
  }
  const rules = [...metas.values()].sort((a, b) => a.id.localeCompare(b.id));
  const ruleIndex = new Map(rules.map((meta, index) => [meta.id, index]));

  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules: rules.map((meta) => ruleDescriptor(meta, options)),
          },
        },
        automationDetails: { id: options.category ?? `${report.tool.name}/${report.command}/` },
        results: report.findings.map((finding) => result(finding, ruleIndex.get(finding.rule)!, options)),
      },
    ],
  };
}

function ruleDescriptor(meta: RuleMeta, options: SarifFormatOptions): Record<string, unknown> {
  const docs = options.docsBaseUrl ? `${options.docsBaseUrl}${meta.id}.md` : undefined;
  const helpText = `${meta.rationale}\n\nDocumentation: ${docs ?? ruleDocPath(meta.id)}`;
  const helpMarkdown = [
    meta.rationale,
    meta.constitution.length > 0 ? `\nConstitution: ${meta.constitution.map((s) => `§${s}`).join(', ')}.` : '',
    meta.fixable ? '\nRun `platform-kit fix` to write the remediation SQL as a new migration.' : '',
    `\nDocumentation: ${docs ? `[${meta.id}](${docs})` : ruleDocPath(meta.id)}`,
  ].join('');
  return {
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: { text: helpText, markdown: helpMarkdown },
    ...(docs ? { helpUri: encodeURI(docs) } : {}),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: {
      tags: [meta.category, ...meta.constitution.map((s) => `constitution-${s}`), ...(meta.category === 'security' ? ['security'] : [])].filter(
        (tag, index, all) => all.indexOf(tag) === index,
      ),
      precision: 'high',
      ...(meta.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

function result(finding: Finding, index: number, options: SarifFormatOptions): Record<string, unknown> {
  const logical = {
    name: finding.object.name,
    fullyQualifiedName: objectLabel(finding.object),
    kind: finding.object.kind,
  };
  const physical = finding.location
    ? {
        artifactLocation: { uri: artifactUri(finding.location.file, options.sourceRoot) },
        region: { startLine: finding.location.line, ...(finding.location.column ? { startColumn: finding.location.column } : {}) },
      }
    : options.fallbackUri
      ? { artifactLocation: { uri: artifactUri(options.fallbackUri, options.sourceRoot) }, region: { startLine: 1 } }
      : undefined;
  return {
    ruleId: finding.rule,
    ruleIndex: index,
    level: LEVEL[finding.severity],
    message: { text: finding.message },
    locations: [{ ...(physical ? { physicalLocation: physical } : {}), logicalLocations: [logical] }],
    partialFingerprints: { [FINGERPRINT_KEY]: finding.fingerprint },
    ...(finding.waived ? { suppressions: [{ kind: 'external', status: 'accepted', justification: finding.waived.justification }] } : {}),
  };
}

/** A relative, forward-slashed, percent-encoded URI reference: what code scanning matches to repository files. */
export function artifactUri(file: string, sourceRoot?: string): string {
  let relative = file;
  if (path.isAbsolute(file)) relative = path.relative(sourceRoot ?? process.cwd(), file);
  relative = relative.split(path.sep).join('/').replace(/^\.\//, '');
  return relative
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function pascalCase(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function placeholderMeta(finding: Finding): RuleMeta {
  return {
    id: finding.rule,
    title: finding.rule,
    severity: finding.severity,
    category: 'governance',
    constitution: [],
    rationale: `Rule ${finding.rule}.`,
    fixable: false,
  };
}
