import path from 'node:path';
import { loadConfig, resolveRoot, ruleCatalogue, runSpecEnforce, usageError } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

/** Splits "a,b" and repeated options into a clean list. */
export function listOption(value: string | boolean | string[] | undefined): string[] | undefined {
  if (value === undefined || typeof value === 'boolean') return undefined;
  const items = (Array.isArray(value) ? value : [value]).flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== '');
  return items;
}

/** Config for a file-based command: --config as given (relative to the cwd), else .platform-kit.yml in the root. */
export function configFor(root: string, cwd: string, explicit: string | undefined) {
  const knownRuleIds = ruleCatalogue().map((meta) => meta.id);
  return explicit ? loadConfig({ explicitPath: explicit, cwd, knownRuleIds }).config : loadConfig({ cwd: root, knownRuleIds }).config;
}

export const specEnforceCommand: CommandSpec = {
  name: 'spec-enforce',
  summary: 'Check the spec bundles (constitution, prd, plan, tasks) and, for a pull request, that feature work updates its bundle (§3.1)',
  help: [
    'Every significant project (specEnforce.projects, specEnforce.discover; default: each folder in spec/) needs',
    'spec/<project>/constitution.md, prd.md, plan.md and tasks.md with their required sections; tasks.md is a',
    'checklist ("- [ ] T001 [P] [US1] ...") whose done/total status is in the JSON report (details.bundles).',
    'Pull-request mode (--base-ref, --changed-files or --labels): a change under specEnforce.featurePaths, or a',
    'feature label, without a change to the matching bundle is an error naming the bundle to update.',
    'Examples:',
    '  platform-kit spec-enforce',
    '  platform-kit spec-enforce --base-ref origin/main --labels feature',
  ].join('\n'),
  options: {
    root: { type: 'string', description: 'Repository root (default: the current folder)' },
    'base-ref': { type: 'string', description: 'Pull-request mode: compare with this ref (git diff --name-only REF...HEAD)' },
    'changed-files': { type: 'string', multiple: true, description: 'Pull-request mode: changed files, comma-separated or repeated (instead of --base-ref)' },
    labels: { type: 'string', multiple: true, description: 'Pull-request labels, comma-separated or repeated' },
  },
  async run({ values }, context) {
    const root = resolveRoot(typeof values.root === 'string' ? values.root : undefined, context.cwd);
    const baseRef = typeof values['base-ref'] === 'string' ? values['base-ref'] : undefined;
    const changedFiles = listOption(values['changed-files']);
    if (baseRef !== undefined && changedFiles !== undefined) throw usageError('give --base-ref or --changed-files, not both');
    if (baseRef === '') throw usageError('--base-ref needs a git ref, e.g. origin/main');
    const config = configFor(root, context.cwd, context.common.config);
    const report = runSpecEnforce({
      root,
      cwd: context.cwd,
      config,
      ...(baseRef !== undefined ? { baseRef } : {}),
      ...(changedFiles !== undefined ? { changedFiles: changedFiles.map((file) => path.posix.normalize(file.replace(/\\/g, '/'))) } : {}),
      ...(listOption(values.labels) !== undefined ? { labels: listOption(values.labels) } : {}),
    });
    if (context.common.format === 'text') context.stderr(bundleStatusLines(report.details?.bundles));
    return { kind: 'report', report };
  },
};

/** One status line per bundle for the terminal (the JSON report has the same in details.bundles). */
function bundleStatusLines(bundles: unknown): string {
  const list = (Array.isArray(bundles) ? bundles : []) as { path: string; tasks?: { total: number; done: number } }[];
  return list
    .map((bundle) => `${bundle.path}: ${bundle.tasks ? `${bundle.tasks.done}/${bundle.tasks.total} tasks done` : 'no readable tasks.md'}\n`)
    .join('');
}
