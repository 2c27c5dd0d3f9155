import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, loadConfig, rebaseLocations, resolveRoot, ruleCatalogue, runSpecEnforce, specStatusMarkdown } from '../../../packages/core/src/index.js';
import { changeEventOf, runAction } from '../../../packages/github/src/index.js';

/**
 * §3.1: the spec-enforce gate. Inputs → runSpecEnforce → the shared reporting layer. On a
 * pull_request event the base commit and the labels come from the event unless given as inputs (on
 * a merge_group event, the group's base commit).
 * The bundle entry awaits run(); tests call it in-process.
 */
export async function run() {
  const outcome = await runAction({
    name: 'spec-enforce',
    title: 'Spec bundles',
    advice: ['Update the spec bundle each row names in the same pull request; the required sections and the tasks.md checklist grammar are in docs/spec-enforce.md.'],
    inputs: {
      root: { description: 'Repository root, relative to working-directory', default: '.' },
      'base-ref': { description: 'Pull-request mode: ref to diff against' },
      labels: { description: 'Pull-request labels, comma-separated' },
    },
    execute: async (inputs) => {
      const root = resolveRoot(inputs.extra.root || '.', inputs.workingDirectory);
      const { config, file } = loadConfig({
        explicitPath: inputs.config || undefined,
        cwd: inputs.config ? inputs.workingDirectory : root,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      const event = changeEventOf();
      const baseRef = inputs.extra['base-ref'] || event?.baseSha;
      const labels = inputs.extra.labels ? inputs.extra.labels.split(',').map((l) => l.trim()).filter(Boolean) : event?.labels;
      const report = runSpecEnforce({ root, config, ...(baseRef ? { baseRef } : {}), ...(labels ? { labels } : {}) });
      // Without a config input the file is looked for in root: SARIF results without a file point at it.
      return { report: rebaseLocations(report, root, inputs.workingDirectory), configFile: file ?? path.join(root, DEFAULT_CONFIG_FILE) };
    },
  });
  if (outcome.report && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, specStatusMarkdown(outcome.report), 'utf8');
  return outcome;
}
