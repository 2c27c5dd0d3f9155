import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * Finds the repository's `sql/` folder: beside the bundle in a built action (dist/sql/), or three
 * levels up from this file in a checkout (packages/core/src → sql/). PK_SQL_DIR overrides both.
 */
export function sqlDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [process.env.PK_SQL_DIR, path.join(here, 'sql'), path.resolve(here, '../../../sql')].filter(
    (c): c is string => Boolean(c),
  );
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`cannot find the sql/ folder (looked in ${candidates.join(', ')})`);
  return found;
}

/** Reads sql/<relative>. */
export function readSql(relative: string): string {
  return readFileSync(path.join(sqlDir(), relative), 'utf8');
}
