import path from 'node:path';
import type { Report } from '../../report/report.js';

/**
 * Finding locations of the file-based commands are relative to their `--root`. A caller that
 * resolves paths against another folder (an action's working directory) rebases them so that
 * annotations land on the right file; everything else in the report stays as it is.
 */
export function rebaseLocations(report: Report, root: string, base: string): Report {
  if (path.resolve(root) === path.resolve(base)) return report;
  const rebase = (file: string) => path.relative(base, path.resolve(root, file)).split(path.sep).join('/');
  return {
    ...report,
    findings: report.findings.map((finding) => (finding.location ? { ...finding, location: { ...finding.location, file: rebase(finding.location.file) } } : finding)),
    notices: report.notices.map((notice) => (notice.location ? { ...notice, location: { ...notice.location, file: rebase(notice.location.file) } } : notice)),
  };
}
