import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { DocSyncRule } from '../types.js';

export function formatPercent(share: number): string {
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

export const docSyncDrift: DocSyncRule = {
  meta: {
    id: 'doc-sync-drift',
    title: 'Agent instruction file drifts from the canonical file',
    severity: 'error',
    category: 'governance',
    constitution: ['3.3', '1.5'],
    rationale:
      '§3.3: CI fails when the instruction files drift more than 10% apart. Drift is the share of changed lines ' +
      '(added + removed) over the lines of both files, after normalising whitespace and masking titles, tool names ' +
      'and tool-specific blocks (docs/doc-sync.md defines it exactly). The report carries a unified diff that ' +
      'brings the file in sync; `platform-kit doc-sync --fix` applies it.',
    fixable: true,
  },
  check({ canonical, files, config }) {
    if (!canonical) return [];
    const findings: RuleFinding[] = [];
    for (const file of files) {
      const comparison = file.comparison;
      if (!comparison?.failing) continue;
      const { drift } = comparison;
      const share = `${drift.exact ? '' : 'at least '}${formatPercent(drift.drift)}`;
      findings.push({
        object: fileObject('doc-sync', file.path),
        location: { file: file.path, line: comparison.firstChangedLine },
        message:
          `${file.path} drifts ${share} from ${canonical.path} (threshold ${formatPercent(config.threshold)}; ` +
          `${drift.exact ? `${plural(drift.added, 'line')} added, ${drift.removed} removed` : 'too many changes to count'} ` +
          `over ${drift.canonicalLines + drift.fileLines} compared lines): ` +
          'apply the suggested diff or run platform-kit doc-sync --fix',
      });
    }
    return findings;
  },
};
