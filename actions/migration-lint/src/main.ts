import { inputError, lintMigrations, loadConfig, ruleCatalogue } from '../../../packages/core/src/index.js';
import { changeEventOf, runAction } from '../../../packages/github/src/index.js';

/**
 * The migration-lint gate: inputs → lintMigrations → the shared reporting layer (summary,
 * annotations at file, line and column, SARIF, outputs, sticky comment). On a pull_request or
 * merge_group event, only the files the pull request (or queued group) changes are reported. The bundle entry awaits run(); tests call it in-process.
 */
export async function run() {
  return runAction({
    name: 'migration-lint',
    advice: [
      'To keep a statement on purpose, put `-- platform-kit-ignore <rule-id>: <reason>` on the line before it (the reason is required); `-- platform-kit-ignore-file <rule-id>: <reason>` covers the whole file.',
    ],
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
      // " , " would otherwise lint nothing and pass: a gate that checks no file must not go green.
      if (paths.length === 0) throw inputError('input "path" names no file or folder', undefined, 'give migration files or folders, e.g. supabase/migrations');
      const baseRef = inputs.extra['base-ref'] || changeEventOf()?.baseSha;
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
