/**
 * Benchmark: platform-kit migration-lint against squawk (squawk-cli's binary) on the same generated
 * migration set, in the same run. Run with `npx tsx bench/migration-lint-vs-squawk.ts [files] [statementsPerFile] [runs]`.
 * Runs the tools in interleaved rounds and prints the median wall time and CPU time of each and the
 * ratios (ours / squawk; below 1 means faster than squawk). CPU time is the steadier figure on a
 * shared machine; wall time is what a user waits.
 *
 * It also times a floor: a Node process that only parses every file with libpg-query (the parser
 * migration-lint uses) and does nothing else, no rules, no report. No linter built on that parser
 * can be faster than the floor, so its ratio to squawk says how far the parser alone is from the
 * target.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { WORKER_ENTRIES } from '../scripts/build-actions.mjs';
import { defaultConfig, lintMigrations, loadParser } from '../packages/core/src/index.js';

const FILES = Number(process.argv[2] ?? 2000);
const STATEMENTS_PER_FILE = Number(process.argv[3] ?? 25);
const RUNS = Number(process.argv[4] ?? 3);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const squawk = path.join(repoRoot, 'node_modules', '.bin', 'squawk');
const cli = path.join(repoRoot, 'packages', 'cli', 'bin', 'platform-kit.mjs');

/** Varied DDL, safe and unsafe, so every rule has work to do. Deterministic: no randomness. */
function statement(file: number, n: number): string {
  const t = `t_${file}_${n % 7}`;
  const previous = `t_${Math.max(0, file - 1)}_${n % 7}`;
  switch (n % 16) {
    case 0:
      return `CREATE TABLE IF NOT EXISTS public.${t} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n  tenant_id uuid NOT NULL,\n  name varchar(120),\n  created_at timestamp NOT NULL DEFAULT now()\n);`;
    case 1:
      return `ALTER TABLE public.${t} ENABLE ROW LEVEL SECURITY;`;
    case 2:
      return `ALTER TABLE public.${previous} ADD COLUMN IF NOT EXISTS note_${n} text NOT NULL;`;
    case 3:
      return `CREATE INDEX ${t}_name_${n} ON public.${previous} (tenant_id, created_at DESC);`;
    case 4:
      return `DROP POLICY IF EXISTS "tenant read ${n}" ON public.${t};`;
    case 5:
      return `CREATE POLICY "tenant read ${n}" ON public.${t} FOR SELECT TO authenticated USING (tenant_id = (auth.jwt() ->> 'tenant_id')::uuid);`;
    case 6:
      return `CREATE OR REPLACE FUNCTION public.fn_${file}_${n}(p_id bigint) RETURNS text LANGUAGE plpgsql SECURITY DEFINER AS $$\nBEGIN\n  -- a comment inside a body\n  RETURN (SELECT name FROM public.${t} WHERE id = p_id);\nEND\n$$;`;
    case 7:
      return `ALTER TABLE public.${previous} ADD CONSTRAINT fk_${file}_${n} FOREIGN KEY (tenant_id) REFERENCES public.tenants (id);`;
    case 8:
      return `INSERT INTO public.plans (code, name) VALUES ('p${file}_${n}', 'Plan ${n}'), ('q${file}_${n}', 'Plan Q');`;
    case 9:
      return `GRANT SELECT ON public.${t} TO anon, authenticated;`;
    case 10:
      return `ALTER TABLE public.${previous} ALTER COLUMN name TYPE text;`;
    case 11:
      return `CREATE EXTENSION IF NOT EXISTS pg_trgm;`;
    case 12:
      return `-- platform-kit-ignore drop-column: unused since v2\nALTER TABLE public.${previous} DROP COLUMN IF EXISTS legacy_${n};`;
    case 13:
      return `COMMENT ON TABLE public.${t} IS 'Table ${t}: -- not a comment';`;
    case 14:
      return `UPDATE public.${previous} SET name = 'x' WHERE name IS NULL;`;
    default:
      return `CREATE OR REPLACE VIEW public.v_${file}_${n} WITH (security_invoker = true) AS SELECT id, name FROM public.${t} WHERE tenant_id IS NOT NULL;`;
  }
}

