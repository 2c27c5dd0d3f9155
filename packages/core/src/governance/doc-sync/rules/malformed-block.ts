import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { DocSyncRule } from '../types.js';

export const docSyncMalformedBlock: DocSyncRule = {
  meta: {
    id: 'doc-sync-malformed-block',
    title: 'Unbalanced tool-specific block markers',
    severity: 'error',
    category: 'governance',
    constitution: ['3.3'],
    rationale:
      'Tool-specific blocks (between docSync.toolSpecificBlocks.start and .end, each marker on its own line) are ' +
      'ignored by the drift metric and kept by --fix. A marker without its partner would silently hide or expose ' +
      'text, so it is reported and --fix leaves the file alone.',
    fixable: false,
    examples: {
      bad: '<!-- tool-specific:start -->\nUse the Gemini CLI sandbox.',
      good: '<!-- tool-specific:start -->\nUse the Gemini CLI sandbox.\n<!-- tool-specific:end -->',
    },
  },
  check({ canonical, files }) {
    const findings: RuleFinding[] = [];
    for (const file of canonical ? [canonical, ...files] : files) {
      for (const problem of file.blockProblems) {
        findings.push({
          object: fileObject('doc-sync', file.path, `${problem.line}`),
          location: { file: file.path, line: problem.line },
          message: `${file.path}: ${problem.message}`,
        });
      }
    }
    return findings;
  },
};
