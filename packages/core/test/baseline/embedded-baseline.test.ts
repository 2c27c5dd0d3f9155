import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { installedPgliteVersion } from '../../../../scripts/build-pglite-baseline.js';
import { supabaseBaselineSql } from '../../src/baseline/apply.js';
import {
  applyBaselineWithExtensions,
  openBaseline,
  SHIPPED_BASELINE_ARCHIVE,
  SHIPPED_BASELINE_MANIFEST,
  shippedBaselineArchive,
  type ShippedBaselineManifest,
} from '../../src/baseline/embedded-baseline.js';
import { openEmbedded } from '../../src/db/embedded.js';
import { introspect } from '../../src/inventory/introspect.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { sqlDir } from '../../src/sql-files.js';
import { sha256Hex } from '../../src/text/sha256.js';

/**
 * The data directory shipped in sql/baseline/ must be exactly the baseline: written by the PGlite
 * installed here, from the baseline SQL in the repository, and giving the same inventory as
 * applying that SQL to a fresh embedded database.
 */
const REGENERATE = 'run `npx tsx scripts/build-pglite-baseline.ts` and commit sql/baseline/';

function manifest(): ShippedBaselineManifest {
  return JSON.parse(readFileSync(path.join(sqlDir(), SHIPPED_BASELINE_MANIFEST), 'utf8')) as ShippedBaselineManifest;
}

/** The inventory without what differs between two reads of the same schema. */
function comparable(inventory: Inventory): unknown {
  return { ...inventory, capturedAt: undefined, source: undefined };
}

describe('the shipped embedded baseline', () => {
  it(`matches the baseline SQL, the installed PGlite and its own archive (else ${REGENERATE})`, () => {
    const shipped = manifest();
    expect(shipped.baselineSha256, REGENERATE).toBe(sha256Hex(supabaseBaselineSql()));
    expect(shipped.pglite, REGENERATE).toBe(installedPgliteVersion());
    expect(shipped.archiveSha256, REGENERATE).toBe(sha256Hex(readFileSync(path.join(sqlDir(), SHIPPED_BASELINE_ARCHIVE))));
    expect(shippedBaselineArchive()).toBeInstanceOf(Blob);
  });

  it('holds what applying the baseline to a fresh embedded database gives', async () => {
    const fromArchive = await openEmbedded({ extensions: ['pgcrypto', 'uuid-ossp'], loadDataDir: shippedBaselineArchive() });
    const fresh = await openEmbedded({ extensions: ['pgcrypto', 'uuid-ossp'] });
    try {
      await applyBaselineWithExtensions(fresh);
      const [a, b] = [await introspect(fromArchive), await introspect(fresh)];
      expect(a.roles.length).toBeGreaterThan(5);
      expect(a.functions.some((f) => f.schema === 'auth' && f.name === 'uid')).toBe(true);
      expect(comparable(a)).toEqual(comparable(b));
    } finally {
      await fromArchive.close();
      await fresh.close();
    }
  }, 60_000);
});

describe('when the shipped baseline cannot be used', () => {
  it('a manifest for another baseline is ignored, and an archive that does not load falls back to initdb', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'pk-sql-'));
    const original = sqlDir();
    const previous = process.env.PK_SQL_DIR;
    try {
      cpSync(original, copy, { recursive: true });
      process.env.PK_SQL_DIR = copy;
      writeFileSync(path.join(copy, SHIPPED_BASELINE_MANIFEST), JSON.stringify({ ...manifest(), baselineSha256: sha256Hex('another baseline') }));
      expect(shippedBaselineArchive()).toBeUndefined();

      cpSync(path.join(original, SHIPPED_BASELINE_MANIFEST), path.join(copy, SHIPPED_BASELINE_MANIFEST));
      writeFileSync(path.join(copy, SHIPPED_BASELINE_ARCHIVE), 'not a data directory');
      expect(shippedBaselineArchive()).toBeInstanceOf(Blob);
      const db = await openBaseline();
      try {
        const inventory = await introspect(db);
        expect(inventory.functions.some((f) => f.schema === 'auth' && f.name === 'uid')).toBe(true);
        expect(inventory.extensions.map((e) => e.name)).toEqual(expect.arrayContaining(['pgcrypto', 'uuid-ossp']));
      } finally {
        await db.close();
      }
    } finally {
      if (previous === undefined) delete process.env.PK_SQL_DIR;
      else process.env.PK_SQL_DIR = previous;
      rmSync(copy, { recursive: true, force: true });
    }
  }, 60_000);
});
