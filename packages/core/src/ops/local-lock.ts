import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { connectionError } from '../errors.js';

/**
 * The local history is an embedded PostgreSQL in one directory, and only one process may open it.
 * A lock file beside it (created exclusively, holding our pid) keeps a second `platform-kit`
 * started at the same time out — it then records nothing, with a notice, rather than corrupting
 * the directory. A lock left by a process that no longer runs is taken over.
 */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Directories this process holds: a second opener in the same process waits for the first. */
const heldHere = new Map<string, Promise<void>>();

/** Waits for this process's earlier user of `dataDir`, then takes the file lock. */
export async function acquireLocalLockQueued(dataDir: string): Promise<() => void> {
  while (heldHere.has(dataDir)) await heldHere.get(dataDir);
  let done!: () => void;
  heldHere.set(dataDir, new Promise<void>((resolve) => (done = resolve)));
  try {
    const release = acquireLocalLock(dataDir);
    return () => {
      release();
      heldHere.delete(dataDir);
      done();
    };
  } catch (error) {
    heldHere.delete(dataDir);
    done();
    throw error;
  }
}

export function acquireLocalLock(dataDir: string): () => void {
  const file = `${dataDir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
        // A connection-kind error: the caller reports the history as unreachable, the scan goes on.
        throw connectionError(`the local history ${dataDir} is in use by another platform-kit process (pid ${holder})`);
      }
      rmSync(file, { force: true });
    }
  }
  throw connectionError(`could not lock the local history ${dataDir}`);
}
