import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectServer } from '../../../src/db/server.js';
import { openEmbedded } from '../../../src/db/embedded.js';
import type { Db } from '../../../src/db/port.js';
import { applySupabaseBaseline } from '../../../src/baseline/apply.js';
import { introspect } from '../../../src/inventory/introspect.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { loadParser } from '../../../src/parser/parse.js';
import { ruleCatalogue } from '../../../src/rules/registry.js';
import { explainStatement, findSlowQueries, seqScansOf } from '../../../src/slow-queries/index.js';
import { startPrivateCluster, type PrivateCluster } from '../../helpers/private-cluster.js';

/**
 * §6.1 on a real server with pg_stat_statements loaded: a private PostgreSQL cluster (the shared
 * test server has no shared_preload_libraries), a table large enough that a filter on an unindexed
 * column is a sequential scan, and a workload run before reading the statistics.
 */
const settings = { enabled: true, thresholdMs: 2, limit: 20, analyze: false, largeTableRows: 10_000 };

let cluster: PrivateCluster;
let db: Db;
let inventory: Inventory;

beforeAll(async () => {
  await loadParser();
  cluster = await startPrivateCluster({ shared_preload_libraries: 'pg_stat_statements' });
  db = await connectServer(cluster.url);
  await applySupabaseBaseline(db);
  await db.exec(`
    create extension if not exists pg_stat_statements schema extensions;
    create table public.orders (id bigint generated always as identity primary key, customer_id int not null, note text);
    insert into public.orders (customer_id, note) select g % 5000, repeat('x', 40) from generate_series(1, 300000) g;
    analyze public.orders;
    create table public.touched (at timestamptz);
    create function public.touch() returns int language sql as $$ insert into public.touched values (now()) returning 1 $$;
  `);
  inventory = await introspect(db, { source: 'private cluster' });
  await db.query('select extensions.pg_stat_statements_reset()');
  for (let i = 0; i < 5; i += 1) {
    await db.query(`select count(*) from public.orders where customer_id = ${i + 40}`);
    await db.query('select 1');
  }
});

afterAll(async () => {
  await db?.close();
  await cluster?.stop();
});

describe('slow queries (§6.1)', () => {
  it('the rule is in the catalogue', () => {
    expect(ruleCatalogue().map((m) => m.id)).toContain('slow-query');
  });

  it('reports statements above the threshold with a generic plan and an index suggestion', async () => {
    const result = await findSlowQueries(db, inventory, settings);
    const slow = result.queries.filter((q) => q.query.includes('customer_id'));
    expect(slow).toHaveLength(1);
    expect(result.queries.some((q) => q.query === 'select $1')).toBe(false);
    const [q] = slow;
    expect(q.query).toContain('customer_id = $1');
    expect(q.calls).toBe(5);
    expect(q.plan).not.toBeNull();
    expect(seqScansOf(q.plan!).map((s) => s.table)).toContain('orders');
    expect(q.analyzed).toBe(false);
    expect(q.suggestions.map((s) => s.sql)).toEqual([
      'CREATE INDEX IF NOT EXISTS "orders_customer_id_idx" ON "public"."orders" USING btree ("customer_id");',
    ]);
    const finding = result.findings.find((f) => f.object.name === q.queryId)!;
    expect(finding.message).toContain('public.orders.customer_id');
    expect(finding.remediation?.sql).toContain('orders_customer_id_idx');
    // the prepared statement used for the generic plan does not outlive the call
    expect((await db.query('select count(*)::int as n from pg_prepared_statements')).rows).toEqual([{ n: 0 }]);
  });

  it('after applying the suggestion the plan no longer scans the table and nothing is suggested', async () => {
    const before = await findSlowQueries(db, inventory, settings);
    const sql = before.findings.flatMap((f) => (f.remediation ? [f.remediation.sql] : [])).join('\n');
    await db.exec(sql);
    await db.exec(sql);
    await db.exec('analyze public.orders');
    const indexed = await introspect(db, { source: 'private cluster' });
    const after = await findSlowQueries(db, indexed, settings);
    // (the ANALYZE just run may be slow too: it is a utility statement, reported without a plan)
    const q = after.queries.find((x) => x.query.includes('customer_id = $1'))!;
    expect(q.planUnavailable).toBeUndefined();
    expect(seqScansOf(q.plan!)).toEqual([]);
    expect(q.suggestions).toEqual([]);
  });

  it('EXPLAIN ANALYZE only when asked, only for a plain SELECT, read only and rolled back', async () => {
    const plain = await explainStatement(db, 'select count(*) from public.orders where note is null', { analyze: true });
    expect('plan' in plain && plain.analyzed).toBe(true);
    expect('plan' in plain && plain.plan['Actual Rows']).toBe(1);
    const notAsked = await explainStatement(db, 'select count(*) from public.orders where note is null', { analyze: false });
    expect('plan' in notAsked && notAsked.plan['Actual Rows']).toBe(undefined);
    const writing = await explainStatement(db, 'with d as (delete from public.touched returning 1) select count(*) from d', { analyze: true });
    expect('plan' in writing && writing.analyzed).toBe(false);
    const sideEffect = await explainStatement(db, 'select public.touch()', { analyze: true });
    expect('unavailable' in sideEffect && sideEffect.unavailable).toContain('read-only transaction');
    expect((await db.query('select count(*)::int as n from public.touched')).rows).toEqual([{ n: 0 }]);
  });

  it('honest about what cannot be planned', async () => {
    const utility = await explainStatement(db, 'vacuum public.orders', { analyze: false });
    expect(utility).toEqual({ unavailable: 'VacuumStmt cannot be EXPLAINed' });
    const untyped = await explainStatement(db, 'select count(*) from public.orders where $1 is null', { analyze: false });
    expect('unavailable' in untyped && untyped.unavailable).toContain('parameterised');
  });

  it('a database without pg_stat_statements is a clear error', async () => {
    await db.exec('create database no_stats');
    const other = await connectServer(cluster.url.replace(/\/postgres$/, '/no_stats'));
    try {
      await expect(findSlowQueries(other, inventory, settings)).rejects.toThrow(/pg_stat_statements extension/);
    } finally {
      await other.close();
    }
  });
});

describe('generic plans on a newer PostgreSQL', () => {
  it('plans a parameterised statement without values on the embedded PostgreSQL 18 too', async () => {
    const embedded = await openEmbedded();
    try {
      await embedded.exec('create table t (a int, b text); insert into t select g, g::text from generate_series(1, 100) g;');
      const explained = await explainStatement(embedded, 'select b from t where a = $1', { analyze: true });
      expect('plan' in explained).toBe(true);
      if ('plan' in explained) {
        expect(explained.analyzed).toBe(false);
        expect(seqScansOf(explained.plan)[0]).toMatchObject({ table: 't', columns: ['a'] });
      }
    } finally {
      await embedded.close();
    }
  });
});
