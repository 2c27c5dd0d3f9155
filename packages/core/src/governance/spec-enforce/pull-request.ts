import picomatch from 'picomatch';
import type { SpecEnforceConfig } from '../../config/sections/spec-enforce.js';
import { normaliseRelative } from './discover.js';
import type { PullRequestInput } from './types.js';

/** One bundle a pull request must update, and why. */
export interface RequiredUpdate {
  /** A bundle name, or undefined when a feature label asks for "some bundle" and no feature path names one. */
  bundle?: string;
  /** Changed files under a feature path (the first few are shown). */
  files: string[];
  globs: string[];
  labels: string[];
  /** Whether the PR changes a file in that bundle (any bundle when `bundle` is undefined). */
  updated: boolean;
}

/**
 * Decides which spec bundles a pull request must touch: every bundle whose feature path
 * (`specEnforce.featurePaths`) matches a changed file outside specDir, and, when the PR carries a
 * feature label (`specEnforce.featureLabels`, case-insensitive) but no feature path matched, at
 * least one bundle.
 */
export function requiredUpdates(pullRequest: PullRequestInput, config: SpecEnforceConfig): RequiredUpdate[] {
  const specDir = normaliseRelative(config.specDir);
  const changed = pullRequest.changedFiles.map(normaliseRelative);
  const code = changed.filter((file) => !file.startsWith(`${specDir}/`));
  const bundleTouched = (bundle: string) => changed.some((file) => file.startsWith(`${specDir}/${normaliseRelative(bundle)}/`));
  const anyBundleTouched = changed.some((file) => file.startsWith(`${specDir}/`) && file.split('/').length > specDir.split('/').length + 1);
  const wanted = new Set(config.featureLabels.map((label) => label.toLowerCase()));
  const labels = pullRequest.labels.filter((label) => wanted.has(label.toLowerCase()));

  const byBundle = new Map<string, RequiredUpdate>();
  for (const [glob, bundle] of Object.entries(config.featurePaths)) {
    const matches = picomatch(glob, { dot: true });
    const files = code.filter((file) => matches(file));
    if (files.length === 0) continue;
    const entry = byBundle.get(bundle) ?? { bundle, files: [], globs: [], labels, updated: bundleTouched(bundle) };
    for (const file of files) if (!entry.files.includes(file)) entry.files.push(file);
    entry.globs.push(glob);
    byBundle.set(bundle, entry);
  }
  const updates = [...byBundle.values()].sort((a, b) => (a.bundle ?? '').localeCompare(b.bundle ?? ''));
  if (updates.length === 0 && labels.length > 0) updates.push({ files: [], globs: [], labels, updated: anyBundleTouched });
  return updates;
}
