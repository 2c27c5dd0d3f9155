import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/** A line of tasks.md that tries to be a checklist item and is not one. */
export const specTasksMalformed: SpecRule = {
  meta: {
    id: 'spec-tasks-malformed',
    title: 'Malformed task checklist line',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale:
      'tasks.md is the bundle\'s status: a line like "-[ ]", "- [] ", "- [y]" or a checkbox without a description ' +
      'renders as plain text on GitHub and is not counted, so the done/total status would lie. Duplicate task ids ' +
      'make references to a task ambiguous.',
    fixable: false,
    examples: { bad: '-[ ] T001 Write the parser\n- [] T002 Test it', good: '- [ ] T001 Write the parser\n- [x] T002 [P] [US1] Test it' },
  },
  check({ bundles }) {
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      const file = bundle.files.find((f) => f.name === 'tasks.md');
      if (!file || !bundle.checklist) continue;
      for (const problem of bundle.checklist.problems) {
        findings.push({
          object: fileObject(bundle.name, file.path, `${problem.message}\u0000${problem.text.trim()}`),
          location: { file: file.path, line: problem.line },
          message: `${problem.message}: ${problem.text.trim()}`,
        });
      }
    }
    return findings;
  },
};
