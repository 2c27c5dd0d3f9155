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
// Node's TLS codes for a server certificate this process does not trust.
const UNTRUSTED_CERTIFICATE_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
]);

/**
 * The URL with `sslmode` read as libpq reads it (psql, the Supabase CLI, pg_dump): `require`
 * encrypts without checking the certificate unless `sslrootcert` names a CA, `verify-ca` checks the
 * chain, `verify-full` the chain and the host name. node-postgres 8 reads `require` as
 * `verify-full` and warns on every connection; Supabase's CA is not in the system store, so the
 * dashboard's `?sslmode=require` URL would fail to connect at all. pg 9 makes libpq's reading the
 * default; this opts in now, unless the URL already chose with `uselibpqcompat`.
 */
export function withLibpqSslModes(url: string): string {
  const query = url.indexOf('?');
  if (query === -1) return url;
  const params = new URLSearchParams(url.slice(query + 1));
  if (!params.has('sslmode') || params.has('uselibpqcompat')) return url;
  return `${url}&uselibpqcompat=true`;
}

function connectHint(code: string | undefined): string | undefined {
  if (code === '28P01') return 'check the user and password';
  if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'check the host and port, and that the server accepts connections';
  if (code && UNTRUSTED_CERTIFICATE_CODES.has(code)) {
    return "the server's certificate is not trusted: add sslrootcert=<path of the CA certificate> to the URL (Supabase: the project's root certificate from the dashboard), or use sslmode=require to encrypt without checking it";
  }
  return undefined;
}

/** Turns a driver error into a PlatformKitError whose message carries no secret. */
export function describeDriverError(error: unknown, url: string, during: 'connect' | 'query'): PlatformKitError {
  if (error instanceof PlatformKitError) return error;
  const secrets = secretsOf(url);
  const err = error as { code?: string; message?: string };
  const message = redact(err?.message ?? String(error), secrets);
  const target = describeConnectionString(url);
  if (during === 'connect' || (err?.code && (CONNECTION_SQLSTATES.has(err.code) || CONNECTION_CODES.has(err.code)))) {
    return connectionError(`cannot connect to ${target}: ${message}`, undefined, connectHint(err?.code));
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

/**
 * A connection string that is not a postgres:// URL is a bad option (exit 2), not a host to try:
 * node-postgres would read "localhost" or libpq's "host=... password=..." as a socket path and
 * fail with "ENOTFOUND base", and a bad port as "Invalid URL" (exit 3). The message names no
 * part of the string: any part may be the password.
 */
function checkConnectionUrl(url: string): void {
  let valid = /^postgres(?:ql)?:\/\//i.test(url);
  try {
    if (valid) new URL(url);
  } catch {
    valid = false;
  }
  if (!valid) {
    throw new PlatformKitError('usage', 'the connection string is not a valid postgres:// or postgresql:// URL', {
      // No "scheme://user:..." example: redact would mask it as a connection string.
      hint: 'expected postgres:// then USER:PASSWORD@HOST:PORT/DATABASE, with @ : / ? # % in the user or password percent-encoded (@ is %40)',
    });
  }
}

/** A driver client for `url` (not yet connected). Throws on a URL the driver cannot read. */
function newClient(url: string, options: ServerOptions): pg.Client {
  checkConnectionUrl(url);
  const client = new pg.Client({
    connectionString: withLibpqSslModes(url),
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
