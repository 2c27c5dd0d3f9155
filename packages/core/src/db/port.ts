import { runtimeError } from '../errors.js';

/**
 * The database port: the one interface every feature talks to, so each runs unchanged on a live
 * server (`pg`) and on the embedded PGlite. Keep it small: anything richer belongs in a helper
 * written over this interface.
 */
export interface QueryResult<Row> {
  rows: Row[];
}

export interface Db {
  /** 'server' for a PostgreSQL server over the wire, 'embedded' for PGlite in this process. */
  readonly kind: 'server' | 'embedded';
  /** A printable description of the target with no secret in it. */
  readonly description: string;
  /** One statement, with $1… parameters. */
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<QueryResult<Row>>;
  /** Several statements, no parameters (migrations, baseline SQL). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in BEGIN … COMMIT, rolling back when it throws. Not re-entrant. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/**
 * BEGIN … COMMIT around `fn`, ROLLBACK when it throws. Both adapters share it: one connection (or
 * one PGlite session) cannot nest transactions, so a second call while one is open is a bug.
 */
export abstract class TransactionalDb {
  private inTransaction = false;

  abstract exec(sql: string): Promise<void>;

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    if (this.inTransaction) throw runtimeError('nested transaction on one connection');
    this.inTransaction = true;
    await this.exec('BEGIN');
    try {
      const result = await fn(this as unknown as Db);
      await this.exec('COMMIT');
      return result;
    } catch (error) {
      await this.exec('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }
}

/** Quote an identifier the way PostgreSQL's quote_ident does (always quoted: no keyword list to drift). */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** "schema"."name" */
export function qualified(schema: string, name: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(name)}`;
}

/** A SQL string literal, standard_conforming_strings on (the default since 9.1). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}
