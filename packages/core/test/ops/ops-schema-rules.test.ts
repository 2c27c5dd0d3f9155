import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { introspect } from '../../src/inventory/introspect.js';
import { migrateOps } from '../../src/ops/migrate.js';
import { scanInventory } from '../../src/ops/remediation.js';
import { securityRules } from '../../src/rules/security/index.js';
import { schemaRules } from '../../src/rules/schema/index.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

// The control plane obeys the rules it enforces: Platform Kit's own security and schema rules,
// run over the introspected ops schema as if the Data API exposed it.
let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase('ops_schema_rules');
  await migrateOps(t.db);
});
afterAll(async () => {
  await t.drop();
});

describe('the ops schema passes Platform Kit\'s own rules', () => {
  it('has rule families to run (the check can fail)', () => {
    expect(securityRules.length).toBeGreaterThan(5);
    expect(schemaRules.length).toBeGreaterThan(3);
  });

  it('no error or warning finding on an ops object with exposedSchemas: [ops]', async () => {
    const inventory = await introspect(t.db, { source: 'ops schema' });
    expect(inventory.tables.filter((x) => x.schema === 'ops').length).toBe(12);
    const config = ConfigSchema.parse({ exposedSchemas: ['ops'] });
    const findings = (await scanInventory(inventory, config)).filter((f) => f.object.schema === 'ops' && f.severity !== 'info');
    expect(findings.map((f) => `${f.rule} ${f.object.kind} ${f.object.table ? `${f.object.table}.` : ''}${f.object.name}: ${f.message}`)).toEqual([]);
  });
});
