import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadParser } from '../parser/parse.js';
import { lintClaimedBatches, type BatchInput } from './batches.js';
import { rollbackFinder, type FileJob, type FileOutcome, type LintSettings } from './lint-file.js';
import type { WorkerMessage } from './worker.js';

/**
 * Lints migration files on worker threads, one per core. Parsing (libpg-query's WebAssembly and the
 * decoding of its JSON syntax trees) is most of migration-lint's work, and every file parses on its
 * own, so the files can be split between threads (whether that pays depends on the cores: see
 * MIN_CORES). Findings do not depend on which thread linted a file: the main thread merges the
 * outcomes in file order (see batches.ts for the facts that cross files).
 */

/**
 * Below this many files per worker, starting workers (each loads its code and compiles the parser's
 * WebAssembly, about 0.1 s of CPU from the bundle) costs more than the files take in one thread.
 */
export const MIN_FILES_PER_WORKER = 40;
const MAX_WORKERS = 8;

/**
 * Threads only from this many cores up. Measured on a 2-vCPU machine (2,000 files, bundled CLI):
 * two threads took the same wall time as one (two busy threads there each ran at about 0.7 × the
 * speed of one alone) and 20–25 % more CPU, so two cores lint in one thread. Machines with more
 * cores were not available to measure; the findings are the same either way (see the tests).
 */
export const MIN_CORES = 3;

/** Files a worker claims at a time: small enough to balance, large enough to keep messages few. */
const BATCH_SIZE = 8;

/**
 * A larger young generation than V8's default for the workers: a file's syntax trees die young, and
 * with more room they die before a scavenge has to copy them (measured: fewer, cheaper collections).
 */
const YOUNG_GENERATION_MB = 48;

/** How many worker threads to use for `files` files (0 or 1: lint in the calling thread). */
export function workerCount(files: number, requested?: number): number {
  if (requested !== undefined) return requested <= 1 ? 0 : Math.min(requested, files);
  return defaultThreads(files, availableParallelism());
}

/** The default for `files` files on `cores` cores (exported for the tests: the machine's count varies). */
export function defaultThreads(files: number, cores: number): number {
  if (cores < MIN_CORES) return 0;
  const workers = Math.min(cores, Math.floor(files / MIN_FILES_PER_WORKER), MAX_WORKERS);
  return workers >= 2 ? workers : 0;
}

/**
 * Where a worker starts. From the TypeScript sources (tests, the `platform-kit` bin, tsx) Node cannot
 * load worker.ts by itself, so a two-line bootstrap registers tsx's loader in the worker first; from
 * the esbuild bundle (dist/, scripts/build-actions.mjs) the worker is its own entry beside the chunks.
 * Undefined when neither is available: the caller lints in its own thread.
 */
function workerEntry(): URL | undefined {
  const here = import.meta.url;
  if (here.endsWith('.ts')) {
    let tsx: string;
    try {
      tsx = import.meta.resolve('tsx/esm/api');
    } catch {
      return undefined;
    }
    const worker = new URL('./worker.ts', here).href;
    const code = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(worker)});\n`;
    return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
  }
  const bundled = new URL('./migration-lint-worker.js', here);
  return existsSync(fileURLToPath(bundled)) ? bundled : undefined;
}

/**
 * Lints every job on `threads` threads: this one and `threads - 1` workers, all claiming batches
 * from one shared counter; the parser is loaded in this thread when it returns. Returns the
 * outcomes indexed by job, or undefined if the workers could not run or one failed: the caller then
 * lints in its own thread, which gives the same findings or throws the same error the
 * single-threaded path always has.
 */
export async function lintInWorkers(jobs: readonly FileJob[], settings: LintSettings, pending: boolean, threads: number): Promise<FileOutcome[] | undefined> {
  const entry = workerEntry();
  if (!entry) return undefined;
  const input: BatchInput = { settings, jobs: [...jobs], next: new Int32Array(new SharedArrayBuffer(4)), batchSize: BATCH_SIZE, pending };
  const outcomes: FileOutcome[] = new Array(jobs.length);
  const keep = (batch: FileOutcome[]) => {
    for (const outcome of batch) outcomes[outcome.index] = outcome;
  };
  const workers: Worker[] = [];
  try {
    for (let i = 1; i < threads; i += 1) {
      workers.push(new Worker(entry, { workerData: input, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } }));
    }
    const finished = workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.on('message', (message: WorkerMessage) => {
            if (message.kind === 'outcomes') keep(message.outcomes);
            else if (message.kind === 'done') resolve();
            else reject(new Error(message.message));
          });
          worker.on('error', reject);
          worker.on('exit', (code) => reject(new Error(`migration-lint worker exited (code ${code}) before it finished`)));
        }),
    );
    // A failed worker must not leave an unhandled rejection while this thread is still busy.
    for (const done of finished) done.catch(() => undefined);
    // This thread lints too, while the workers start: it is one of the `threads`.
    await loadParser();
    lintClaimedBatches(input, rollbackFinder(settings.config), keep);
    await Promise.all(finished);
  } catch {
    for (const worker of workers) void worker.terminate();
    return undefined;
  }
  // Done workers exit on their own; they must not keep the process alive meanwhile.
  for (const worker of workers) worker.unref();
  return outcomes;
}
