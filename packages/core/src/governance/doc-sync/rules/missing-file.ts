import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { DocSyncRule } from '../types.js';

export const docSyncMissingFile: DocSyncRule = {
  meta: {
    id: 'doc-sync-missing-file',
    title: 'Agent instruction file is missing',
    severity: 'error',
    category: 'governance',
    constitution: ['3.3', '1.5'],
    rationale:
      '§3.3 keeps the same project instructions in front of every AI tool: CLAUDE.md, GEMINI.md and CODEX.md by ' +
      'default (docSync.files), optionally with AGENTS.md as the canonical source. A missing file means one tool ' +
      'works without them. `platform-kit doc-sync --fix` creates it from the canonical file.',
    fixable: true,
  },
  check({ files }) {
    const findings: RuleFinding[] = [];
    for (const file of files) {
      if (file.read.ok || file.read.problem !== 'missing') continue;
      findings.push({
        object: fileObject('doc-sync', file.path),
        message: `${file.path} is missing: create it (platform-kit doc-sync --fix writes it from the canonical file)`,
      });
    }
    return findings;
  },
};
