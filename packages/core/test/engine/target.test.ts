import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseUrl, hasServer, type TestDatabase } from '../helpers/database.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { loadInventory, type LoadedInventory } from '../../src/engine/target.js';
import { runInventoryRules, scan } from '../../src/engine/scan.js';
import { PlatformKitError } from '../../src/errors.js';
import type { InventoryRule } from '../../src/rules/types.js';
import { ConfigSchema, defaultConfig } from '../../src/config/schema.js';
import { ReportSchema } from '../../src/report/report.js';
import { startPrivateCluster } from '../helpers/private-cluster.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tiny = path.join(here, 'fixtures', 'tiny');
const PASSWORD = 'Sup3r-s3cret-pw';

async function failure(promise: Promise<unknown>): Promise<PlatformKitError> {
  try {
    await promise;
  } catch (error) {
    return error as PlatformKitError;
  }
  throw new Error('expected a failure');
}

/** A real rule, small enough to read: tables in public without RLS. */
const noRls: InventoryRule = {
  meta: {
    id: 'test-rls-disabled', title: 'RLS disabled', severity: 'error', category: 'security', constitution: ['2.1'],
    rationale: 'test rule', fixable: false,
  },
  check: ({ inventory }) =>
    inventory.tables
      .filter((t) => t.schema === 'public' && !t.rlsEnabled)
      .map((t) => ({ object: { kind: 'table', schema: t.schema, name: t.name }, message: `RLS is disabled on ${t.name}`, location: t.location })),
};

describe('targets: migrations replay (the default) and saved inventory files', () => {
  let replayed: LoadedInventory;
  let dir: string;
  beforeAll(async () => {
    replayed = await loadInventory({}, { root: tiny });
    dir = mkdtempSync(path.join(tmpdir(), 'pk-target-'));
  });

  it('replays supabase/migrations under the root when no target is given', () => {
    expect(replayed.target).toEqual({ kind: 'migrations', description: 'supabase/migrations' });
    expect(replayed.inventory.tables.find((t) => t.name === 'notes')?.location).toEqual({
      file: 'supabase/migrations/20240101000000_tiny.sql', line: 1,
    });
  });

  it('reads a saved inventory file, validated', async () => {
    const file = path.join(dir, 'inventory.json');
    writeFileSync(file, JSON.stringify(replayed.inventory));
    const loaded = await loadInventory({ inventoryFile: 'inventory.json' }, { root: dir });
    expect(loaded.target).toEqual({ kind: 'inventory', description: 'inventory.json' });
    expect(loaded.inventory).toEqual(replayed.inventory);
  });

  it('rejects a missing, malformed or mis-shaped inventory file with its name (exit 2)', async () => {
    const missing = await failure(loadInventory({ inventoryFile: 'nope.json' }, { root: dir }));
    expect([missing.kind, missing.exitCode, missing.message]).toEqual(['input', 2, 'cannot read inventory file nope.json: no such file']);
    writeFileSync(path.join(dir, 'bad.json'), '{ "formatVersion": 1,');
    const malformed = await failure(loadInventory({ inventoryFile: 'bad.json' }, { root: dir }));
    expect(malformed.message).toMatch(/^inventory file bad\.json is not valid JSON/);
    writeFileSync(path.join(dir, 'shape.json'), JSON.stringify({ ...replayed.inventory, tables: [{ name: 1 }] }));
    const shape = await failure(loadInventory({ inventoryFile: 'shape.json' }, { root: dir }));
    expect(shape.message).toContain('inventory file shape.json does not match the inventory format at tables.0.');
    expect(shape.position).toEqual({ file: 'shape.json' });
  });

  it('a missing migrations directory is an input error naming it', async () => {
    const error = await failure(loadInventory({ migrationsDir: 'db/migrations' }, { root: dir }));
    expect(error.kind).toBe('input');
    expect(error.message).toContain('db/migrations');
  });

  it('scan(): rules over the inventory, config applied, a valid report with locations', async () => {
    const report = await scan({ command: 'scan', rules: [noRls], target: { inventoryFile: path.join(dir, 'inventory.json') }, config: defaultConfig(), options: { root: dir } });
    expect(ReportSchema.parse(report)).toBeTruthy();
    expect(report.findings.map((f) => [f.rule, f.object.name, f.location])).toEqual([
      ['test-rls-disabled', 'notes', { file: 'supabase/migrations/20240101000000_tiny.sql', line: 1 }],
    ]);
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0, waived: 0 });
    expect(report.details?.inventory).toMatchObject({ tables: expect.any(Number) });
  });

  it('runInventoryRules(): severity overrides, rules off, exemptions; a throwing rule is named', () => {
    const inv = replayed.inventory;
    const warn = ConfigSchema.parse({ rules: { 'test-rls-disabled': 'warning' } });
    expect(runInventoryRules([noRls], inv, warn)[0].severity).toBe('warning');
    expect(runInventoryRules([noRls], inv, ConfigSchema.parse({ rules: { 'test-rls-disabled': 'off' } }))).toEqual([]);
    const exempt = ConfigSchema.parse({
      exemptions: [{ rule: 'test-rls-disabled', object: 'public.notes', justification: 'public reference data, read-only' }],
    });
    expect(runInventoryRules([noRls], inv, exempt)[0].waived?.justification).toBe('public reference data, read-only');
    const broken: InventoryRule = { meta: { ...noRls.meta, id: 'broken-rule' }, check: () => { throw new Error('boom'); } };
    expect(() => runInventoryRules([broken], inv, defaultConfig())).toThrow('rule broken-rule failed: boom');
  });
});

