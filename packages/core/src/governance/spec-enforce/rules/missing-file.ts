import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/** §3.1: a significant project without its bundle folder, or a bundle without one of the required files. */
export const specBundleMissingFile: SpecRule = {
  meta: {
    id: 'spec-bundle-missing-file',
    title: 'Spec bundle file is missing',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale:
      'Every significant project keeps its non-negotiables, requirements, plan and task checklist in spec/<project>/ ' +
      '(constitution.md, prd.md, plan.md, tasks.md), so that reviewers and agents work from the same written intent.',
    fixable: false,
    examples: {
      bad: 'spec/billing/\n  constitution.md\n  prd.md        # plan.md and tasks.md are missing',
      good: 'spec/billing/\n  constitution.md\n  prd.md\n  plan.md\n  tasks.md',
    },
  },
  check({ bundles, config }) {
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      if (!bundle.exists) {
        findings.push({
          object: fileObject(bundle.name, `${bundle.dir}/`),
          message: `spec bundle ${bundle.dir}/ is missing (${bundle.because}): create it with ${config.requiredFiles.join(', ')}`,
        });
        continue;
      }
      for (const file of bundle.files) {
        if (!file.read.ok && file.read.problem === 'missing') {
          findings.push({
            object: fileObject(bundle.name, file.path),
            message: `${file.path} is missing: every spec bundle needs ${config.requiredFiles.join(', ')}`,
          });
        }
      }
    }
    return findings;
  },
};
