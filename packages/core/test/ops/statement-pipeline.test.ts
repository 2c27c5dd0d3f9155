import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatementPipeline } from '../../src/ops/statement-pipeline.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('ops_statement_pipeline');
  await t.db.exec('CREATE TABLE sink (n int PRIMARY KEY)');
});
afterAll(async () => {
  await t.drop();
});

describe('StatementPipeline', () => {
  it('runs every statement, in order, within the transaction', async () => {
    await t.db.transaction(async (tx) => {
      const statements = new StatementPipeline(tx);
      for (let n = 1; n <= 10; n++) await statements.send('INSERT INTO sink (n) VALUES ($1)', [n]);
      // Later statements see earlier ones: order is kept.
      await statements.send('UPDATE sink SET n = n + 100 WHERE n = 10', []);
      await statements.drain();
    });
    const { rows } = await t.db.query<{ n: number }>('SELECT n FROM sink ORDER BY n');
    expect(rows.map((r) => r.n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 110]);
  });

  it('throws the first error (by the next send or by drain), and the transaction rolls back', async () => {
    await expect(
      t.db.transaction(async (tx) => {
        const statements = new StatementPipeline(tx, 4);
        await statements.send('INSERT INTO sink (n) VALUES (1000)', []);
        await statements.send('INSERT INTO sink (n) VALUES (1)', []); // duplicate key
        await statements.send('INSERT INTO sink (n) VALUES (1001)', []); // fails too: aborted transaction
        await statements.drain();
      }),
    ).rejects.toThrow(/duplicate key/);
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sink WHERE n >= 1000');
    expect(rows[0]!.n).toBe(0);
  });
});
