import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError, runtimeError } from '../errors.js';

/** The file names the Supabase CLI treats as migrations: `<version>_<name>.sql`. */
export const MIGRATION_FILE_PATTERN = /^[0-9]+_.*\.sql$/;

/**
 * Expands files and folders into migration files in the order the Supabase CLI applies them (by
 * file name, i.e. by version). A folder contributes its `<version>_<name>.sql` files (not
 * recursively, like the CLI); a file given explicitly is taken whatever its name.
 */
export function expandMigrationPaths(paths: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    if (!existsSync(absolute)) {
      throw inputError(`migration path not found: ${given}`, undefined, 'give migration files or a folder such as supabase/migrations');
    }
    if (statSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute, { withFileTypes: true })) {
        if (entry.isFile() && MIGRATION_FILE_PATTERN.test(entry.name)) files.add(path.join(absolute, entry.name));
      }
    } else {
      files.add(absolute);
    }
  }
  return [...files].sort((a, b) => path.basename(a).localeCompare(path.basename(b)) || a.localeCompare(b));
}

function git(args: string[], cwd: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw runtimeError('git is not installed or not on PATH', error);
    throw inputError(`git ${args.join(' ')} failed: ${stderr.split('\n')[0] || (error as Error).message}`);
  }
}

/**
 * Absolute paths of the files a change touches: everything that differs between the merge base of
 * `baseRef` and the working tree (committed or not), plus untracked files. Deleted files are left out.
 */
export function changedFiles(baseRef: string, cwd: string): Set<string> {
  const root = git(['rev-parse', '--show-toplevel'], cwd).trim();
  let mergeBase: string;
  try {
    mergeBase = git(['merge-base', baseRef, 'HEAD'], cwd).trim();
  } catch (error) {
    throw inputError(
      `cannot find the merge base of "${baseRef}" and HEAD: ${(error as Error).message}`,
      undefined,
      'fetch the base branch first (actions/checkout with fetch-depth: 0), or pass an existing ref',
    );
  }
  const listed = [
    ...git(['diff', '--name-only', '--no-renames', '--diff-filter=d', '-z', mergeBase], cwd).split('\0'),
    ...git(['ls-files', '--others', '--exclude-standard', '-z'], root).split('\0'),
  ];
  return new Set(listed.filter((name) => name !== '').map((name) => path.resolve(root, name)));
}
