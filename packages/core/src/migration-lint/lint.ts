import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config/schema.js';
import { finalizeFindings } from '../engine/finalize.js';
import { loadParser, parseSqlFile, SqlSyntaxError, type ParsedStatement } from '../parser/parse.js';
import { buildReport, type Notice, type Report } from '../report/report.js';
import type { RuleFinding, RuleMeta } from '../rules/types.js';
import { readSuppressions, scanComments, type Suppression } from './comments.js';
import { changedFiles, expandMigrationPaths } from './files.js';
import { bytePositioner, byteToCharMapper } from './positions.js';
import { MIGRATION_RULES, ENGINE_RULES } from './rules/index.js';
import { checkOnce } from './run-rule.js';
import { TableHistory } from './table-history.js';
import type { MigrationContext, MigrationFileRef, MigrationFinding, ParsedMigration, SqlComment, TableLookup } from './types.js';

export interface LintMigrationsOptions {
  /** Migration files or folders (folders expand to `<version>_<name>.sql` files, like the Supabase CLI). */
  paths: readonly string[];
  config: ResolvedConfig;
  /** Folder paths are resolved against and reported relative to (default: process.cwd()). */
  cwd?: string;
  /** Pull request mode: report only the files changed since the merge base of `baseRef` (all files are still read). */
  changedOnly?: { baseRef: string; cwd?: string };
  now?: Date;
}

const NO_TABLES: TableLookup = { has: () => false };
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A file as read: parsed, or the finding that explains why it could not be. */
type LoadedFile =
  | { ok: true; file: ParsedMigration; text: string }
  | { ok: false; path: string; meta: RuleMeta; finding: RuleFinding };

/**
 * Lints migration files with the PostgreSQL parser. Every file is read (so rules know which tables
 * earlier migrations created); findings are reported for the selected files only. A file that does
 * not parse or is not UTF-8 text becomes a finding; the others are still linted.
 */
