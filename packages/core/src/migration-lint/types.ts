import type { ResolvedConfig } from '../config/schema.js';
import type { ParsedStatement } from '../parser/parse.js';
import type { RuleMeta } from '../rules/types.js';

/**
 * A migration file as rules see it: its statements (syntax trees from the real PostgreSQL parser)
 * plus the facts the engine gathered from outside the trees (comments, paired rollback file).
 */
export interface ParsedMigration {
  /** Path as reported, relative to the working directory, with forward slashes. */
  path: string;
  /** File name, e.g. 20240101000000_add_orders.sql. */
  name: string;
  statements: ParsedStatement[];
  /** Comments that mention a directive (platform-kit-ignore, rollback), found by the PostgreSQL scanner. */
  comments: SqlComment[];
  /** The paired rollback file, when one exists (see config migrationLint.rollback); looked up on first call. */
  findRollbackFile(): string | undefined;
  /** 1-based line and column of a UTF-8 byte offset into the file (node `location` fields are byte offsets). */
  positionOfByte(byteOffset: number): { line: number; column: number };
}

export interface SqlComment {
  /** The comment's text including its `--` or `/*` markers. */
  text: string;
  /** Character offsets in the file: [start, end). */
  start: number;
  end: number;
  line: number;
  column: number;
  endLine: number;
}

/** What a migration rule can see besides the file: every file in order, the config, and the change's new tables. */
export interface MigrationContext {
  config: ResolvedConfig;
  /**
   * Every migration file read, in the order the Supabase CLI applies them. Their syntax trees are
   * not kept (memory); what rules need from earlier files is in `pendingTables`.
   */
  files: readonly MigrationFileRef[];
  /**
   * Tables created by earlier files that are themselves new in this change (pull request mode): not
   * deployed yet, so they hold no data and locking them is harmless. Empty without a base ref.
   */
  pendingTables: TableLookup;
}

/** A finding as a migration rule returns it; the engine turns it into a located Finding. */
export interface MigrationFinding {
  /** The statement at fault; undefined for a finding about the whole file. */
  statement?: ParsedStatement;
  /** A more precise place inside the statement: a node's `location` (UTF-8 byte offset in the file). */
  byteLocation?: number;
  /** The object the statement touches, for the finding's identity and exemptions. */
  object: { schema: string; name: string; table?: string };
  message: string;
}

export interface MigrationRule {
  meta: RuleMeta;
  check(file: ParsedMigration, context: MigrationContext): MigrationFinding[];
}

export interface TableLookup {
  has(tableKey: string): boolean;
}

export interface MigrationFileRef {
  path: string;
  name: string;
}
