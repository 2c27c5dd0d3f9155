import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { Db } from '../db/port.js';
import { quoteIdent } from '../db/port.js';
import { openBaseline, SUPABASE_DEFAULT_EXTENSIONS } from '../baseline/embedded-baseline.js';
import { introspect } from '../inventory/introspect.js';
import type { Inventory } from '../inventory/schema.js';
import { inputError, PlatformKitError } from '../errors.js';
import { decodeMigrationText } from '../text/utf8.js';
import { loadParser, nodeType, parseSqlFile, SqlSyntaxError, type ParsedStatement } from '../parser/parse.js';
import type { Notice } from '../report/report.js';
import { discoverMigrations, MIGRATION_FILE_PATTERN, type MigrationFile } from './discover.js';
import { ProvenanceLog } from './provenance.js';
import { locateInventory } from './locate.js';
import { blameSkippedExtension, embeddable, footprintNames, identifiersOf, standInSchemas } from './unsupported-extensions.js';
import { withoutColumns } from './strip-columns.js';

/**
 * The migrations replay (§1.2 without a database): a Supabase project's migrations applied to an
 * embedded PostgreSQL on top of the Supabase baseline, the way the Supabase CLI applies them (file
 * name order, one transaction per file), then introspected. Every object remembers the file and
 * line that created or last altered it.
 */
export interface ReplayOptions {
  /** Locations are written relative to this directory (default: the working directory), with `/`. */
  root?: string;
  /** Return the embedded database open (the caller must close it) instead of closing it. */
  keepOpen?: boolean;
}

export interface ReplayResult {
  inventory: Inventory;
  notices: Notice[];
  /** The migration files applied, as written in locations. */
  files: string[];
  /** Present when `keepOpen` was set: the replayed database, for applying more SQL and scanning again. */
  db?: Db & { pglite: PGlite };
  /** Where each object came from; `locateInventory(introspect(db), provenance)` re-locates a later scan of `db`. */
  provenance: ProvenanceLog;
}

interface LoadedFile {
  file: MigrationFile;
  /** As written in locations and messages. */
  display: string;
  text: string;
  statements: ParsedStatement[];
}

export async function replayMigrations(dir: string, options: ReplayOptions = {}): Promise<ReplayResult> {
  const root = options.root ?? process.cwd();
  const display = (p: string) => path.relative(root, p).split(path.sep).join('/') || '.';
  const { files, ignored } = discoverMigrations(dir);
  const notices: Notice[] = [];
  if (ignored.length > 0) {
    notices.push({
      message: `ignored ${ignored.length} file(s) in ${display(path.resolve(dir))} whose names do not match ${MIGRATION_FILE_PATTERN.source}: ${ignored.join(', ')}`,
    });
  }
  if (files.length === 0) notices.push({ message: `no migration files in ${display(path.resolve(dir))}: scanned the Supabase baseline only` });

  await loadParser();
  const loaded = files.map((file) => loadFile(file, display(file.path)));
  const wanted = new Set(SUPABASE_DEFAULT_EXTENSIONS);
  for (const { statements } of loaded) {
    for (const s of statements) {
      const ext = extensionCreatedBy(s);
      if (ext && embeddable(ext) && ext !== 'plpgsql') wanted.add(ext);
    }
  }

  const db = await openBaseline([...wanted].sort());
  try {
    const log = new ProvenanceLog();
    const replayer = new Replayer(db, log, notices);
    for (const file of loaded) await replayer.applyFile(file);
    const raw = await introspect(db, { source: `embedded replay of ${display(path.resolve(dir))}` });
    const inventory = locateInventory(raw, log);
    const appliedFiles = loaded.map((f) => f.display);
    if (options.keepOpen) return { inventory, notices, files: appliedFiles, db, provenance: log };
    await db.close();
    return { inventory, notices, files: appliedFiles, provenance: log };
  } catch (error) {
    await db.close();
    throw error;
  }
}

function loadFile(file: MigrationFile, display: string): LoadedFile {
  // Read as migration-lint reads: invalid UTF-8 is an input error, not U+FFFD replayed in silence,
  // and a leading byte-order mark is dropped, not a syntax error at 1:1.
  const decoded = decodeMigrationText(readFileSync(file.path));
  if ('invalid' in decoded) {
    const { byte, line } = decoded.invalid;
    throw inputError(
      `migration ${display} is not valid UTF-8 text (byte 0x${byte.toString(16).padStart(2, '0')})`,
      { file: display, line },
      'save it as UTF-8 (PostgreSQL and the Supabase CLI read migrations as UTF-8)',
    );
  }
  const { text } = decoded;
  try {
    return { file, display, text, statements: parseSqlFile(text) };
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw inputError(`syntax error in migration ${display}: ${error.message}`, { file: display, line: error.line, column: error.column });
    }
    throw error;
  }
}

function extensionCreatedBy(statement: ParsedStatement): string | undefined {
  if (nodeType(statement.node) !== 'CreateExtensionStmt') return undefined;
  return (statement.node as { CreateExtensionStmt: { extname?: string } }).CreateExtensionStmt.extname;
}

// ---------------------------------------------------------------------------------------------
// Applying files
// ---------------------------------------------------------------------------------------------
interface DbError {
  code?: string;
  message?: string;
}

