import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectServer, withLibpqSslModes } from '../../src/db/server.js';
import { PlatformKitError } from '../../src/errors.js';
import { startPrivateCluster, type PrivateCluster } from '../helpers/private-cluster.js';

/**
 * sslmode as libpq reads it, against a private cluster that serves TLS with a self-signed
 * certificate: the situation of a Supabase project, whose CA is not in the system store.
 */
describe('sslmode, read as libpq reads it', () => {
  let cluster: PrivateCluster;
  let certDir: string;
  let certificate: string;
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);

  beforeAll(async () => {
    certDir = mkdtempSync(path.join(tmpdir(), 'pk-ssl-'));
    chmodSync(certDir, 0o755);
    certificate = path.join(certDir, 'server.crt');
    const key = path.join(certDir, 'server.key');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', certificate], { stdio: 'pipe' });
    chmodSync(key, 0o600);
    // The server refuses a key another user can read, and runs as postgres when the tests run as root.
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres', key, certificate]);
    cluster = await startPrivateCluster({ ssl: 'on', ssl_cert_file: certificate, ssl_key_file: key });
    process.on('warning', onWarning);
  }, 120_000);

  afterAll(async () => {
    process.off('warning', onWarning);
    await cluster?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  const encrypted = async (url: string) => {
    const db = await connectServer(url);
    try {
      const { rows } = await db.query<{ ssl: boolean }>('select ssl from pg_stat_ssl where pid = pg_backend_pid()');
      return rows[0].ssl;
    } finally {
      await db.close();
    }
  };

  it('sslmode=require encrypts without checking the certificate, and the driver prints no warning', async () => {
    expect(await encrypted(`${cluster.url}?sslmode=require`)).toBe(true);
    expect(warnings.filter((message) => message.includes('SSL'))).toEqual([]);
  });

  it('sslmode=verify-full refuses an untrusted certificate with a hint naming sslrootcert', async () => {
    const error = await connectServer(`${cluster.url}?sslmode=verify-full`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(PlatformKitError);
    expect((error as PlatformKitError).kind).toBe('connection');
    expect((error as PlatformKitError).hint).toContain('sslrootcert=');
  });

  it('sslmode=verify-full with sslrootcert naming the CA connects, encrypted', async () => {
    expect(await encrypted(`${cluster.url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(certificate)}`)).toBe(true);
  });

  it('leaves a URL without sslmode, or one that already chose with uselibpqcompat, as it is', () => {
    expect(withLibpqSslModes('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(withLibpqSslModes('postgres://u@h/db?application_name=x')).toBe('postgres://u@h/db?application_name=x');
    expect(withLibpqSslModes('postgres://u@h/db?sslmode=require&uselibpqcompat=false')).toBe('postgres://u@h/db?sslmode=require&uselibpqcompat=false');
    expect(withLibpqSslModes('postgres://u@h/db?sslmode=require')).toBe('postgres://u@h/db?sslmode=require&uselibpqcompat=true');
  });
});
