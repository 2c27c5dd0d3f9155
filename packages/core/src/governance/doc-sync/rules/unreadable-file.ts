import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { DocSyncRule } from '../types.js';

export const docSyncUnreadableFile: DocSyncRule = {
  meta: {
    id: 'doc-sync-unreadable-file',
    title: 'Agent instruction file is not readable UTF-8 text',
    severity: 'error',
    category: 'governance',
    constitution: ['3.3', '1.5'],
    rationale:
      'A binary or non-UTF-8 file, or one larger than docSync.maxFileBytes, cannot be compared, so its drift is ' +
      'unknown. Instruction files are Markdown: save them as UTF-8 and keep them short enough for an agent to read.',
    fixable: false,
  },
  check({ canonical, files }) {
    const findings: RuleFinding[] = [];
    for (const file of canonical ? [canonical, ...files] : files) {
      if (file.read.ok || file.read.problem === 'missing') continue;
      findings.push({
        object: fileObject('doc-sync', file.path),
        location: { file: file.path, line: 1 },
        message: `${file.path} cannot be compared: ${file.read.detail}${file === canonical ? ' (it is the canonical file: nothing was compared)' : ''}`,
      });
    }
    return findings;
  },
};
