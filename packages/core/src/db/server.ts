import pg from 'pg';
import { TransactionalDb, type Db, type QueryResult } from './port.js';
import { describeConnectionString, redact, secretsOf } from './connection-string.js';
import { connectionError, PlatformKitError, runtimeError } from '../errors.js';

export interface ServerOptions {
  /** Milliseconds to wait for the TCP connection and authentication. */
  connectTimeoutMs?: number;
  /** Application name shown in pg_stat_activity. */
  applicationName?: string;
}

// Driver errors that mean "could not reach or log in", as opposed to a failing statement.
const CONNECTION_SQLSTATES = new Set(['28P01', '28000', '3D000', '53300', '57P03', '08001', '08006', '08004']);
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Turns a driver error into a PlatformKitError whose message carries no secret. */
export function describeDriverError(error: unknown, url: string, during: 'connect' | 'query'): PlatformKitError {
  const secrets = secretsOf(url);
  const err = error as { code?: string; message?: string };
  const message = redact(err?.message ?? String(error), secrets);
  const target = describeConnectionString(url);
  if (during === 'connect' || (err?.code && (CONNECTION_SQLSTATES.has(err.code) || CONNECTION_CODES.has(err.code)))) {
    const hint =
      err?.code === '28P01'
        ? 'check the user and password'
        : err?.code === 'ECONNREFUSED' || err?.code === 'ENOTFOUND' || err?.code === 'EAI_AGAIN'
          ? 'check the host and port, and that the server accepts connections'
          : undefined;
    return connectionError(`cannot connect to ${target}: ${message}`, undefined, hint);
  }
  return runtimeError(`query failed on ${target}: ${message}`);
}

class ServerDb extends TransactionalDb implements Db {
  readonly kind = 'server' as const;
  readonly description: string;

  constructor(
    private readonly client: pg.Client,
    private readonly url: string,
  ) {
    super();
    this.description = describeConnectionString(url);
  }

  async query<Row>(sql: string, params?: unknown[]): Promise<QueryResult<Row>> {
    try {
      const result = await this.client.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as Row[] };
    } catch (error) {
      throw this.wrap(error);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.client.query(sql);
    } catch (error) {
      throw this.wrap(error);
    }
  }


  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }

  /** Statement errors keep their SQLSTATE and position (callers map them to file and line). */
  private wrap(error: unknown): unknown {
    const err = error as { code?: string; message?: string };
    if (err && typeof err.code === 'string' && /^[0-9A-Z]{5}$/.test(err.code) && !CONNECTION_SQLSTATES.has(err.code)) {
      // Keep the pg DatabaseError (code, position, detail) but make sure no secret rides along in the message.
      if (err.message) err.message = redact(err.message, secretsOf(this.url));
      return error;
    }
    return describeDriverError(error, this.url, 'query');
  }
}

/**
 * Opens one connection and queues `sql` (several statements, no parameters) on it at once: the
 * driver sends it the moment the server has authenticated the connection, inside the same I/O
 * callback, so it goes out even while this process is busy with other work (prefetch.ts loads
 * the rest of an action meanwhile). `connected` settles when the connection is ready (the SQL is
 * on the wire by then); `rows` holds the rows of the last statement. Errors carry no secret.
 */
export function connectServerAndSend(
  url: string,
  sql: string,
  options: ServerOptions = {},
): { connected: Promise<Db>; rows: Promise<Record<string, unknown>[]> } {
  let client: pg.Client;
  try {
    client = newClient(url, options);
  } catch (error) {
    const failed = Promise.reject(describeDriverError(error, url, 'connect'));
    return { connected: failed, rows: failed };
  }
  const connected = client.connect().then(
    () => new ServerDb(client, url) as Db,
    async (error: unknown) => {
      await client.end().catch(() => undefined);
      throw describeDriverError(error, url, 'connect');
    },
  );
  const rows = client.query(sql).then(
    (result: pg.QueryResult | pg.QueryResult[]) => {
      const results = Array.isArray(result) ? result : [result];
      return results[results.length - 1].rows as Record<string, unknown>[];
    },
    (error: unknown) => {
      throw describeDriverError(error, url, 'query');
    },
  );
  // Whoever awaits them sees the failures; nothing may escape as an unhandled rejection meanwhile.
  connected.catch(() => undefined);
  rows.catch(() => undefined);
  return { connected, rows };
}

/** A driver client for `url` (not yet connected). Throws on a URL the driver cannot read. */
function newClient(url: string, options: ServerOptions): pg.Client {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: options.applicationName ?? 'platform-kit',
  });
  // An idle connection that drops must not crash the process with an unhandled 'error' event.
  client.on('error', () => undefined);
  return client;
}

/** Opens one connection to a PostgreSQL server. */
export async function connectServer(url: string, options: ServerOptions = {}): Promise<Db> {
  let client: pg.Client;
  try {
    client = newClient(url, options);
  } catch (error) {
    throw describeDriverError(error, url, 'connect');
  }
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    throw describeDriverError(error, url, 'connect');
  }
  return new ServerDb(client, url);
}
