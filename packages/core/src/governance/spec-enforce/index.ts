import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../../config/schema.js';
import { finalizeFindings } from '../../engine/finalize.js';
import { buildReport, type Notice, type Report } from '../../report/report.js';
import { runFileRules } from '../shared/file-rule.js';
import { changedFilesSince } from '../shared/git.js';
import { resolveRoot } from '../shared/root.js';
import { loadBundle } from './bundle.js';
import { discoverProjects, normaliseRelative } from './discover.js';
import { requiredUpdates } from './pull-request.js';
import { specEnforceRules } from './rules/index.js';
import type { Bundle, PullRequestInput, SpecContext } from './types.js';

export interface SpecEnforceOptions {
  /** The repository (or project) root; relative to `cwd`. Default: `cwd`. */
  root?: string;
  cwd?: string;
  config: ResolvedConfig;
  /** Pull-request mode: diff against this ref (`git diff --name-only <ref>...HEAD`). */
  baseRef?: string;
  /** Pull-request mode: the changed files, relative to the root (instead of `baseRef`). */
  changedFiles?: string[];
  /** Pull-request labels. */
  labels?: string[];
  now?: Date;
}

export const SPEC_ENFORCE_COMMAND = 'spec-enforce';

/**
 * spec-enforce (§3.1): reads every significant project's bundle, runs the rules, and in
 * pull-request mode checks that feature work comes with a bundle update. File-based: no database.
 */
export function runSpecEnforce(options: SpecEnforceOptions): Report {
  const cwd = options.cwd ?? process.cwd();
  const root = resolveRoot(options.root, cwd);
  const config = options.config.specEnforce;
  const bundles = discoverProjects(root, config).map((project) => loadBundle(root, project, config));

  let pullRequest: PullRequestInput | undefined;
  if (options.baseRef !== undefined || options.changedFiles !== undefined || options.labels !== undefined) {
    const changed = options.changedFiles ?? (options.baseRef ? changedFilesSince(root, options.baseRef) : []);
    pullRequest = { changedFiles: changed.map(normaliseRelative), labels: options.labels ?? [] };
  }
  const context: SpecContext = {
    config,
    bundles,
    pathExists: (relative) => existsSync(path.join(root, relative)),
    ...(pullRequest ? { pullRequest } : {}),
  };
  const findings = finalizeFindings(runFileRules(specEnforceRules, context), options.config, options.now);

  const notices: Notice[] = [];
  if (bundles.length === 0) {
    notices.push({
      message:
        `no significant projects found: no folder matches specEnforce.discover (${config.discover.join(', ') || 'empty'}) ` +
        'and specEnforce.projects is empty, so no spec bundle was checked',
    });
  }
  if (pullRequest && Object.keys(config.featurePaths).length === 0 && pullRequest.labels.length === 0) {
    notices.push({ message: 'pull-request mode: specEnforce.featurePaths is empty and no labels were given, so no change requires a spec update' });
  }
  return buildReport({
    command: SPEC_ENFORCE_COMMAND,
    target: { kind: 'files', description: root },
    findings,
    notices,
    details: { bundles: bundles.map(bundleStatus), ...(pullRequest ? { pullRequest: pullRequestStatus(pullRequest, context) } : {}) },
  });
}

/** What `report.details.bundles` holds per bundle: files present and the checklist status. */
export function bundleStatus(bundle: Bundle) {
  return {
    name: bundle.name,
    path: `${bundle.dir}/`,
    because: bundle.because,
    files: Object.fromEntries(bundle.files.map((file) => [file.name, file.read.ok ? (file.empty ? 'empty' : 'ok') : file.read.problem])),
    ...(bundle.checklist
      ? {
          tasks: {
            total: bundle.checklist.total,
            done: bundle.checklist.done,
            open: bundle.checklist.total - bundle.checklist.done,
            malformed: bundle.checklist.problems.length,
          },
        }
      : {}),
  };
}

function pullRequestStatus(pullRequest: PullRequestInput, context: SpecContext) {
  return {
    changedFiles: pullRequest.changedFiles.length,
    labels: pullRequest.labels,
    requiredUpdates: requiredUpdates(pullRequest, context.config).map((update) => ({
      bundle: update.bundle ?? null,
      updated: update.updated,
      files: update.files.length,
      globs: update.globs,
      labels: update.labels,
    })),
  };
}

export { specEnforceRules } from './rules/index.js';
export { parseChecklist, pathsIn, type Checklist, type Task } from './tasks.js';
export { discoverProjects, expandFolderGlob } from './discover.js';
export { requiredUpdates, type RequiredUpdate } from './pull-request.js';
export type { Bundle, BundleFile, PullRequestInput, SpecContext, SpecRule } from './types.js';
