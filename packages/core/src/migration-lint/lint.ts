import { realpathSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/schema.js';
import { loadParser } from '../parser/parse.js';
import { buildReport, type Notice, type Report } from '../report/report.js';
import { changedFiles, expandMigrationPaths } from './files.js';
import { lintJob, rollbackFinder, type FileJob, type FileLookups, type FileOutcome, type LintSettings } from './lint-file.js';
import { lintInWorkers, workerCount } from './parallel.js';
import { TableHistory } from './table-history.js';
import type { MigrationFileRef, TableLookup } from './types.js';

export interface LintMigrationsOptions {
  /** Migration files or folders (folders expand to `<version>_<name>.sql` files, like the Supabase CLI). */
  paths: readonly string[];
  config: ResolvedConfig;
  /** Folder paths are resolved against and reported relative to (default: process.cwd()). */
  cwd?: string;
  /** Pull request mode: report only the files changed since the merge base of `baseRef` (all files are still read). */
  changedOnly?: { baseRef: string; cwd?: string };
  now?: Date;
  /**
   * Worker threads to lint with (default: one per core once there are enough files to pay for
   * starting them; 0 or 1: the calling thread only). The findings are the same either way.
   */
  threads?: number;
}

const NO_TABLES: TableLookup = { has: () => false };

/**
 * Lints migration files with the PostgreSQL parser. Every file is read (so rules know which tables
 * earlier migrations created); findings are reported for the selected files only. A file that does
 * not parse or is not UTF-8 text becomes a finding; the others are still linted.
 */
export async function lintMigrations(options: LintMigrationsOptions): Promise<Report> {
  const cwd = options.cwd ?? process.cwd();
  const { config } = options;
  const excluded = config.migrationLint.exclude.length > 0 ? picomatch(config.migrationLint.exclude, { dot: true }) : undefined;
  const all = expandMigrationPaths(options.paths, cwd).filter((file) => !excluded?.(relativePath(cwd, file)));
  const changed = options.changedOnly ? changedFiles(options.changedOnly.baseRef, options.changedOnly.cwd ?? cwd) : undefined;

  const files: MigrationFileRef[] = all.map((absolute) => ({ path: relativePath(cwd, absolute), name: path.basename(absolute) }));
  const jobs: FileJob[] = all.map((absolute, index) => ({ index, absolute, reported: !changed || changed.has(realpath(absolute)) }));
  const reportedIndexes = new Set(jobs.flatMap((job) => (job.reported ? [job.index] : [])));
  const settings: LintSettings = { config, files, now: (options.now ?? new Date()).toISOString() };
  const history = new TableHistory();
  const lookupsFor = (index: number) => ({ pendingTables: changed ? history.before(index, reportedIndexes) : NO_TABLES });

  const findRollback = rollbackFinder(config);
  const threads = workerCount(jobs.length, options.threads);
  const parallel = threads > 0 ? await lintInWorkers(jobs, settings, changed !== undefined, threads) : undefined;
  let outcomes: FileOutcome[];
  if (parallel) {
    // lintInWorkers linted in this thread too, so the parser is loaded here. A file whose worker
    // guessed a table's absence wrongly is linted again, with the real table lookups.
    for (const outcome of parallel) history.apply(outcome.index, outcome.tables);
    outcomes = parallel.map((outcome) =>
      answersHold(outcome, lookupsFor(outcome.index)) ? outcome : lintJob(jobs[outcome.index], settings, lookupsFor(outcome.index), findRollback),
    );
  } else {
    // One thread, in order: each file's syntax trees are dropped once it is linted (a large
    // history's trees would otherwise stay in memory together); what later files need from earlier
    // ones, the tables they create, is kept in `history`.
    await loadParser();
    outcomes = jobs.map((job) => {
      const outcome = lintJob(job, settings, lookupsFor(job.index), findRollback);
      history.apply(job.index, outcome.tables);
      return outcome;
    });
  }

  const notices: Notice[] = outcomes.flatMap((outcome) => (outcome.notice ? [outcome.notice] : []));
  const linted = reportedIndexes.size;
  if (all.length === 0) notices.push({ message: `no migration files found in ${options.paths.join(', ')}` });
  else if (changed && linted === 0) {
    notices.push({ message: `no migration file changed since ${options.changedOnly!.baseRef}` });
  }

  return buildReport({
    command: 'migration-lint',
    target: { kind: 'files', description: options.paths.join(', ') },
    findings: outcomes.flatMap((outcome) => outcome.findings),
    notices,
    details: { filesRead: all.length, filesLinted: linted, ...(changed ? { baseRef: options.changedOnly!.baseRef } : {}) },
  });
}

/** Whether every pending table a worker was told does not exist really did not exist as the file started. */
function answersHold(outcome: FileOutcome, lookups: FileLookups): boolean {
  return !outcome.assumedAbsent?.some((key) => lookups.pendingTables.has(key));
}

function relativePath(cwd: string, absolute: string): string {
  const relative = path.relative(cwd, absolute);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative).split(path.sep).join('/');
}

function realpath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
