import { once } from 'node:events';

/**
 * Node 22 and later (GitHub runs actions on Node 24) keep optimising the PostgreSQL parser's
 * WebAssembly in the background after its first few parses, and a process cannot exit before
 * that work ends: measured, a clean rls-coverage run on Node 24 spent 2–2.5 s waiting at exit
 * when it still parsed its policy expressions. V8's `--liftoff-only` avoids it, but from Node 22 on
 * it works only on the command line (set at run time, as core's loadParser does for Node 20, it is
 * ignored), and an action's `runs.main` takes no flags. So the actions that parse on every database
 * run (schema-lint, introspect; see scripts/build-actions.mjs) start themselves again once, with the
 * flag: one extra Node start-up instead of the wait. rls-coverage no longer parses on a clean run
 * (core's parser/catalog-trees.ts). The replay path is left alone: PGlite needs optimised code for
 * long replays.
 *
 * Returns true when the work ran in a child process (its exit code is now this process's).
 */
export async function relaunchedWithBaselineWasm(): Promise<boolean> {
  const major = Number(process.versions.node.split('.')[0]);
  const hasDatabaseUrl = (process.env['INPUT_DATABASE-URL'] ?? '').trim() !== '';
  if (major < 22 || !hasDatabaseUrl || process.execArgv.includes('--liftoff-only') || !process.argv[1]) return false;
  // Imported only when relaunching: loading child_process costs every other start ~15 ms (measured on Node 20).
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, ['--liftoff-only', ...process.execArgv, process.argv[1], ...process.argv.slice(2)], { stdio: 'inherit' });
  // A cancelled job signals this process; pass it on so the child can stop cleanly.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  process.exitCode = code ?? (signal ? 128 + 15 : 1);
  return true;
}
