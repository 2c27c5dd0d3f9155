import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/**
 * A done task that names a file (in backticks) which does not exist. Open tasks are not checked:
 * they often name the file they are about to create.
 */
export const specTasksMissingPath: SpecRule = {
  meta: {
    id: 'spec-tasks-missing-path',
    title: 'A done task names a file that does not exist',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1', '1.3'],
    rationale:
      'A task ticked as done that points at `src/billing/invoice.ts` claims that file exists. When it does not ' +
      '(renamed, never committed, a typo), the checklist status is wrong. Paths are read from backticks and are ' +
      'relative to the root; open tasks are skipped because they name files still to be written.',
    fixable: false,
    examples: { bad: '- [x] T004 Add `src/billing/invoce.ts`', good: '- [x] T004 Add `src/billing/invoice.ts`' },
  },
  check({ bundles, config, pathExists }) {
    if (!config.checkTaskPaths) return [];
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      const file = bundle.files.find((f) => f.name === 'tasks.md');
      if (!file || !bundle.checklist) continue;
      for (const task of bundle.checklist.tasks) {
        if (!task.done) continue;
        for (const named of task.paths) {
          if (pathExists(named)) continue;
          findings.push({
            object: fileObject(bundle.name, file.path, `${task.id ?? task.description}\u0000${named}`),
            location: { file: file.path, line: task.line },
            message: `done task ${task.id ? `${task.id} ` : ''}names \`${named}\`, which does not exist (relative to the root)`,
          });
        }
      }
    }
    return findings;
  },
};
