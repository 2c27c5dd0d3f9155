import { lintMigrations, loadConfig, ruleCatalogue } from '../../../packages/core/src/index.js';
import { runAction } from '../../../packages/github/src/index.js';
import { pullRequestBaseSha } from './event.js';

/**
 * The migration-lint gate: inputs → lintMigrations → the shared reporting layer (summary,
 * annotations at file, line and column, SARIF, outputs, sticky comment). On a pull_request event,
 * only the files the pull request changes are reported. The bundle entry awaits run(); tests call it in-process.
 */
export async function run() {
  return runAction({
    name: 'migration-lint',
    title: 'Migration lint',
    inputs: {
      path: { description: 'Migration files or folders, comma or newline separated', default: 'supabase/migrations' },
      'base-ref': { description: 'Report only files changed since the merge base with this ref' },
    },
    execute: async (inputs, context) => {
      const { config } = loadConfig({
        ...(inputs.config ? { explicitPath: inputs.config } : {}),
        cwd: inputs.workingDirectory,
        knownRuleIds: ruleCatalogue().map((meta) => meta.id),
      });
      const paths = inputs.extra.path
        .split(/[,\n]/)
        .map((p) => p.trim())
        .filter((p) => p !== '');
      const baseRef = inputs.extra['base-ref'] || pullRequestBaseSha();
      if (baseRef) context.info(`reporting only migration files changed since the merge base with ${baseRef}`);
      return lintMigrations({
        paths,
        config,
        cwd: inputs.workingDirectory,
        ...(baseRef ? { changedOnly: { baseRef, cwd: inputs.workingDirectory } } : {}),
      });
    },
  });
}