describe.runIf(hasServer())('targets: live database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('target');
    await applySupabaseBaseline(t.db);
    await t.db.exec('create table public.live_table (id int primary key)');
  });
  afterAll(async () => t?.drop());

  it('introspects read-only and describes the target without secrets', async () => {
    const url = new URL(t.url!);
    url.password = PASSWORD;
    const loaded = await loadInventory({ databaseUrl: url.toString(), migrationsDir: 'ignored' });
    expect(loaded.target.kind).toBe('database');
    expect(loaded.target.description).toBe(`${url.hostname}:${url.port}${url.pathname}`);
    expect(loaded.inventory.tables.some((x) => x.name === 'live_table')).toBe(true);
    expect(loaded.notices[0].message).toContain('using databaseUrl');
    expect(JSON.stringify(loaded)).not.toContain(PASSWORD);
  });

  it('an unreachable host is a connection error (exit 3) without the password', async () => {
    const error = await failure(loadInventory({ databaseUrl: `postgres://app:${PASSWORD}@127.0.0.1:1/postgres` }, { connectTimeoutMs: 3000 }));
    expect(error.kind).toBe('connection');
    expect(error.exitCode).toBe(3);
    expect(error.message).toContain('cannot connect to 127.0.0.1:1/postgres');
    expect(error.hint).toContain('check the host and port');
    expect(`${error.message} ${error.hint} ${String(error.cause)}`).not.toContain(PASSWORD);
  });

  it('a wrong password (SCRAM, on a cluster of the test\'s own) is a connection error (exit 3) without the password', async () => {
    const cluster = await startPrivateCluster({}, { password: 'the-Right-pw-42' });
    try {
      const url = new URL(cluster.url);
      url.password = PASSWORD;
      const error = await failure(loadInventory({ databaseUrl: url.toString() }));
      expect(error.kind).toBe('connection');
      expect(error.exitCode).toBe(3);
      expect(error.message).toMatch(/password authentication failed for user "postgres"/);
      expect(`${error.message} ${error.hint} ${String(error.cause)}`).not.toContain(PASSWORD);
      expect(`${error.message} ${error.hint} ${String(error.cause)}`).not.toContain('the-Right-pw-42');
      // The right password gets in: the failure above was the password's.
      expect((await loadInventory({ databaseUrl: cluster.url })).target.kind).toBe('database');
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  it('a refused login (unknown role, unknown database) is a connection error without the password', async () => {
    // The shared server trusts every login (the test above checks passwords on a cluster of its own);
    // an unknown role and an unknown database are refused by the same authentication step.
    const role = new URL(databaseUrl('postgres'));
    role.username = 'pk_no_such_role';
    role.password = PASSWORD;
    const badRole = await failure(loadInventory({ databaseUrl: role.toString() }));
    expect(badRole.kind).toBe('connection');
    expect(badRole.message).toContain('pk_no_such_role');
    expect(badRole.message).not.toContain(PASSWORD);
    const db = new URL(databaseUrl('pk_no_such_database'));
    db.password = PASSWORD;
    const badDb = await failure(loadInventory({ databaseUrl: db.toString() }));
    expect(badDb.kind).toBe('connection');
    expect(badDb.message).toContain('database "pk_no_such_database" does not exist');
    expect(badDb.message).not.toContain(PASSWORD);
  });
});
