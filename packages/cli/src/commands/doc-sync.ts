import path from 'node:path';
import { resolveRoot, runDocSync, writeDiffArtifact } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';
import { configFor } from './spec-enforce.js';

export const docSyncCommand: CommandSpec = {
  name: 'doc-sync',
  summary: 'Check that CLAUDE.md, GEMINI.md and CODEX.md (or docSync.files) stay in sync with the canonical one (§3.3)',
  help: [
    'Drift = (lines added + lines removed) / (lines in the canonical file + lines in the file), after normalising',
    'whitespace and masking titles, tool names and tool-specific blocks (docs/doc-sync.md). Above docSync.threshold',
    '(default 10%) the file fails; the report carries a unified diff per file that brings it in sync.',
    'Examples:',
    '  platform-kit doc-sync',
    '  platform-kit doc-sync --diff-output doc-sync.diff',
    '  platform-kit doc-sync --fix          # rewrite the files from the canonical one (deterministic)',
  ].join('\n'),
  options: {
    root: { type: 'string', description: 'Repository root (default: the current folder)' },
    fix: { type: 'boolean', description: 'Write the synced files (keeping each file\'s title and tool-specific blocks), atomically' },
    'diff-output': { type: 'string', description: 'Write the suggested unified diffs to FILE (empty when in sync)' },
  },
  async run({ values }, context) {
    const root = resolveRoot(typeof values.root === 'string' ? values.root : undefined, context.cwd);
    const config = configFor(root, context.cwd, context.common.config);
    const result = runDocSync({ root, cwd: context.cwd, config, fix: values.fix === true });
    if (typeof values['diff-output'] === 'string') writeDiffArtifact(path.resolve(context.cwd, values['diff-output']), result.patches);
    if (context.common.format === 'text') context.stderr(driftLines(result.report.details));
    return { kind: 'report', report: result.report };
  },
};

/** One drift line per file for the terminal (the JSON report has the same in details.files). */
function driftLines(details: Record<string, unknown> | undefined): string {
  const files = (Array.isArray(details?.files) ? details.files : []) as { file: string; status: string; drift?: number; exact?: boolean }[];
  const canonical = typeof details?.canonical === 'string' ? details.canonical : 'no canonical file';
  return files
    .map((f) => `${f.file}: ${f.status}${f.drift === undefined ? '' : ` (${f.exact === false ? 'at least ' : ''}${(f.drift * 100).toFixed(1)}% drift from ${canonical})`}\n`)
    .join('');
}
