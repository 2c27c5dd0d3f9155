import { execFileSync } from 'node:child_process';
import { inputError } from '../../errors.js';

/**
 * Files a branch changes since it left `baseRef`: `git diff --name-only <baseRef>...HEAD`, the
 * three-dot form diffing against the merge base (what a pull request shows). `--relative` makes
 * the paths relative to `root` and keeps only files under it. Deleted and renamed files count.
 */
export function changedFilesSince(root: string, baseRef: string): string[] {
  if (baseRef.startsWith('-')) throw inputError(`--base-ref "${baseRef}" is not a git ref`);
  git(root, ['rev-parse', '--is-inside-work-tree'], () => `${root} is not inside a git repository (--base-ref needs one)`);
  git(
    root,
    ['rev-parse', '--verify', '--quiet', `${baseRef}^{commit}`],
    () => `--base-ref "${baseRef}" is not a commit in this repository`,
    'fetch it first (actions/checkout with fetch-depth: 0, or git fetch origin <branch>)',
  );
  const output = git(
    root,
    ['-c', 'core.quotePath=false', 'diff', '--name-only', '--no-renames', '-z', '--relative', `${baseRef}...HEAD`, '--'],
    (stderr) => `git diff against "${baseRef}" failed: ${stderr}`,
    'the base ref and HEAD need a common ancestor: fetch more history (fetch-depth: 0)',
  );
  return output
    .split('\0')
    .filter((file) => file !== '')
    .sort();
}

function git(cwd: string, args: string[], describe: (stderr: string) => string, hint?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const failure = error as { code?: string; stderr?: string };
    if (failure.code === 'ENOENT') throw inputError('git is not installed or not on PATH (needed for --base-ref)');
    const stderr = (failure.stderr ?? '').trim().split('\n')[0] ?? '';
    throw inputError(describe(stderr), undefined, hint);
  }
}
