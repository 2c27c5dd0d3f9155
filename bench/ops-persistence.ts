/**
 * Benchmark: what the control plane adds to a scan. On a generated N-table Supabase-style project
 * (default 10,000 tables), in the same run:
 *   scan        introspection + every inventory rule (the scan's own time, the reference)
 *   persist #1  the first scan written to `ops` (every object inserted, findings new)
 *   drift       the previous inventory rebuilt from `ops` + the drift rules against a changed project
 *   persist #2  the second scan written (only new, changed and removed objects touched — unchanged
 *               ones cost nothing, their "last seen" is derived in ops.inventory_object_lineage;
 *               every finding recorded as new/persisting/resolved)
 * Target (issue 4): persistence adds at most half of the scan's own time, i.e.
 * (load previous + drift + persist) / scan <= 0.5.
 *
 *   npx tsx bench/ops-persistence.ts          # N = 10000
 *   npx tsx bench/ops-persistence.ts 1000     # another size
 *
 * Uses PK_BENCH_DATABASE_URL (else PK_TEST_DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres)
 * to create a project database and a control-plane database, dropped afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { connectServer } from '../packages/core/src/db/server.js';
import { applySupabaseBaseline } from '../packages/core/src/baseline/apply.js';
import { introspect } from '../packages/core/src/inventory/introspect.js';
import { defaultConfig } from '../packages/core/src/config/schema.js';
import { migrateOps } from '../packages/core/src/ops/migrate.js';
import { loadPreviousInventory, writeScan } from '../packages/core/src/ops/write-scan.js';
import { scanInventory } from '../packages/core/src/ops/remediation.js';
import { flattenInventory } from '../packages/core/src/ops/inventory-objects.js';
import { driftFindings } from '../packages/core/src/rules/drift/run.js';
import { supabaseSchemaChunks } from './lib/supabase-schema.js';

const adminUrl = process.env.PK_BENCH_DATABASE_URL ?? process.env.PK_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const N = Number(process.argv[2] ?? 10_000);

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const suffix = randomBytes(3).toString('hex');
  const projectDb = `pk_bench_ops_project_${suffix}`;
  const planeDb = `pk_bench_ops_plane_${suffix}`;
  const admin = await connectServer(adminUrl);
  await admin.exec(`CREATE DATABASE ${projectDb}`);
  await admin.exec(`CREATE DATABASE ${planeDb}`);
  const project = await connectServer(urlFor(projectDb));
  const plane = await connectServer(urlFor(planeDb));
  const config = defaultConfig();
  try {
    process.stdout.write(`generating ${N} tables… `);
    const [, generateMs] = await timed(async () => {
      await applySupabaseBaseline(project);
      // Small chunks: each is one implicit transaction, and the lock table is shared with the whole cluster.
      for (const chunk of supabaseSchemaChunks(N, 50)) await project.exec(chunk);
    });
    // Fresh catalog statistics, as autovacuum would have them on a real project.
    await project.exec('ANALYZE');
    process.stdout.write(`${fmt(generateMs)}\n`);
    await migrateOps(plane);

    // Scan #1: the reference.
    const [inventory1, introspect1] = await timed(() => introspect(project, { source: 'bench', statementTimeoutMs: 900_000 }));
    const [findings1, rules1] = await timed(() => scanInventory(inventory1, config));
    const scan1 = introspect1 + rules1;
    const objects = flattenInventory(inventory1).length;
    const [, persist1] = await timed(() =>
      writeScan(plane, { scanId: randomUUID(), project: { id: 'bench' }, trigger: 'nightly', toolVersion: 'bench', inventory: inventory1, findings: findings1 }),
    );

    // Drift: 1% of the tables lose RLS, 0.5% are dropped, 50 are added.
    const changed = Math.max(1, Math.floor(N / 100));
    const dropped = Math.max(1, Math.floor(N / 200));
    const ddl: string[] = [];
    for (let i = 0; i < changed; i++) ddl.push(`alter table public.t_${String(N - 1 - i).padStart(5, '0')} disable row level security;`);
    for (let i = 0; i < dropped; i++) ddl.push(`drop table public.t_${String(N - 1 - changed - i).padStart(5, '0')} cascade;`);
    for (let i = 0; i < 50; i++) ddl.push(`create table public.added_${i} (id uuid primary key);`);
    await project.exec(ddl.join('\n'));

    const [inventory2, introspect2] = await timed(() => introspect(project, { source: 'bench', statementTimeoutMs: 900_000 }));
    const [findings2, rules2] = await timed(() => scanInventory(inventory2, config));
    const scan2 = introspect2 + rules2;
    const [previous, loadMs] = await timed(() => loadPreviousInventory(plane, 'bench'));
    const [drift, driftMs] = await timed(async () => driftFindings(inventory2, previous?.inventory, config));
    const [written, persist2] = await timed(() =>
      writeScan(plane, { scanId: randomUUID(), project: { id: 'bench' }, trigger: 'nightly', toolVersion: 'bench', inventory: inventory2, findings: [...findings2, ...drift] }),
    );

    const rows: [string, number, string][] = [
      ['scan #1 (introspect + rules)', scan1, `introspect ${fmt(introspect1)}, rules ${fmt(rules1)}`],
      ['persist #1 (first write)', persist1, `${objects} objects, ${findings1.length} findings`],
      ['scan #2 (introspect + rules)', scan2, `introspect ${fmt(introspect2)}, rules ${fmt(rules2)}`],
      ['load previous inventory', loadMs, `${flattenInventory(previous!.inventory).length} objects`],
      ['drift rules', driftMs, `${drift.length} drift findings`],
      ['persist #2 (delta write)', persist2, `added ${written.objects.added}, changed ${written.objects.changed}, removed ${written.objects.removed}; findings new ${written.findings.new}, resolved ${written.findings.resolved}`],
    ];
    console.log(`\nops persistence at N = ${N} tables (${objects} inventory objects)\n`);
    for (const [name, ms, note] of rows) console.log(`${name.padEnd(30)} ${fmt(ms).padStart(9)}   ${note}`);
    const first = persist1 / scan1;
    const second = (loadMs + driftMs + persist2) / scan2;
    console.log(`\nratio first scan:  persist / scan = ${first.toFixed(2)}   (target <= 0.50: ${first <= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`ratio second scan: (load + drift + persist) / scan = ${second.toFixed(2)}   (target <= 0.50: ${second <= 0.5 ? 'met' : 'NOT met'})`);
  } finally {
    await project.close();
    await plane.close();
    await admin.exec(`DROP DATABASE IF EXISTS ${projectDb} WITH (FORCE)`);
    await admin.exec(`DROP DATABASE IF EXISTS ${planeDb} WITH (FORCE)`);
    await admin.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
