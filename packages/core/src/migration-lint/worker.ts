import { parentPort, workerData } from 'node:worker_threads';
import { loadParser } from '../parser/parse.js';
import { lintClaimedBatches, type BatchInput } from './batches.js';
import { rollbackFinder, type FileOutcome } from './lint-file.js';

/**
 * A migration-lint worker thread (started by parallel.ts; bundled as dist/migration-lint-worker.js):
 * it runs the shared batch loop (batches.ts) and posts each batch's outcomes to the main thread.
 */
export type WorkerMessage = { kind: 'outcomes'; outcomes: FileOutcome[] } | { kind: 'done' } | { kind: 'error'; message: string };

async function main(port: NonNullable<typeof parentPort>, input: BatchInput): Promise<void> {
  await loadParser();
  lintClaimedBatches(input, rollbackFinder(input.settings.config), (outcomes) => port.postMessage({ kind: 'outcomes', outcomes } satisfies WorkerMessage));
  port.postMessage({ kind: 'done' } satisfies WorkerMessage);
}

if (parentPort) {
  const port = parentPort;
  main(port, workerData as BatchInput).catch((error: unknown) => {
    port.postMessage({ kind: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies WorkerMessage);
  });
}