class Replayer {
  private readonly skippedExtensions = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly log: ProvenanceLog,
    private readonly notices: Notice[],
  ) {}

  async applyFile(loaded: LoadedFile): Promise<void> {
    const { display, text, statements } = loaded;
    this.log.beginFile(display, text);
    await this.db.exec('BEGIN');
    try {
      // Each file starts from a clean session, as each gets its own connection state in the CLI.
      await this.db.exec(`RESET ALL; SET search_path TO "$user", public, extensions`);
      for (const statement of statements) await this.applyStatement(loaded, statement);
      await this.db.exec('COMMIT');
    } catch (error) {
      await this.db.exec('ROLLBACK').catch(() => undefined);
      throw error;
    }
  }

  private async applyStatement(loaded: LoadedFile, statement: ParsedStatement): Promise<void> {
    const file = loaded.display;
    const type = nodeType(statement.node);
    // The replay owns the transaction boundaries: one per file, as the Supabase CLI does.
    if (type === 'TransactionStmt') return;

    const extension = extensionCreatedBy(statement);
    if (extension && !embeddable(extension)) {
      this.skippedExtensions.add(extension);
      const schemas = standInSchemas(extension);
      for (const schema of schemas) await this.db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      this.notices.push({
        message:
          `extension "${extension}" is not available in the embedded database: statement skipped` +
          (schemas.length ? `, schema ${schemas.map((s) => `"${s}"`).join(', ')} created as a stand-in` : '') +
          '; statements that need it will be skipped too',
        location: { file, line: statement.line },
      });
      return;
    }

    const error = await this.tryStatement(statement.text);
    if (!error) {
      this.log.record(statement);
      return;
    }
    if (error.code === '25001') {
      // CREATE INDEX CONCURRENTLY, VACUUM...: cannot run in a transaction block. Run it alone.
      await this.db.exec('COMMIT');
      try {
        await this.db.exec(statement.text);
      } catch (failure) {
        throw this.failure(file, statement, failure);
      } finally {
        await this.db.exec('BEGIN');
      }
      this.log.record(statement);
      return;
    }
    if (extension && error.code === '42710' && SUPABASE_DEFAULT_EXTENSIONS.includes(extension)) {
      this.notices.push({
        message: `extension "${extension}" is already installed in every Supabase project (schema extensions): CREATE EXTENSION without IF NOT EXISTS would fail there too; statement skipped`,
        location: { file, line: statement.line },
      });
      return;
    }
    const blamed = blameSkippedExtension(this.skippedExtensions, error.code, identifiersOf(statement.node));
    if (!blamed) throw this.failure(file, statement, error);

    // A table with a column of the missing extension's type keeps its other columns.
    if (type === 'CreateStmt') {
      const dropped = this.columnsOfExtension(loaded, statement, blamed);
      if (dropped.columns.length > 0) {
        const retry = await this.tryStatement(withoutColumns(statement.text, dropped.offsets));
        if (!retry) {
          this.log.record(statement);
          this.notices.push({
            message: `column(s) ${dropped.columns.map((c) => `"${c}"`).join(', ')} left out: their type comes from extension "${blamed}", which the embedded database does not have`,
            location: { file, line: statement.line },
          });
          return;
        }
      }
    }
    this.notices.push({
      message: `statement skipped: it needs extension "${blamed}", which the embedded database does not have (${error.message ?? 'error'})`,
      location: { file, line: statement.line },
    });
  }

  /** Runs one statement under a savepoint; returns the error instead of throwing, the transaction still usable. */
  private async tryStatement(sql: string): Promise<DbError | undefined> {
    await this.db.exec('SAVEPOINT pk_replay_statement');
    try {
      await this.db.exec(sql);
      await this.db.exec('RELEASE SAVEPOINT pk_replay_statement');
      return undefined;
    } catch (error) {
      await this.db.exec('ROLLBACK TO SAVEPOINT pk_replay_statement');
      await this.db.exec('RELEASE SAVEPOINT pk_replay_statement');
      return error as DbError;
    }
  }

  /** Columns of a CREATE TABLE whose type is named after a skipped extension's types, with their offsets in the statement. */
  private columnsOfExtension(loaded: LoadedFile, statement: ParsedStatement, extension: string): { columns: string[]; offsets: number[] } {
    const footprint = footprintNames(extension);
    const statementStartByte = Buffer.byteLength(loaded.text.slice(0, statement.start), 'utf8');
    const create = (statement.node as { CreateStmt: { tableElts?: unknown[] } }).CreateStmt;
    const columns: string[] = [];
    const offsets: number[] = [];
    for (const element of create.tableElts ?? []) {
      const column = (element as { ColumnDef?: { colname?: string; location?: number; typeName?: { names?: unknown[] } } }).ColumnDef;
      if (!column?.colname || column.location === undefined) continue;
      const typeNames = identifiersOf(column.typeName ?? {});
      if ([...typeNames].some((n) => footprint.has(n))) {
        columns.push(column.colname);
        offsets.push(column.location - statementStartByte);
      }
    }
    return { columns, offsets };
  }

  private failure(file: string, statement: ParsedStatement, error: unknown): PlatformKitError {
    if (error instanceof PlatformKitError) return error;
    const err = error as DbError;
    return new PlatformKitError('input', `migration ${file} failed at line ${statement.line}: ${err.message ?? String(error)}`, {
      position: { file, line: statement.line },
      hint: err.code ? `SQLSTATE ${err.code}` : undefined,
      cause: error,
    });
  }
}
