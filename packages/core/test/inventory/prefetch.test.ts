import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { loadInventory } from '../../src/engine/target.js';
import { prefetchCatalog } from '../../src/inventory/prefetch.js';
import { PlatformKitError } from '../../src/errors.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';

/**
 * prefetchCatalog starts the catalog read of a live database before the rest of a run has loaded
 * (the gate actions' entry); loadInventory then uses it. The result must be the inventory a plain
 * load returns, and its errors the errors a plain load reports, secrets masked.
 */
describe.runIf(hasServer())('prefetchCatalog + loadInventory', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('prefetch');
    await applySupabaseBaseline(t.db);
    await t.db.exec(`create table public.notes (id bigint primary key, body text);
      alter table public.notes enable row level security;
      create policy notes_read on public.notes for select to authenticated using (true);`);
  }, 120_000);
  afterAll(async () => t?.drop());

  const withoutTimestamp = ({ capturedAt: _capturedAt, ...rest }: Record<string, unknown>) => rest;

  it('gives the same inventory as a plain load of the same URL', async () => {
    const prefetched = prefetchCatalog(t.url!);
    const early = await loadInventory({ databaseUrl: t.url!, prefetched });
    const plain = await loadInventory({ databaseUrl: t.url! });
    expect(withoutTimestamp(early.inventory)).toEqual(withoutTimestamp(plain.inventory));
    expect(early.target).toEqual(plain.target);
    expect(early.inventory.policies.some((p) => p.name === 'notes_read')).toBe(true);
  });

  it('is ignored when the target names another database', async () => {
    const elsewhere = { url: 'postgres://nobody:secret@127.0.0.1:1/none', catalog: Promise.reject(new Error('must not be awaited')), sent: Promise.resolve() };
    elsewhere.catalog.catch(() => undefined);
    const loaded = await loadInventory({ databaseUrl: t.url!, prefetched: elsewhere });
    expect(loaded.inventory.policies.some((p) => p.name === 'notes_read')).toBe(true);
  });

  it('keeps a connection failure for the load to report, with the password masked', async () => {
    const url = 'postgres://someone:pre-fetch-s3cret@127.0.0.1:1/nowhere';
    const prefetched = prefetchCatalog(url, { connectTimeoutMs: 2_000 });
    // Nothing awaits the read for a while: no unhandled rejection may escape meanwhile.
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await loadInventory({ databaseUrl: url, prefetched }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlatformKitError);
    expect((error as PlatformKitError).kind).toBe('connection');
    expect(String((error as Error).message)).not.toContain('pre-fetch-s3cret');
    expect(JSON.stringify(error)).not.toContain('pre-fetch-s3cret');
  });
});
