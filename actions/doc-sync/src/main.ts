import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG_FILE, docSyncMarkdown, loadConfig, resolveRoot, rebaseLocations, ruleCatalogue, runDocSync, writeDiffArtifact } from '../../../packages/core/src/index.js';
import { runAction } from '../../../packages/github/src/index.js';

/**
 * §3.3: the doc-sync gate. Inputs → runDocSync → the shared reporting layer; the suggested diffs go
 * to a file in the step's output folder (output `diff-path`, uploaded by the workflow if it wants)
 * and, within a budget, into the job summary. The action never rewrites files: run
 * `platform-kit doc-sync --fix` locally, or apply the diff.
 */
export async function run() {
  const outcome = await runAction({
    name: 'doc-sync',
    title: 'Doc tri-sync',
    advice: ['Run `pnpm platform-kit doc-sync --fix` to rewrite the copies from the canonical file (or apply the diff at output `diff-path`), then commit.'],
    inputs: { root: { description: 'Repository root, relative to working-directory', default: '.' } },
    execute: async (inputs, context) => {
      const root = resolveRoot(inputs.extra.root || '.', inputs.workingDirectory);
      const { config, file } = loadConfig({
        explicitPath: inputs.config || undefined,
        cwd: inputs.config ? inputs.workingDirectory : root,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      const result = runDocSync({ root, config, patchBase: context.workspace });
      const diffPath = path.join(context.outputDir, 'doc-sync.diff');
      writeDiffArtifact(diffPath, result.patches);
      context.setOutput('diff-path', diffPath);
      if (result.patches.length > 0) context.info(`doc-sync: suggested diff for ${result.patches.map((p) => p.file).join(', ')} in ${diffPath}`);
      // Without a config input the file is looked for in root: SARIF results without a file point at it.
      return { report: rebaseLocations(result.report, root, inputs.workingDirectory), configFile: file ?? path.join(root, DEFAULT_CONFIG_FILE) };
    },
  });
  if (outcome.report && process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, docSyncMarkdown(outcome.report), 'utf8');
  return outcome;
}
