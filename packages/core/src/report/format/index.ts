import type { Report } from '../report.js';
import { ruleCatalogue } from '../../rules/registry.js';
import { formatText, type TextFormatOptions } from './text.js';
import { formatJson } from './json.js';
import { formatMarkdown, type MarkdownFormatOptions } from './markdown.js';
import { formatSarif, type SarifFormatOptions } from './sarif.js';

export const REPORT_FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type FormatOptions = TextFormatOptions & MarkdownFormatOptions & SarifFormatOptions;

/** Renders a report in one of the output formats; the CLI and the GitHub actions share this. */
export function formatReport(report: Report, format: ReportFormat, options: FormatOptions = {}): string {
  switch (format) {
    case 'text':
      return formatText(report, options);
    case 'json':
      return formatJson(report);
    case 'markdown':
      return formatMarkdown(report, options);
    case 'sarif':
      return formatSarif(report, { ...options, catalogue: options.catalogue ?? ruleCatalogue() });
  }
}

export { formatText, formatJson, formatMarkdown, formatSarif };
export type { TextFormatOptions, MarkdownFormatOptions, SarifFormatOptions };
export { orderedReport } from './json.js';
export { buildSarif, artifactUri, SARIF_SCHEMA_URI, FINGERPRINT_KEY } from './sarif.js';
export { codeSpan, escapeText, fencedSql } from './markdown.js';
export { objectLabel, locationLabel, summaryCounts, ruleDocPath } from './shared.js';
