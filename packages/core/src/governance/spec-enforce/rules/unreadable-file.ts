import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import type { SpecRule } from '../types.js';

/** A bundle file that exists but cannot be checked: binary, not UTF-8, over the size limit, a folder. */
export const specBundleUnreadableFile: SpecRule = {
  meta: {
    id: 'spec-bundle-unreadable-file',
    title: 'Spec bundle file is not readable UTF-8 text',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1'],
    rationale:
      'A bundle file that is binary, not valid UTF-8 or larger than specEnforce.maxFileBytes cannot be checked, ' +
      'so the bundle cannot be shown complete. Save spec files as UTF-8 Markdown.',
    fixable: false,
  },
  check({ bundles }) {
    const findings: RuleFinding[] = [];
    for (const bundle of bundles) {
      for (const file of bundle.files) {
        if (file.read.ok || file.read.problem === 'missing') continue;
        findings.push({
          object: fileObject(bundle.name, file.path),
          location: { file: file.path, line: 1 },
          message: `${file.path} cannot be checked: ${file.read.detail}`,
        });
      }
    }
    return findings;
  },
};
