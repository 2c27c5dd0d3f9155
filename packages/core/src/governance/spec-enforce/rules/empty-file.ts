import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/** A bundle file with nothing in it but whitespace or HTML comments. */
export const specBundleEmptyFile: SpecRule = {
  meta: {
    id: 'spec-bundle-empty-file',
    title: 'Spec bundle file is empty',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale: 'An empty file (or an unfilled template of comments) satisfies the letter of §3.1 and none of its intent.',
    fixable: false,
    examples: { bad: '<!-- write the plan here -->', good: '# Plan\n\n## Architecture\n\nThe CLI calls the engine...' },
  },
  check({ bundles }) {
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      for (const file of bundle.files) {
        if (file.empty) {
          findings.push({
            object: fileObject(bundle.name, file.path),
            location: { file: file.path, line: 1 },
            message: `${file.path} is empty: write its content (only whitespace or HTML comments found)`,
          });
        }
      }
    }
    return findings;
  },
};
