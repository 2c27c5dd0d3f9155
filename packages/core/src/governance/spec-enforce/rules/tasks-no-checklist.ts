import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/** tasks.md with text but not a single checklist item. */
export const specTasksNoChecklist: SpecRule = {
  meta: {
    id: 'spec-tasks-no-checklist',
    title: 'tasks.md is not a checklist',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale: '§3.1 asks for a task checklist with status: without "- [ ]" / "- [x]" items there is no status to read.',
    fixable: false,
    examples: { bad: '# Tasks\n\n1. Write the parser\n2. Test it', good: '# Tasks\n\n- [x] T001 Write the parser\n- [ ] T002 Test it' },
  },
  check({ bundles }) {
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      const file = bundle.files.find((f) => f.name === 'tasks.md');
      if (!file || !bundle.checklist || bundle.checklist.total > 0) continue;
      findings.push({
        object: fileObject(bundle.name, file.path),
        location: { file: file.path, line: 1 },
        message: `${file.path} has no checklist items: list the work as "- [ ] T001 description" (open) and "- [x] ..." (done)`,
      });
    }
    return findings;
  },
};
