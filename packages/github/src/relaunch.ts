import { once } from 'node:events';
import path from 'node:path';

/**
 * Node 22 and later (GitHub runs actions on Node 24) keep optimising the PostgreSQL parser's
 * WebAssembly in the background after its first few parses, and a process cannot exit before
 * that work ends: measured, a clean rls-coverage run on Node 24 spent 2–2.5 s waiting at exit
 * when it still parsed its policy expressions. V8's `--liftoff-only` avoids it, but from Node 22 on
 * it works only on the command line (set at run time, as core's loadParser does for Node 20, it is
 * ignored), and an action's `runs.main` takes no flags. So the actions that parse on every database
 * run (schema-lint, introspect; see scripts/build-actions.mjs) start themselves again once, with the
 * flag: one extra Node start-up instead of the wait. The three database gates parse only when a
 * run builds fixes or meets a policy form core's parser/catalog-trees.ts leaves to the parser; they
 * start again at that point (RelaunchRequested, gate-entry.ts), so a clean run pays nothing. The
 * replay path is left alone: PGlite needs optimised code for long replays.
 *
 * Returns true when the work ran in a child process (its exit code is now this process's).
 */
export async function relaunchedWithBaselineWasm(): Promise<boolean> {
  const hasDatabaseUrl = (process.env['INPUT_DATABASE-URL'] ?? '').trim() !== '';
  if (!hasDatabaseUrl || !canRelaunchWithBaselineWasm()) return false;
  await relaunchWithBaselineWasm();
  return true;
}

/**
 * Whether this process would wait at exit after parsing and can start itself again instead: Node 22+
 * without `--liftoff-only`, run as a bundle entry (`entry`, e.g. `rls-coverage.js`, is the file Node
 * was started with: never a test runner's process).
 */
export function canRelaunchWithBaselineWasm(entry?: string): boolean {
  const major = Number(process.versions.node.split('.')[0]);
  const script = process.argv[1];
  if (major < 22 || process.execArgv.includes('--liftoff-only') || !script) return false;
  return entry === undefined || path.basename(script) === entry;
}

/**
 * Thrown where a run finds out it needs the parser (fixes to build, a policy form the catalog trees
 * do not cover) before it has printed anything but masks: the entry then starts the action again
 * under `--liftoff-only` (about 0.1 s of work redone, against the 0.3–2.5 s wait at exit measured
 * on Node 24). See packages/github/src/gate-entry.ts.
 */
export class RelaunchRequested extends Error {
  constructor() {
    super('the parser is needed: starting again under --liftoff-only');
    this.name = 'RelaunchRequested';
  }
}

/** Runs this process's command line again under `--liftoff-only`; its exit code becomes this process's. */
export async function relaunchWithBaselineWasm(): Promise<void> {
  // Imported only when relaunching: loading child_process costs every other start ~15 ms (measured on Node 20).
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--liftoff-only', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  // A cancelled job signals this process; pass it on so the child can stop cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  process.exitCode = code ?? (signal ? 128 + 15 : 1);
}
