import { appendFileSync } from 'node:fs';
import { loadConfig, rebaseLocations, resolveRoot, ruleCatalogue, runSpecEnforce, specStatusMarkdown } from '../../../packages/core/src/index.js';
import { runAction } from '../../../packages/github/src/index.js';
import { pullRequestEvent } from './event.js';

/**
 * §3.1: the spec-enforce gate. Inputs → runSpecEnforce → the shared reporting layer. On a
 * pull_request event the base commit and the labels come from the event unless given as inputs.
 * The bundle entry awaits run(); tests call it in-process.
 */
export async function run() {
  const outcome = await runAction({
    name: 'spec-enforce',
    title: 'Spec bundles',
    inputs: {
      root: { description: 'Repository root, relative to working-directory', default: '.' },
      'base-ref': { description: 'Pull-request mode: ref to diff against' },
      labels: { description: 'Pull-request labels, comma-separated' },
    },
    execute: async (inputs) => {
      const root = resolveRoot(inputs.extra.root || '.', inputs.workingDirectory);
      const { config } = loadConfig({
        explicitPath: inputs.config || undefined,
        cwd: inputs.config ? inputs.workingDirectory : root,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      const event = pullRequestEvent();
      const baseRef = inputs.extra['base-ref'] || event?.baseSha;
      const labels = inputs.extra.labels ? inputs.extra.labels.split(',').map((l) => l.trim()).filter(Boolean) : event?.labels;
      const report = runSpecEnforce({ root, config, ...(baseRef ? { baseRef } : {}), ...(labels ? { labels } : {}) });
      return rebaseLocations(report, root, inputs.workingDirectory);
    },
  });
  if (outcome.report && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, specStatusMarkdown(outcome.report), 'utf8');
  return outcome;
}
