import type { RuleFinding } from '../../../rules/types.js';
import { fileObject } from '../../shared/file-rule.js';
import { normaliseRelative } from '../discover.js';
import { requiredUpdates } from '../pull-request.js';
import type { SpecRule } from '../types.js';

const SHOWN_FILES = 3;

/** Pull-request mode: feature work (by path or by label) without a change to the matching spec bundle. */
export const specPrBundleNotUpdated: SpecRule = {
  meta: {
    id: 'spec-pr-bundle-not-updated',
    title: 'Feature change without a spec bundle update',
    severity: 'error',
    category: 'governance',
    constitution: ['3.1', '1.3'],
    rationale:
      '§3.1: pull requests without spec updates are rejected for major features. A PR that changes code under a ' +
      'configured feature path (specEnforce.featurePaths), or carries a feature label (specEnforce.featureLabels), ' +
      'must also change the matching bundle under spec/ — at least tick the task in tasks.md.',
    fixable: false,
    examples: {
      bad: 'changed: packages/billing/src/invoice.ts            # featurePaths: { "packages/billing/**": billing }',
      good: 'changed: packages/billing/src/invoice.ts, spec/billing/tasks.md',
    },
  },
  check({ config, bundles, pullRequest, pathExists }) {
    if (!pullRequest) return [];
    const specDir = normaliseRelative(config.specDir);
    const findings: RuleFinding[] = [];
    for (const update of requiredUpdates(pullRequest, config)) {
      if (update.updated) continue;
      const reasons: string[] = [];
      if (update.files.length > 0) {
        const shown = update.files.slice(0, SHOWN_FILES).join(', ');
        const more = update.files.length > SHOWN_FILES ? ` and ${update.files.length - SHOWN_FILES} more` : '';
        reasons.push(`changes ${shown}${more} (feature path ${update.globs.map((g) => `"${g}"`).join(', ')})`);
      }
      if (update.labels.length > 0) reasons.push(`carries the feature label ${update.labels.map((l) => `"${l}"`).join(', ')}`);
      let target: string;
      let bundleName: string;
      if (update.bundle) {
        bundleName = normaliseRelative(update.bundle);
        target = `${specDir}/${bundleName}/`;
      } else if (bundles.length === 1) {
        bundleName = bundles[0].name;
        target = `${bundles[0].dir}/`;
      } else {
        bundleName = '*';
        target = bundles.length > 1 ? `one of ${bundles.map((b) => `${b.dir}/`).join(', ')}` : `a bundle under ${specDir}/`;
      }
      const tasks = bundleName === '*' ? undefined : `${specDir}/${bundleName}/tasks.md`;
      findings.push({
        object: fileObject(bundleName, bundleName === '*' ? `${specDir}/` : `${specDir}/${bundleName}/`),
        ...(tasks && pathExists(tasks) ? { location: { file: tasks, line: 1 } } : {}),
        message:
          `this pull request ${reasons.join(' and ')} but does not update the spec bundle: update ${target}` +
          ` (tasks.md status, and prd.md/plan.md when the requirements or the design change)`,
      });
    }
    return findings;
  },
};