function generate(dir: string): number {
  mkdirSync(dir, { recursive: true });
  let count = 0;
  for (let file = 0; file < FILES; file += 1) {
    const lines = [`SET lock_timeout = '5s';`];
    for (let n = 0; n < STATEMENTS_PER_FILE - 1; n += 1) lines.push(statement(file, n));
    count += lines.length;
    writeFileSync(path.join(dir, `${String(20240101000000 + file)}_step_${file}.sql`), `${lines.join('\n\n')}\n`);
  }
  return count;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** CPU seconds used by this process's finished children (Linux /proc: cutime + cstime, in clock ticks). */
function childCpuSeconds(): number {
  if (!existsSync('/proc/self/stat')) return Number.NaN;
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // sysconf(_SC_CLK_TCK) on Linux

interface Measure {
  label: string;
  run: () => Promise<void> | void;
  /** In process: process.cpuUsage; a child process: the children's CPU time. */
  child: boolean;
  wall: number[];
  cpu: number[];
}

async function measureOnce(measure: Measure): Promise<void> {
  const cpuBefore = measure.child ? childCpuSeconds() : process.cpuUsage();
  const start = performance.now();
  await measure.run();
  measure.wall.push((performance.now() - start) / 1000);
  if (measure.child) measure.cpu.push(childCpuSeconds() - (cpuBefore as number));
  else {
    const used = process.cpuUsage(cpuBefore as NodeJS.CpuUsage);
    measure.cpu.push((used.user + used.system) / 1e6);
  }
}

function runProcess(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  // Both tools exit 1 when they find problems (the generated set has plenty); anything else is a failure.
  if (result.status !== 0 && result.status !== 1) throw new Error(`${command} exited ${result.status}: ${result.stderr?.toString().slice(0, 500)}`);
}

/**
 * Bundles the CLI with esbuild into `outdir` (what a user would run from a release, without tsx's
 * start-up and on-the-fly TypeScript compilation), with libpg-query's .wasm beside it. Same
 * settings as scripts/build-actions.mjs: ESM, a banner giving bundled CommonJS code `require` and
 * `__dirname`, shared code split so PGlite stays in a chunk migration-lint never loads.
 */
async function bundleCli(outdir: string): Promise<string> {
  mkdirSync(outdir, { recursive: true });
  await esbuild.build({
    absWorkingDir: repoRoot,
    // main.ts runs the CLI itself when it is the process's entry file (argv[1]), as the bundle is;
    // an entry that also called runCli() would run the command twice.
    // The worker entry sits beside the chunks under the name parallel.ts looks for.
    entryPoints: { cli: path.join(repoRoot, 'packages', 'cli', 'src', 'main.ts'), ...WORKER_ENTRIES },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    logLevel: 'warning',
    external: ['pg-native'],
    banner: {
      js: [
        "import { createRequire as __pkCreateRequire } from 'node:module';",
        "import { fileURLToPath as __pkFileURLToPath } from 'node:url';",
        "import { dirname as __pkDirname } from 'node:path';",
        'const require = __pkCreateRequire(import.meta.url);',
        'const __filename = __pkFileURLToPath(import.meta.url);',
        'const __dirname = __pkDirname(__filename);',
      ].join('\n'),
    },
  });
  const requireFromCore = createRequire(path.join(repoRoot, 'packages', 'core', 'package.json'));
  copyFileSync(path.join(path.dirname(requireFromCore.resolve('libpg-query')), 'libpg-query.wasm'), path.join(outdir, 'libpg-query.wasm'));
  writeFileSync(path.join(outdir, 'package.json'), '{ "type": "module" }\n');
  return path.join(outdir, 'cli.js');
}

/**
 * Writes the floor's script: load libpg-query, parse every migration (read as the linter reads
 * ASCII text), print the statement count to stderr so the parse cannot be optimised away.
 */
function writeParseOnlyScript(dir: string): string {
  const script = path.join(dir, 'parse-only.mjs');
  const core = path.join(repoRoot, 'packages', 'core', 'package.json');
  writeFileSync(
    script,
    [
      "import { readdirSync, readFileSync } from 'node:fs';",
      "import { createRequire } from 'node:module';",
      `const { loadModule, parseSync } = createRequire(${JSON.stringify(core)})('libpg-query');`,
      'await loadModule();',
      "const dir = 'supabase/migrations';",
      'let statements = 0;',
      "for (const name of readdirSync(dir).sort()) statements += parseSync(readFileSync(dir + '/' + name, 'utf8')).stmts.length;",
      'if (statements === 0) process.exitCode = 2;',
      '',
    ].join('\n'),
  );
  return script;
}

const root = mkdtempSync(path.join(tmpdir(), 'pk-bench-migration-lint-'));
try {
  const dir = path.join(root, 'supabase', 'migrations');
  const statements = generate(dir);
  console.log(`migration set: ${FILES} files, ${statements} statements (${root}); median of ${RUNS} runs each`);
  const bundledCli = await bundleCli(path.join(root, 'bundle'));
  const parseOnly = writeParseOnlyScript(root);
  await loadParser();
  const config = defaultConfig();
  let findings = 0;
  const measures: Measure[] = [
    {
      label: 'platform-kit (in process)',
      child: false,
      wall: [],
      cpu: [],
      run: async () => {
        findings = (await lintMigrations({ paths: ['supabase/migrations'], config, cwd: root })).findings.length;
      },
    },
    {
      label: 'platform-kit CLI (process)',
      child: true,
      wall: [],
      cpu: [],
      run: () => runProcess(process.execPath, [cli, 'migration-lint', '--format', 'json'], root),
    },
    {
      label: 'platform-kit bundled CLI',
      child: true,
      wall: [],
      cpu: [],
      run: () => runProcess(process.execPath, [bundledCli, 'migration-lint', '--format', 'json'], root),
    },
    {
      label: 'floor: parse only (process)',
      child: true,
      wall: [],
      cpu: [],
      run: () => runProcess(process.execPath, [parseOnly], root),
    },
    {
      label: 'squawk (process)',
      child: true,
      wall: [],
      cpu: [],
      run: () => runProcess(squawk, ['--reporter', 'json', 'supabase/migrations/*.sql'], root),
    },
  ];
  // Interleaved rounds: a load spike on the shared machine hits every tool, not one.
  for (let round = 0; round < RUNS; round += 1) for (const measure of measures) await measureOnce(measure);
  const [ours, ourCli, ourBundle, floor, reference] = measures;
  for (const m of measures) {
    console.log(
      `${m.label.padEnd(28)} wall median ${median(m.wall).toFixed(2)} s (${m.wall.map((t) => t.toFixed(2)).join(', ')})   cpu median ${median(m.cpu).toFixed(2)} s (${m.cpu.map((t) => t.toFixed(2)).join(', ')})`,
    );
  }
  console.log(`platform-kit findings: ${findings}`);
  const ratio = (a: Measure, b: Measure, key: 'wall' | 'cpu') => (median(a[key]) / median(b[key])).toFixed(2);
  console.log(`ratio in process / squawk:   wall ${ratio(ours, reference, 'wall')}   cpu ${ratio(ours, reference, 'cpu')}`);
  console.log(`ratio bundled CLI / squawk:  wall ${ratio(ourBundle, reference, 'wall')}   cpu ${ratio(ourBundle, reference, 'cpu')}`);
  console.log(`ratio CLI process / squawk:  wall ${ratio(ourCli, reference, 'wall')}   cpu ${ratio(ourCli, reference, 'cpu')}`);
  console.log(`ratio parse-only floor / squawk: wall ${ratio(floor, reference, 'wall')}   cpu ${ratio(floor, reference, 'cpu')}`);
  console.log('(below 1: faster than squawk; the in-process figure excludes Node start-up and the one-time parser load)');
} finally {
  // PK_BENCH_KEEP=1 keeps the migration set and the bundled CLI, to profile them afterwards.
  if (process.env.PK_BENCH_KEEP === '1') console.log(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true });
}
