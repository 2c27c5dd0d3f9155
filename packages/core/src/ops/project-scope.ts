import type { Db } from '../db/port.js';

/**
 * Runs `fn` in a transaction scoped to one project: the writer role's row-level security policies
 * on every ops table compare rows with this transaction-local setting. '*' reads every project
 * (the org report, the alert deliverer); writes always name one project.
 */
export async function withProject<T>(db: Db, projectId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT set_config('platform_kit.project', $1, true)`, [projectId]);
    return fn(tx);
  });
}

/** The project setting for reading across the whole organisation. */
export const ALL_PROJECTS = '*';
