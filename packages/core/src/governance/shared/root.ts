import { statSync } from 'node:fs';
import path from 'node:path';
import { inputError } from '../../errors.js';

/** Resolves `--root` against the working directory; a root that is not an existing folder is an input error (exit 2). */
export function resolveRoot(root: string | undefined, cwd: string): string {
  const resolved = path.resolve(cwd, root ?? '.');
  let isDirectory = false;
  try {
    isDirectory = statSync(resolved).isDirectory();
  } catch {
    throw inputError(`--root ${root ?? '.'}: no such folder (${resolved})`);
  }
  if (!isDirectory) throw inputError(`--root ${root ?? '.'}: not a folder (${resolved})`);
  return resolved;
}
