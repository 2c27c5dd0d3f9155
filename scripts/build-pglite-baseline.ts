/**
 * Writes the embedded baseline the migrations replay starts from (packages/core/src/baseline/embedded-baseline.ts):
 *   sql/baseline/supabase.pglite.tar.gz  a PGlite data directory with sql/baseline/supabase.sql and the
 *                                        default extensions applied (gzip tar, from pglite.dumpDataDir)
 *   sql/baseline/supabase.pglite.json    its manifest: PGlite version, the baseline's and the archive's SHA-256
 * Run after changing the baseline SQL or upgrading PGlite: npx tsx scripts/build-pglite-baseline.ts
 * A test fails while the manifest does not match the baseline and the installed PGlite. The archive is
 * not byte-for-byte reproducible (initdb writes a random system identifier), which is why it is a
 * committed input of the build (copied into dist/sql/) rather than a build output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEmbedded } from '../packages/core/src/db/embedded.js';
import { supabaseBaselineSql } from '../packages/core/src/baseline/apply.js';
import {
  applyBaselineWithExtensions,
  SHIPPED_BASELINE_ARCHIVE,
  SHIPPED_BASELINE_MANIFEST,
  SUPABASE_DEFAULT_EXTENSIONS,
  type ShippedBaselineManifest,
} from '../packages/core/src/baseline/embedded-baseline.js';
import { sha256Hex } from '../packages/core/src/text/sha256.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The installed @electric-sql/pglite version (its package.json is not among its exports: read by path). */
export function installedPgliteVersion(): string {
  const require = createRequire(path.join(repoRoot, 'packages', 'core', 'package.json'));
  const entry = require.resolve('@electric-sql/pglite');
  let dir = path.dirname(entry);
  while (path.basename(dir) !== 'pglite') dir = path.dirname(dir);
  return (JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

async function main(): Promise<void> {
  const db = await openEmbedded({ extensions: [...SUPABASE_DEFAULT_EXTENSIONS] });
  let archive: Uint8Array;
  try {
    await applyBaselineWithExtensions(db);
    archive = new Uint8Array(await (await db.pglite.dumpDataDir('gzip')).arrayBuffer());
  } finally {
    await db.close();
  }
  const manifest: ShippedBaselineManifest = {
    pglite: installedPgliteVersion(),
    baselineSha256: sha256Hex(supabaseBaselineSql()),
    extensions: [...SUPABASE_DEFAULT_EXTENSIONS],
    archiveSha256: sha256Hex(archive),
  };
  writeFileSync(path.join(repoRoot, 'sql', SHIPPED_BASELINE_ARCHIVE), archive);
  writeFileSync(path.join(repoRoot, 'sql', SHIPPED_BASELINE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`wrote sql/${SHIPPED_BASELINE_ARCHIVE} (${(archive.length / 1024 / 1024).toFixed(2)} MiB) and its manifest`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