export async function lintMigrations(options: LintMigrationsOptions): Promise<Report> {
  await loadParser();
  const cwd = options.cwd ?? process.cwd();
  const { config } = options;
  const excluded = config.migrationLint.exclude.length > 0 ? picomatch(config.migrationLint.exclude, { dot: true }) : undefined;
  const all = expandMigrationPaths(options.paths, cwd).filter((file) => !excluded?.(relativePath(cwd, file)));
  const changed = options.changedOnly ? changedFiles(options.changedOnly.baseRef, options.changedOnly.cwd ?? cwd) : undefined;
  const isReported = (absolute: string) => !changed || changed.has(realpath(absolute));

  const notices: Notice[] = [];
  const produced = new Map<string, { meta: RuleMeta; findings: RuleFinding[] }>();
  const add = (meta: RuleMeta, finding: RuleFinding) => {
    let entry = produced.get(meta.id);
    if (!entry) produced.set(meta.id, (entry = { meta, findings: [] }));
    entry.findings.push(finding);
  };

  // Files are read in order and dropped once linted: the syntax trees of a large history would
  // otherwise stay in memory together (and garbage collection would dominate the run). What later
  // files need from earlier ones, the tables they created, is kept in `history`.
  const files: MigrationFileRef[] = all.map((absolute) => ({ path: relativePath(cwd, absolute), name: path.basename(absolute) }));
  const reportedIndexes = new Set(all.flatMap((absolute, index) => (isReported(absolute) ? [index] : [])));
  const history = new TableHistory();
  const findRollback = rollbackFinder(config);
  let linted = 0;
  all.forEach((absolute, index) => {
    const reported = reportedIndexes.has(index);
    const entry = loadFile(absolute, files[index].path, findRollback);
    if (reported) linted += 1;
    if (!entry.ok) {
      if (reported) add(entry.meta, entry.finding);
      else notices.push({ message: `${entry.finding.message} (not part of this change; the tables it creates are unknown to the rules)`, location: entry.finding.location });
      return;
    }
    history.record(index, entry.file.statements);
    if (!reported) return;
    const context: MigrationContext = {
      config,
      files,
      tablesBefore: history.before(index),
      pendingTables: changed ? history.before(index, reportedIndexes) : NO_TABLES,
    };
    for (const { meta, finding } of lintFile(entry.file, entry.text, context)) add(meta, finding);
  });
  if (all.length === 0) notices.push({ message: `no migration files found in ${options.paths.join(', ')}` });
  else if (changed && linted === 0) {
    notices.push({ message: `no migration file changed since ${options.changedOnly!.baseRef}` });
  }

  const findings = finalizeFindings([...produced.values()], config, options.now);
  return buildReport({
    command: 'migration-lint',
    target: { kind: 'files', description: options.paths.join(', ') },
    findings,
    notices,
    details: { filesRead: all.length, filesLinted: linted, ...(changed ? { baseRef: options.changedOnly!.baseRef } : {}) },
  });
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

function loadFile(absolute: string, display: string, findRollback: (migration: string) => string | undefined): LoadedFile {
  const fail = (meta: RuleMeta, message: string, line = 1, column = 1): LoadedFile => ({
    ok: false,
    path: display,
    meta,
    finding: {
      object: { kind: 'file', schema: '', name: display, discriminator: display },
      message,
      location: { file: display, line, column },
    },
  });
  const bytes = readFileSync(absolute);
  if (bytes.includes(0)) return fail(ENGINE_RULES.unreadableFile, `${display} is a binary file (it holds NUL bytes), not SQL text`);
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return fail(ENGINE_RULES.unreadableFile, `${display} is not valid UTF-8 text: save it as UTF-8 (PostgreSQL and the Supabase CLI read migrations as UTF-8)`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // a byte-order mark: editors do not count it as a column
  let statements: ParsedStatement[];
  try {
    statements = parseSqlFile(text);
  } catch (error) {
    if (!(error instanceof SqlSyntaxError)) throw error;
    const { line, column } = error;
    return fail(ENGINE_RULES.syntaxError, `syntax error: ${error.message}`, line, column);
  }
  const byteToChar = byteToCharMapper(text);
  const comments: SqlComment[] = scanComments(text, statements);
  let rollbackFile: string | null | undefined;
  return {
    ok: true,
    text,
    file: {
      path: display,
      name: path.basename(absolute),
      statements,
      comments,
      findRollbackFile: () => {
        if (rollbackFile === undefined) rollbackFile = findRollback(absolute) ?? null;
        return rollbackFile ?? undefined;
      },
      positionOfByte: bytePositioner(text, byteToChar),
    },
  };
}

/**
 * Finds paired rollback files (`<rollback.directory>/<migration file name>`). Each rollback folder is
 * listed once per run instead of probing the file system for every migration.
 */
function rollbackFinder(config: ResolvedConfig): (migration: string) => string | undefined {
  const listings = new Map<string, Set<string>>();
  return (migration) => {
    if (config.migrationLint.rollback.form === 'comment') return undefined;
    const folder = path.resolve(path.dirname(migration), config.migrationLint.rollback.directory);
    let names = listings.get(folder);
    if (!names) {
      names = new Set(existsSync(folder) && statSync(folder).isDirectory() ? readdirSync(folder) : []);
      listings.set(folder, names);
    }
    const name = path.basename(migration);
    return names.has(name) ? path.join(folder, name) : undefined;
  };
}

let knownIds: Set<string> | undefined;
const KNOWN_IDS = () => (knownIds ??= new Set([...MIGRATION_RULES.map((r) => r.meta.id), ...Object.values(ENGINE_RULES).map((m) => m.id)]));

/** Runs every rule on one file and applies its suppressions. */
function lintFile(file: ParsedMigration, text: string, context: MigrationContext): { meta: RuleMeta; finding: RuleFinding }[] {
  const out: { meta: RuleMeta; finding: RuleFinding }[] = [];
  const suppressions = file.comments.length > 0 ? readSuppressions(file.comments, file.statements, text) : [];
  const known = KNOWN_IDS();
  suppressions.forEach((suppression, index) => out.push(...suppressionProblems(file, suppression, index, known)));
  const occurrences = new Map<string, number>();
  for (const rule of MIGRATION_RULES) {
    if (context.config.rules[rule.meta.id] === 'off') continue;
    for (const finding of checkOnce(rule, file, context)) {
      if (isSuppressed(suppressions, rule.meta.id, finding)) continue;
      out.push({ meta: rule.meta, finding: locate(file, rule.meta.id, finding, occurrences) });
    }
  }
  return out;
}

function isSuppressed(suppressions: readonly Suppression[], ruleId: string, finding: MigrationFinding): boolean {
  return suppressions.some(
    (s) =>
      s.reason !== '' &&
      s.ruleIds.includes(ruleId) &&
      (s.scope === 'file' || (finding.statement !== undefined && s.statement === finding.statement)),
  );
}

function suppressionProblems(file: ParsedMigration, suppression: Suppression, index: number, known: Set<string>): { meta: RuleMeta; finding: RuleFinding }[] {
  const problems: { meta: RuleMeta; finding: RuleFinding }[] = [];
  const location = { file: file.path, line: suppression.comment.line, column: suppression.comment.column };
  // Identity: the file and the directive's rank among the file's directives (not its line, which moves).
  const object = (suffix: string) => ({ kind: 'statement' as const, schema: '', name: file.path, discriminator: `${index}:${suffix}` });
  const directive = suppression.scope === 'file' ? 'platform-kit-ignore-file' : 'platform-kit-ignore';
  if (suppression.ruleIds.length === 0) {
    problems.push({
      meta: ENGINE_RULES.suppressionUnknownRule,
      finding: { object: object(''), location, message: `${directive} names no rule: write "-- ${directive} <rule-id>: <reason>"` },
    });
  }
  for (const id of suppression.ruleIds.filter((id) => !known.has(id))) {
    problems.push({
      meta: ENGINE_RULES.suppressionUnknownRule,
      finding: { object: object(id), location, message: `${directive} names an unknown rule "${id}" (see \`platform-kit rules\`)` },
    });
  }
  if (suppression.reason === '') {
    problems.push({
      meta: ENGINE_RULES.suppressionWithoutReason,
      finding: {
        object: object(suppression.ruleIds.join(',')),
        location,
        message: `${directive} ${suppression.ruleIds.join(', ')} gives no reason, so it suppresses nothing: add ": <why this is safe>"`,
      },
    });
  }
  return problems;
}

/** Turns a rule's finding into a located one with a stable identity (file, object, occurrence). */
function locate(file: ParsedMigration, ruleId: string, finding: MigrationFinding, occurrences: Map<string, number>): RuleFinding {
  const position =
    finding.byteLocation !== undefined && finding.byteLocation >= 0
      ? file.positionOfByte(finding.byteLocation)
      : finding.statement
        ? { line: finding.statement.line, column: finding.statement.column }
        : { line: 1, column: 1 };
  const identity = `${ruleId}\0${finding.object.schema}\0${finding.object.table ?? ''}\0${finding.object.name}`;
  const occurrence = occurrences.get(identity) ?? 0;
  occurrences.set(identity, occurrence + 1);
  return {
    object: { kind: 'statement', ...finding.object, discriminator: `${file.path}#${occurrence}` },
    message: finding.message,
    location: { file: file.path, line: position.line, column: position.column },
  };
}
