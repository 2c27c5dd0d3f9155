import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { inputError } from '../errors.js';

/** The Supabase CLI's rule for a migration file name: a numeric version, an underscore, a name. */
export const MIGRATION_FILE_PATTERN = /^[0-9]+_.*\.sql$/;

export interface MigrationFile {
  /** File name, e.g. "20240101000000_init.sql". */
  name: string;
  /** Absolute path. */
  path: string;
}

export interface DiscoveredMigrations {
  files: MigrationFile[];
  /** Names in the directory that are not migrations by the rule above (sub-directories excluded). */
  ignored: string[];
}

/** Lists a migrations directory the way the Supabase CLI does: matching names, in filename order. */
export function discoverMigrations(dir: string): DiscoveredMigrations {
  let entries: string[];
  try {
    if (!statSync(dir).isDirectory()) throw inputError(`migrations path is not a directory: ${dir}`, { file: dir });
    entries = readdirSync(dir);
  } catch (error) {
    if ((error as { kind?: string }).kind) throw error;
    throw inputError(`migrations directory not found: ${dir}`, { file: dir }, 'pass --migrations DIR, or run from the project root (default supabase/migrations)');
  }
  const files: MigrationFile[] = [];
  const ignored: string[] = [];
  for (const name of [...entries].sort(byCodePoint)) {
    const full = path.resolve(dir, name);
    if (MIGRATION_FILE_PATTERN.test(name) && statSync(full).isFile()) files.push({ name, path: full });
    else if (!statSync(full).isDirectory()) ignored.push(name);
  }
  return { files, ignored };
}

// Filename order as Go's sort.Strings (the Supabase CLI): by code point, not by locale.
function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
