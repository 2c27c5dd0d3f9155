/**
 * Cold start of each built action: from process start to outputs written (the process exits right
 * after writing them), on a target without findings, beside a bare `node -e 0` measured in the same
 * run. Also the bundle sizes: what an action loads at start (its entry plus statically imported
 * chunks), all JavaScript, the WebAssembly/data assets, and the whole shared dist/.
 *
 *   npx tsx bench/action-cold-start.ts [--runs N] [--node PATH] [--actions a,b] [--database-only]   (default: the three database gates, both targets)
 *
 * Targets:
 *   database  `database-url` to a fresh database (Supabase baseline, two tables with RLS and three policies: one a membership sub-select),
 *             on the PostgreSQL server at PK_TEST_DATABASE_URL (default postgres://root@127.0.0.1:5432/postgres)
 *   replay    the same table as a migration, replayed into the embedded PGlite (pays for PGlite)
 * Target of the issue: at most 250 ms over bare node for the database path.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { applySupabaseBaseline, connectServer } from '../packages/core/src/index.js';
import { WORKER_ENTRIES } from '../scripts/build-actions.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] || 0) || 7;
const nodeBinary = args.includes('--node') ? args[args.indexOf('--node') + 1] : process.execPath;
const serverUrl = process.env.PK_TEST_DATABASE_URL ?? 'postgres://root@127.0.0.1:5432/postgres';

const GATE_ACTIONS = ['rls-coverage', 'function-security', 'extensions-schema'];

const CLEAN_SQL = [
  'create table public.notes (id bigint primary key, body text);',
  'alter table public.notes enable row level security;',
  'create policy notes_signed_in on public.notes for insert to authenticated with check ((select auth.uid()) is not null);',
  // A membership lookup, the most common policy shape: a sub-select with its own FROM and WHERE.
  'create table public.members (note_id bigint references public.notes (id) on delete cascade, user_id uuid not null, primary key (note_id, user_id));',
  'alter table public.members enable row level security;',
  'create policy members_self on public.members for select to authenticated using (user_id = (select auth.uid()));',
  'create policy notes_member on public.notes for select to authenticated',
  '  using (exists (select 1 from public.members m where m.note_id = notes.id and m.user_id = (select auth.uid())));',
  '',
].join('\n');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function timeProcess(argv: string[], env: NodeJS.ProcessEnv, cwd: string): { ms: number; status: number | null } {
  const started = process.hrtime.bigint();
  const result = spawnSync(nodeBinary, argv, { env, cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && argv[0] !== '-e') {
    throw new Error(`${argv.join(' ')} exited ${result.status}: ${result.stderr.toString().slice(0, 500)}`);
  }
  return { ms, status: result.status };
}

function runEnv(scratch: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const output = path.join(scratch, 'output');
  const summary = path.join(scratch, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    RUNNER_TEMP: scratch,
  };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

interface Metafile {
  outputs: Record<string, { bytes: number; entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[] }>;
}

// The staged loading every run goes through: the relaunch entry importing the action's main, the
// gate entry importing the engine while the catalog query runs (other dynamic imports are lazy).
const STAGES = /(^|\/)(actions\/[^/]+\/src\/main\.ts|packages\/github\/src\/gate-action\.ts)$/;

/** Bytes of JavaScript an action loads on every run: its entry, static imports and its own stages. */
function startupBytes(metafile: Metafile, entry: string): number {
  const outputs = metafile.outputs;
  const byName = (file: string) => Object.keys(outputs).find((key) => path.basename(key) === path.basename(file))!;
  const seen = new Set<string>();
  const queue = [byName(entry)];
  while (queue.length > 0) {
    const current = queue.pop()!;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const imported of outputs[current].imports) {
      if (imported.external) continue;
      const stage = imported.kind === 'dynamic-import' && STAGES.test(outputs[byName(imported.path)].entryPoint ?? '');
      if (imported.kind === 'import-statement' || stage) queue.push(byName(imported.path));
    }
  }
  return [...seen].reduce((sum, key) => sum + outputs[key].bytes, 0);
}

function dirBytes(dir: string, filter: (name: string) => boolean = () => true): number {
  let total = 0;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) total += dirBytes(full, filter);
    else if (filter(name)) total += stat.size;
  }
  return total;
}

