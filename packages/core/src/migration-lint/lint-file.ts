import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ResolvedConfig } from '../config/schema.js';
import { finalizeFindings } from '../engine/finalize.js';
import { parseSqlFile, SqlSyntaxError, type ParsedStatement } from '../parser/parse.js';
import type { Finding } from '../report/finding.js';
import type { Notice } from '../report/report.js';
import type { RuleFinding, RuleMeta } from '../rules/types.js';
import { decodeMigrationText } from '../text/utf8.js';
import { readSuppressions, scanComments, type Suppression } from './comments.js';
import { bytePositioner, byteToCharMapper } from './positions.js';
import { MIGRATION_RULES, ENGINE_RULES } from './rules/index.js';
import { checkOnce } from './run-rule.js';
import { tableChangesOf, type TableChange } from './table-history.js';
import type { MigrationContext, MigrationFileRef, MigrationFinding, ParsedMigration, SqlComment, TableLookup } from './types.js';

/**
 * One migration file, from its bytes to its finished findings: read, parse, run every rule, apply
 * suppressions, finalize (severity, fingerprint, exemptions). The same code runs in the main
 * thread and in the worker threads (see parallel.ts), so both give the same findings.
 */

/** A file to lint: its place in the migration order and whether its findings are reported. */
export interface FileJob {
  index: number;
  absolute: string;
  reported: boolean;
}

/** What every file's lint shares: plain data, so it can be posted to a worker thread as is. */
export interface LintSettings {
  config: ResolvedConfig;
  /** Every migration file read, in order (MigrationContext.files). */
  files: readonly MigrationFileRef[];
  /** Exemption expiry is judged against this date (ISO), the same for every file. */
  now: string;
}

/** A file's result: plain data (no syntax trees), small enough to post between threads. */
export interface FileOutcome {
  index: number;
  /** Tables the file creates or drops, for the files after it (empty when it did not parse). */
  tables: TableChange[];
  findings: Finding[];
  /** Why an unreported file could not be read or parsed. */
  notice?: Notice;
  /**
   * Set by a worker thread in pull request mode: the pending tables the rules asked about and were
   * told do not exist (the worker does not know the files other threads read); the main thread
   * checks these answers.
   */
  assumedAbsent?: string[];
}

/** The table lookups a file's rules consult (MigrationContext.pendingTables). */
export interface FileLookups {
  pendingTables: TableLookup;
}

/** A file as read: parsed, or the finding that explains why it could not be. */
type LoadedFile =
  | { ok: true; file: ParsedMigration; text: string }
  | { ok: false; path: string; meta: RuleMeta; finding: RuleFinding };

/** Reads, parses and lints one file. `findRollback` is shared by the files of one run (it caches folder listings). */
export function lintJob(job: FileJob, settings: LintSettings, lookups: FileLookups, findRollback: RollbackFinder): FileOutcome {
  const display = settings.files[job.index].path;
  const entry = loadFile(job.absolute, display, findRollback);
  const now = new Date(settings.now);
  if (!entry.ok) {
    if (job.reported) return { index: job.index, tables: [], findings: finalizeFindings([{ meta: entry.meta, findings: [entry.finding] }], settings.config, now) };
    return {
      index: job.index,
      tables: [],
      findings: [],
      notice: { message: `${entry.finding.message} (not part of this change; the tables it creates are unknown to the rules)`, location: entry.finding.location },
    };
  }
  const tables = tableChangesOf(entry.file.statements);
  if (!job.reported) return { index: job.index, tables, findings: [] };
  const context: MigrationContext = { config: settings.config, files: settings.files, ...lookups };
  const produced = new Map<string, { meta: RuleMeta; findings: RuleFinding[] }>();
  for (const { meta, finding } of lintFile(entry.file, entry.text, context)) {
    let group = produced.get(meta.id);
    if (!group) produced.set(meta.id, (group = { meta, findings: [] }));
    group.findings.push(finding);
  }
  return { index: job.index, tables, findings: finalizeFindings([...produced.values()], settings.config, now) };
}

function loadFile(absolute: string, display: string, findRollback: RollbackFinder): LoadedFile {
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
  const decoded = decodeMigrationText(bytes);
  if ('invalid' in decoded) {
    return fail(ENGINE_RULES.unreadableFile, `${display} is not valid UTF-8 text: save it as UTF-8 (PostgreSQL and the Supabase CLI read migrations as UTF-8)`, decoded.invalid.line);
  }
  const { text } = decoded;
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

export type RollbackFinder = (migration: string) => string | undefined;

/**
 * Finds paired rollback files (`<rollback.directory>/<migration file name>`). Each rollback folder is
 * listed once per run (per thread) instead of probing the file system for every migration.
 */
export function rollbackFinder(config: ResolvedConfig): RollbackFinder {
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
