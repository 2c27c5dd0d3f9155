import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL cluster of the test's own, for what the shared server cannot do:
 * shared_preload_libraries = pg_stat_statements, or checking passwords (the shared server trusts
 * every login). Built from the local binaries with initdb and pg_ctl in a temp directory, on a free
 * loopback port; trust auth, or SCRAM when a password is given (for the `postgres` role; the URL
 * carries it). initdb refuses to run as root, so as root the binaries run as the `postgres` OS user.
 * Always `stop()` it.
 */
export interface PrivateCluster {
  url: string;
  port: number;
  stop(): Promise<void>;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(path.join(root, v, 'bin', 'initdb'))) : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL binaries under ${root}: the private cluster cannot start`);
  versions.sort((a, b) => Number(a) - Number(b));
  return path.join(root, versions[0], 'bin');
}

async function freePort(from: number): Promise<number> {
  for (let port = from; port < from + 200; port += 1) {
    const free = await new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from}`);
}

export async function startPrivateCluster(settings: Record<string, string>, { password }: { password?: string } = {}): Promise<PrivateCluster> {
  const bin = binDir();
  const asRoot = process.getuid?.() === 0;
  const run = (command: string, args: string[]) => {
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path.join(bin, command), ...args]] : [path.join(bin, command), args];
    execFileSync(file, argv, { stdio: 'pipe', timeout: 120_000 });
  };
  const dir = mkdtempSync(path.join(tmpdir(), 'pk-cluster-'));
  chmodSync(dir, 0o777);
  if (asRoot) execFileSync('chown', ['postgres', dir]);
  const data = path.join(dir, 'data');
  const port = await freePort(55433);
  try {
    const auth = ['--auth=trust'];
    if (password !== undefined) {
      const pwfile = path.join(dir, 'pwfile');
      writeFileSync(pwfile, `${password}\n`, { mode: 0o644 });
      auth.splice(0, 1, '--auth=scram-sha-256', `--pwfile=${pwfile}`);
    }
    run('initdb', ['-D', data, '-U', 'postgres', ...auth, '--no-sync', '-E', 'UTF8']);
    const options = [`-p ${port}`, `-c listen_addresses=127.0.0.1`, `-k ${dir}`, '-c fsync=off'];
    for (const [key, value] of Object.entries(settings)) options.push(`-c ${key}=${value}`);
    run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', options.join(' '), 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? '';
    throw new Error(`private cluster did not start: ${(error as Error).message}\n${stderr}`);
  }
  return {
    url: password === undefined ? `postgres://postgres@127.0.0.1:${port}/postgres` : `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    port,
    stop: async () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
