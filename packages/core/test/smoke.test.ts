import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './helpers/database.js';

describe('test database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('smoke');
  });
  afterAll(async () => t?.drop());

  it('answers a query', async () => {
    const { rows } = await t.db.query<{ n: number }>('select 1::int as n');
    expect(rows[0].n).toBe(1);
  });
});
