import { lintJob, type FileJob, type FileOutcome, type LintSettings, type RollbackFinder } from './lint-file.js';
import type { TableLookup } from './types.js';

/**
 * The work loop every linting thread runs (the workers and the main thread alike): claim the next
 * batch of files from a counter shared by all threads, lint it, hand the outcomes on. A thread that
 * drew short files simply claims more batches; nobody hands work out.
 *
 * Cross-file facts: in pull request mode a file's rules may ask which tables earlier files of the
 * same change created (pendingTables). Those files may be linted by another thread, so the loop
 * answers "no such table" and records every name it was asked about; the main thread, which puts every file's table changes in order, checks
 * the answers and lints again, in order, any file where one was wrong.
 */
export interface BatchInput {
  settings: LintSettings;
  jobs: FileJob[];
  /** Int32Array over a SharedArrayBuffer: index of the next unclaimed job. */
  next: Int32Array;
  batchSize: number;
  /** Whether pendingTables is consulted (pull request mode); otherwise it is always empty. */
  pending: boolean;
}

const NO_TABLES: TableLookup = { has: () => false };

/** A lookup that answers false and remembers what it was asked. */
function recording(): TableLookup & { asked: string[] } {
  const asked: string[] = [];
  return { asked, has: (key) => (asked.push(key), false) };
}

/** Lints claimed batches until none is left; `emit` receives each batch's outcomes. */
export function lintClaimedBatches(input: BatchInput, findRollback: RollbackFinder, emit: (outcomes: FileOutcome[]) => void): void {
  for (;;) {
    const start = Atomics.add(input.next, 0, input.batchSize);
    if (start >= input.jobs.length) return;
    const outcomes: FileOutcome[] = [];
    const end = Math.min(start + input.batchSize, input.jobs.length);
    for (let i = start; i < end; i += 1) {
      const pendingTables = input.pending ? recording() : undefined;
      const outcome = lintJob(input.jobs[i], input.settings, { pendingTables: pendingTables ?? NO_TABLES }, findRollback);
      if (pendingTables && pendingTables.asked.length > 0) outcome.assumedAbsent = pendingTables.asked;
      outcomes.push(outcome);
    }
    emit(outcomes);
  }
}
