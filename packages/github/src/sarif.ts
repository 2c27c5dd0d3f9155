import { formatReport, type Report } from '@platform-kit/core/scan';
import { repositoryPath } from './annotations.js';

/**
 * SARIF 2.1.0 from the core formatter (the CLI prints the same document). Code scanning resolves
 * artifact locations against the repository root, so finding files (relative to the working
 * directory) are rewritten as repository paths first. It also rejects results without a physical
 * location, which every finding of a live-database run is: those point at `fallbackFile` (the
 * config file the action used or looked for), with the object kept as their logical location.
 */
export function renderSarif(report: Report, options: { workingDirectory: string; workspace: string; fallbackFile: string }): string {
  const toRepository = (file: string) => repositoryPath(file, options.workingDirectory, options.workspace);
  const located: Report = {
    ...report,
    findings: report.findings.map((finding) =>
      finding.location ? { ...finding, location: { ...finding.location, file: toRepository(finding.location.file) } } : finding,
    ),
  };
  return formatReport(located, 'sarif', { sourceRoot: options.workspace, fallbackUri: toRepository(options.fallbackFile) });
}