async function main(): Promise<void> {
  const work = mkdtempSync(path.join(os.tmpdir(), 'pk-bench-cold-'));
  const dist = path.join(work, 'dist');
  const metafilePath = path.join(work, 'meta.json');
  execFileSync(process.execPath, [path.join(repoRoot, 'scripts/build-actions.mjs'), '--outdir', dist, '--metafile', metafilePath], { stdio: 'ignore' });
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile;
  const built = readdirSync(dist)
    .filter((f) => f.endsWith('.js') && !f.startsWith('chunk-'))
    .map((f) => f.replace(/\.js$/, ''))
    .filter((name) => !(name in WORKER_ENTRIES))
    .sort();
  // Timed: the database gates (their no-finding target is known here); every bundle gets its size.
  const actions = (args.includes('--actions') ? args[args.indexOf('--actions') + 1].split(',') : GATE_ACTIONS).filter((a) => built.includes(a));

  // A clean database and a clean migrations folder: no finding for any gate.
  const dbName = `pk_bench_cold_${process.pid}`;
  const admin = await connectServer(serverUrl);
  await admin.exec(`DROP DATABASE IF EXISTS "${dbName}"`);
  await admin.exec(`CREATE DATABASE "${dbName}"`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  const db = await connectServer(dbUrl.toString());
  await applySupabaseBaseline(db);
  await db.exec(CLEAN_SQL);
  await db.close();
  const project = path.join(work, 'project');
  mkdirSync(path.join(project, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(project, 'supabase', 'migrations', '20240101000000_init.sql'), CLEAN_SQL);

  try {
    const version = execFileSync(nodeBinary, ['--version'], { encoding: 'utf8' }).trim();
    console.log(`node ${version}, ${runs} runs per figure (median), ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    const bare: number[] = [];
    const rows: { action: string; target: string; ms: number }[] = [];
    // Interleave bare node with the actions so both see the same machine load.
    const scratch = path.join(work, 'scratch');
    const measures: Record<string, number[]> = {};
    const replayRuns = args.includes('--database-only') ? 0 : Math.max(3, Math.ceil(runs / 2));
    for (let i = 0; i < runs; i += 1) {
      bare.push(timeProcess(['-e', '0'], { PATH: process.env.PATH }, work).ms);
      for (const action of actions) {
        rmSync(scratch, { recursive: true, force: true });
        mkdirSync(scratch);
        const key = `${action}|database`;
        (measures[key] ??= []).push(timeProcess([path.join(dist, `${action}.js`)], runEnv(scratch, { 'database-url': dbUrl.toString() }), work).ms);
        const outputs = readFileSync(path.join(scratch, 'output'), 'utf8');
        if (!/^errors<<[^\n]*\n0\n/m.test(outputs)) throw new Error(`${action} found something on the clean database:\n${outputs}`);
      }
      if (i < replayRuns) {
        for (const action of actions) {
          rmSync(scratch, { recursive: true, force: true });
          mkdirSync(scratch);
          const key = `${action}|replay`;
          (measures[key] ??= []).push(timeProcess([path.join(dist, `${action}.js`)], runEnv(scratch, {}), project).ms);
        }
      }
    }
    for (const [key, values] of Object.entries(measures)) {
      const [action, target] = key.split('|');
      rows.push({ action, target, ms: median(values) });
    }
    const bareMs = median(bare);
    console.log(`\nbare \`node -e 0\`: ${bareMs.toFixed(0)} ms\n`);
    console.log('| action | target | median ms | over bare node | ratio | startup JS |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: |');
    for (const row of rows.sort((a, b) => a.target.localeCompare(b.target) || a.action.localeCompare(b.action))) {
      console.log(
        `| ${row.action} | ${row.target} | ${row.ms.toFixed(0)} | ${(row.ms - bareMs).toFixed(0)} | ${(row.ms / bareMs).toFixed(1)}x | ${kib(startupBytes(metafile, `${row.action}.js`))} |`,
      );
    }
    console.log('\n| bundle | startup JS |\n| --- | ---: |');
    for (const name of built) console.log(`| ${name} | ${kib(startupBytes(metafile, `${name}.js`))} |`);
    const js = dirBytes(dist, (name) => name.endsWith('.js'));
    const assets = dirBytes(dist, (name) => /\.(wasm|data|tar\.gz)$/.test(name));
    console.log(`\nsizes: all JavaScript ${mib(js)} (${readdirSync(dist).filter((f) => f.endsWith('.js')).length} files), WebAssembly and data ${mib(assets)}, whole dist/ ${mib(dirBytes(dist))}`);
    console.log('target: database path at most 250 ms over bare node');
  } finally {
    await admin.exec(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
