/**
 * Benchmark: introspection (platform-kit's scan input) against `pg_dump --schema-only` of the same
 * database, in the same run, at N = 100, 1,000 and 10,000 generated Supabase-style tables.
 * Target (issue 2): the scan is no slower than pg_dump at 10,000 tables and grows linearly with N.
 *
 *   npx tsx bench/scan-vs-pg-dump.ts            # N = 100, 1000, 10000
 *   npx tsx bench/scan-vs-pg-dump.ts 100 1000   # chosen sizes
 *
 * Uses PK_BENCH_DATABASE_URL (else PK_TEST_DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres)
 * to create one database per size, and drops them afterwards. pg_dump must be on the PATH.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { connectServer } from '../packages/core/src/db/server.js';
import { applySupabaseBaseline } from '../packages/core/src/baseline/apply.js';
import { introspect } from '../packages/core/src/inventory/introspect.js';
import { supabaseSchemaChunks } from './lib/supabase-schema.js';

const run = promisify(execFile);
const adminUrl = process.env.PK_BENCH_DATABASE_URL ?? process.env.PK_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const SIZES = sizes.length ? sizes : [100, 1000, 10000];
const RUNS = 3;

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

interface Row {
  tables: number;
  scanMs: number;
  dumpMs: number;
  objects: string;
}

async function measure(tables: number): Promise<Row> {
  const name = `pk_bench_${tables}_${randomBytes(3).toString('hex')}`;
  const admin = await connectServer(adminUrl);
  await admin.exec(`create database "${name}"`);
  await admin.close();
  try {
    const db = await connectServer(urlFor(name));
    try {
      const built = await timed(async () => {
        await applySupabaseBaseline(db);
        for (const chunk of supabaseSchemaChunks(tables)) await db.exec(chunk);
        await db.exec('analyze');
      });
      process.stderr.write(`N=${tables}: schema generated in ${(built / 1000).toFixed(1)} s\n`);
      const scans: number[] = [];
      let inventory = await introspect(db); // warm-up: catalog caches, plan cache
      for (let i = 0; i < RUNS; i += 1) scans.push(await timed(async () => { inventory = await introspect(db); }));
      const dumps: number[] = [];
      const { hostname, port, username } = new URL(adminUrl);
      const args = ['--schema-only', '--no-password', '-h', hostname, '-p', port || '5432', '-U', decodeURIComponent(username), '-d', name, '-f', '/dev/null'];
      await run('pg_dump', args, { maxBuffer: 1 << 30 }); // warm-up
      for (let i = 0; i < RUNS; i += 1) dumps.push(await timed(() => run('pg_dump', args, { maxBuffer: 1 << 30 })));
      const objects = `${inventory.tables.length} tables, ${inventory.policies.length} policies, ${inventory.indexes.length} indexes, ${inventory.foreignKeys.length} FKs, ${inventory.functions.length} functions, ${inventory.views.length} views`;
      return { tables, scanMs: median(scans), dumpMs: median(dumps), objects };
    } finally {
      await db.close();
    }
  } finally {
    const cleanup = await connectServer(adminUrl);
    await cleanup.exec(`drop database if exists "${name}" with (force)`);
    await cleanup.close();
  }
}

const rows: Row[] = [];
for (const n of SIZES) rows.push(await measure(n));

const pad = (s: string, n: number) => s.padStart(n);
console.log(`\nscan (introspect, median of ${RUNS}) vs pg_dump --schema-only (median of ${RUNS}), same database, same run\n`);
console.log(`${pad('tables', 8)} ${pad('scan ms', 10)} ${pad('pg_dump ms', 11)} ${pad('scan/dump', 10)} ${pad('scan ms/table', 14)}  objects`);
for (const r of rows) {
  console.log(
    `${pad(String(r.tables), 8)} ${pad(r.scanMs.toFixed(0), 10)} ${pad(r.dumpMs.toFixed(0), 11)} ${pad((r.scanMs / r.dumpMs).toFixed(2), 10)} ${pad((r.scanMs / r.tables).toFixed(3), 14)}  ${r.objects}`,
  );
}
