import type { Report } from '../../report/report.js';

/**
 * Markdown sections the file-based commands add below the shared job summary: the spec bundles'
 * task status, and doc-sync's drift table with the suggested diffs (collapsed, within a budget so
 * the summary stays far below GitHub's 1 MiB limit).
 */
interface BundleDetail {
  name: string;
  path: string;
  files: Record<string, string>;
  tasks?: { total: number; done: number; open: number; malformed: number };
}

interface DocFileDetail {
  file: string;
  status: string;
  drift?: number;
  exact?: boolean;
  patch?: string;
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const percent = (share: number) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`;

interface PullRequestDetail {
  changedFiles: number;
  labels: string[];
  requiredUpdates: { bundle: string | null; updated: boolean; files: number; globs: string[]; labels: string[] }[];
}

export function specStatusMarkdown(report: Report): string {
  const bundles = (report.details?.bundles ?? []) as BundleDetail[];
  const pullRequest = report.details?.pullRequest as PullRequestDetail | undefined;
  if (bundles.length === 0 && !pullRequest) return '';
  const lines = ['### Spec bundles', ''];
  if (bundles.length > 0) lines.push('| Bundle | Files | Tasks done |', '| --- | --- | --- |');
  for (const bundle of bundles) {
    const problems = Object.entries(bundle.files).filter(([, state]) => state !== 'ok');
    const files = problems.length === 0 ? 'complete' : problems.map(([name, state]) => `${name}: ${state}`).join(', ');
    const tasks = bundle.tasks ? `${bundle.tasks.done}/${bundle.tasks.total}${bundle.tasks.total > 0 ? ` (${percent(bundle.tasks.done / bundle.tasks.total)})` : ''}` : '—';
    lines.push(`| \`${cell(bundle.path)}\` | ${cell(files)} | ${tasks} |`);
  }
  if (pullRequest) {
    lines.push('', `Pull request: ${pullRequest.changedFiles} changed file(s)${pullRequest.labels.length > 0 ? `, labels ${pullRequest.labels.map((l) => `\`${cell(l)}\``).join(', ')}` : ''}.`);
    if (pullRequest.requiredUpdates.length === 0) lines.push('No change under a feature path and no feature label: no spec update required.');
    for (const update of pullRequest.requiredUpdates) {
      const why = [update.files > 0 ? `${update.files} file(s) under ${update.globs.map((g) => `\`${cell(g)}\``).join(', ')}` : '', update.labels.length > 0 ? `label ${update.labels.map((l) => `\`${cell(l)}\``).join(', ')}` : '']
        .filter(Boolean)
        .join(' and ');
      lines.push(`- ${update.updated ? '✅' : '❌'} ${update.bundle ? `\`${cell(update.bundle)}\`` : 'a spec bundle'}: ${why}${update.updated ? ', bundle updated' : ', bundle not updated'}`);
    }
  }
  return `\n${lines.join('\n')}\n\n`;
}

/** Default budget for the diffs in the summary; the full diff is always in the artifact. */
export const SUMMARY_DIFF_BUDGET = 64 * 1024;

export function docSyncMarkdown(report: Report, budget: number = SUMMARY_DIFF_BUDGET): string {
  const files = (report.details?.files ?? []) as DocFileDetail[];
  const canonical = report.details?.canonical as string | null | undefined;
  const threshold = report.details?.threshold as number | undefined;
  if (files.length === 0) return '';
  const lines = [
    '### Instruction file drift',
    '',
    `Canonical: ${canonical ? `\`${cell(canonical)}\`` : 'none'}${threshold !== undefined ? ` · threshold ${percent(threshold)}` : ''}`,
    '',
    '| File | Status | Drift |',
    '| --- | --- | --- |',
  ];
  for (const file of files) {
    const drift = file.drift === undefined ? '—' : `${file.exact === false ? '≥ ' : ''}${percent(file.drift)}`;
    lines.push(`| \`${cell(file.file)}\` | ${file.status} | ${drift} |`);
  }
  let used = 0;
  let omitted = 0;
  for (const file of files) {
    if (!file.patch) continue;
    const block = `<details><summary>Suggested diff for <code>${file.file.replace(/[<>&]/g, '')}</code></summary>\n\n\`\`\`\`diff\n${file.patch}\`\`\`\`\n\n</details>`;
    if (used + block.length > budget) {
      omitted += 1;
      continue;
    }
    used += block.length;
    lines.push('', block);
  }
  if (omitted > 0) lines.push('', `${omitted} more diff(s) omitted here to keep the summary small: see the diff artifact (output \`diff-path\`).`);
  return `\n${lines.join('\n')}\n\n`;
}
