/**
 * Benchmark: what the control plane adds to a scan. On a generated N-table Supabase-style project
 * (default 10,000 tables), in the same run:
 *   scan        introspection + every inventory rule (the scan's own time, the reference)
 *   persist #1  the first scan written to `ops`: the inventory flattened and hashed (counted here:
 *               nothing before the write needs the hashes), every object inserted, findings new
 *   load        the previous inventory read back from `ops` (identities, hashes, attribute texts)
 *   drift       the current inventory flattened against the stored texts (an object whose JSON text
 *               is unchanged reuses its stored hash) + the drift rules against a changed project
 *   persist #2  the second scan written (only new, changed and removed objects touched — unchanged
 *               ones cost nothing, their "last seen" is derived in ops.inventory_object_lineage;
 *               the stored hashes read by load are reused; every finding recorded as
 *               new/persisting/resolved)
 * This is the path persistScan takes (loadPreviousInventory, driftAgainst, writeScan).
 * Target (issue 4): persistence adds at most half of the scan's own time, i.e.
 * persist #1 / scan <= 0.5 and (load previous + drift + persist #2) / scan <= 0.5.
 *
 * Wall-time ratios are printed, and beside them CPU-time ratios (this process plus the PostgreSQL
 * backend of the connection doing the work, read from /proc when the server is on this machine):
 * on a shared machine the CPU ratio moves less than the wall ratio.
 *
 *   npx tsx bench/ops-persistence.ts          # N = 10000
 *   npx tsx bench/ops-persistence.ts 1000     # another size
 *
 * Uses PK_BENCH_DATABASE_URL (else PK_TEST_DATABASE_URL, else postgres://root@127.0.0.1:5432/postgres)
 * to create a project database and a control-plane database, dropped afterwards.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { connectServer } from '../packages/core/src/db/server.js';
import type { Db } from '../packages/core/src/db/port.js';
import { applySupabaseBaseline } from '../packages/core/src/baseline/apply.js';
import { introspect } from '../packages/core/src/inventory/introspect.js';
import { defaultConfig } from '../packages/core/src/config/schema.js';
import { migrateOps } from '../packages/core/src/ops/migrate.js';
import { driftAgainst, loadPreviousInventory, writeScan } from '../packages/core/src/ops/write-scan.js';
import { scanInventory } from '../packages/core/src/ops/remediation.js';
import { flattenInventory } from '../packages/core/src/ops/inventory-objects.js';
import { supabaseSchemaChunks } from './lib/supabase-schema.js';

const adminUrl = process.env.PK_BENCH_DATABASE_URL ?? process.env.PK_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const N = Number(process.argv[2] ?? 10_000);

function urlFor(database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

interface Cost {
  wallMs: number;
  /** This process plus the PostgreSQL backend doing the work; NaN when the backend is not local. */
  cpuMs: number;
}

/** CPU milliseconds of a local process (Linux /proc: utime + stime, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  if (!existsSync(`/proc/${pid}/stat`)) return Number.NaN;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function selfCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function backendPid(db: Db): Promise<number> {
  return (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
}

/** Wall and CPU time of fn, the CPU of `backend` (a server process id) included. */
async function timed<T>(backend: number, fn: () => Promise<T>): Promise<[T, Cost]> {
  const wall = performance.now();
  const cpu = selfCpuMs() + processCpuMs(backend);
  const value = await fn();
  return [value, { wallMs: performance.now() - wall, cpuMs: selfCpuMs() + processCpuMs(backend) - cpu }];
}

const plus = (...costs: Cost[]): Cost => ({
  wallMs: costs.reduce((sum, c) => sum + c.wallMs, 0),
  cpuMs: costs.reduce((sum, c) => sum + c.cpuMs, 0),
});

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
    const generateStart = performance.now();
    await applySupabaseBaseline(project);
    // Small chunks: each is one implicit transaction, and the lock table is shared with the whole cluster.
    for (const chunk of supabaseSchemaChunks(N, 50)) await project.exec(chunk);
    // Fresh catalog statistics, as autovacuum would have them on a real project.
    await project.exec('ANALYZE');
    process.stdout.write(`${fmt(performance.now() - generateStart)}\n`);
    await migrateOps(plane);
    const projectPid = await backendPid(project);
    const planePid = await backendPid(plane);

    // Scan #1: the reference.
    const [inventory1, introspect1] = await timed(projectPid, () => introspect(project, { source: 'bench', statementTimeoutMs: 900_000 }));
    const [findings1, rules1] = await timed(projectPid, () => scanInventory(inventory1, config));
    const scan1 = plus(introspect1, rules1);
    // The inventory is flattened (and hashed) inside writeScan, so inside the timing.
    const [written1, persist1] = await timed(planePid, () =>
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

    const [inventory2, introspect2] = await timed(projectPid, () => introspect(project, { source: 'bench', statementTimeoutMs: 900_000 }));
    const [findings2, rules2] = await timed(projectPid, () => scanInventory(inventory2, config));
    const scan2 = plus(introspect2, rules2);
    // persistScan's path: read back, drift against it, write reusing what was read.
    const [previous, load] = await timed(planePid, () => loadPreviousInventory(plane, 'bench'));
    const [drift, driftCost] = await timed(planePid, async () => driftAgainst(inventory2, previous, config));
    const [written, persist2] = await timed(planePid, () =>
      writeScan(plane, { scanId: randomUUID(), project: { id: 'bench' }, trigger: 'nightly', toolVersion: 'bench', inventory: inventory2, findings: [...findings2, ...drift], previous }),
    );

    const rows: [string, Cost, string][] = [
      ['scan #1 (introspect + rules)', scan1, `introspect ${fmt(introspect1.wallMs)}, rules ${fmt(rules1.wallMs)}`],
      ['persist #1 (first write)', persist1, `${written1.objects.total} objects, ${findings1.length} findings`],
      ['scan #2 (introspect + rules)', scan2, `introspect ${fmt(introspect2.wallMs)}, rules ${fmt(rules2.wallMs)}`],
      ['load previous inventory', load, `${flattenInventory(previous!.inventory).length} objects`],
      ['drift (flatten + rules)', driftCost, `${drift.length} drift findings`],
      ['persist #2 (delta write)', persist2, `added ${written.objects.added}, changed ${written.objects.changed}, removed ${written.objects.removed}; findings new ${written.findings.new}, resolved ${written.findings.resolved}`],
    ];
    console.log(`\nops persistence at N = ${N} tables (${written1.objects.total} inventory objects), load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}\n`);
    console.log(`${''.padEnd(30)} ${'wall'.padStart(9)} ${'cpu'.padStart(9)}`);
    for (const [name, cost, note] of rows) console.log(`${name.padEnd(30)} ${fmt(cost.wallMs).padStart(9)} ${fmt(cost.cpuMs).padStart(9)}   ${note}`);
    const second = plus(load, driftCost, persist2);
    const verdict = (ratio: number) => (ratio <= 0.5 ? 'met' : 'NOT met');
    const line = (label: string, part: Cost, scan: Cost) => {
      const wall = part.wallMs / scan.wallMs;
      const cpu = part.cpuMs / scan.cpuMs;
      console.log(`${label} = ${wall.toFixed(2)} wall (target <= 0.50: ${verdict(wall)})${Number.isNaN(cpu) ? '' : `, ${cpu.toFixed(2)} cpu`}`);
    };
    console.log('');
    line('ratio first scan:  persist / scan                ', persist1, scan1);
    line('ratio second scan: (load + drift + persist) / scan', second, scan2);
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
