import { formatReport, type Report } from '@platform-kit/core/scan';
import { repositoryPath } from './annotations.js';

/**
 * SARIF 2.1.0 from the core formatter (the CLI prints the same document). Code scanning resolves
 * artifact locations against the repository root, so finding files (relative to the working
 * directory) are rewritten as repository paths first.
 */
export function renderSarif(report: Report, options: { workingDirectory: string; workspace: string }): string {
  const located: Report = {
    ...report,
    findings: report.findings.map((finding) =>
      finding.location
        ? { ...finding, location: { ...finding.location, file: repositoryPath(finding.location.file, options.workingDirectory, options.workspace) } }
        : finding,
    ),
  };
  return formatReport(located, 'sarif', { sourceRoot: options.workspace });
}
