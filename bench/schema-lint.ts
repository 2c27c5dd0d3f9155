/**
 * The schema rule family on a large synthetic inventory, beside the security family on the same
 * inventory (the reference, measured in the same run): how the schema rules scale with the schema.
 *
 *   npx tsx bench/schema-lint.ts [--tables N] [--runs N]
 *
 * Each table has 8 columns, 2 foreign keys (one indexed), 3 indexes (one duplicate) and 2 policies,
 * so every rule has work to do. Reports the median of the runs and the ratio schema/security.
 */
import { performance } from 'node:perf_hooks';
import { ConfigSchema, INVENTORY_FORMAT_VERSION, loadParser, schemaRules, securityRules, type Inventory, type InventoryRule } from '../packages/core/src/index.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => Number(args[args.indexOf(name) + 1] || 0) || fallback;
const tableCount = option('--tables', 2000);
const runs = option('--runs', 5);

function syntheticInventory(n: number): Inventory {
  const inv: Inventory = {
    formatVersion: INVENTORY_FORMAT_VERSION, capturedAt: new Date(0).toISOString(), server: { version: '15', versionNum: 150000 }, source: 'bench',
    schemas: [{ name: 'public', owner: 'postgres', comment: null }], tables: [], policies: [], functions: [], views: [], foreignTables: [],
    extensions: [], indexes: [], foreignKeys: [], tableGrants: [], columnGrants: [], triggers: [], buckets: [], roles: [],
  };
  const col = (name: string, type: string, notNull = true) => ({ name, type, notNull, default: null, identity: false, generated: false, comment: null });
  for (let i = 0; i < n; i += 1) {
    const name = `t${i}`;
    inv.tables.push({
      schema: 'public', name, kind: 'table', owner: 'postgres', rlsEnabled: true, rlsForced: false, comment: null, estimatedRows: 1000,
      primaryKey: ['id'],
      columns: [col('id', 'uuid'), col('tenant_id', 'uuid'), col('owner_id', 'uuid'), col('parent_id', 'uuid', false), col('t0_id', 'uuid'),
        col('body', 'text', false), col('created_at', 'timestamp with time zone'), col('updated_at', 'timestamp with time zone')],
    });
    for (const [ix, cols] of [[`${name}_pkey`, ['id']], [`${name}_tenant_idx`, ['tenant_id']], [`${name}_tenant_dup`, ['tenant_id']]] as const) {
      inv.indexes.push({ schema: 'public', table: name, name: ix, columns: [...cols], unique: ix.endsWith('pkey'), primary: ix.endsWith('pkey'), partial: false, valid: true, method: 'btree',
        definition: `CREATE ${ix.endsWith('pkey') ? 'UNIQUE ' : ''}INDEX ${ix} ON public.${name} USING btree (${cols.join(', ')})` });
    }
    for (const [fk, column] of [[`${name}_parent_fkey`, 'parent_id'], [`${name}_tenant_fkey`, 'tenant_id']] as const) {
      inv.foreignKeys.push({ schema: 'public', table: name, name: fk, columns: [column], refSchema: 'public', refTable: 't0', refColumns: ['id'],
        onDelete: 'NO ACTION', onUpdate: 'NO ACTION', validated: true, referencedKey: 'primary' });
    }
    inv.policies.push(
      { schema: 'public', table: name, name: 'tenant', command: 'ALL', permissive: true, roles: ['authenticated'],
        using: "(tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid)", withCheck: null },
      { schema: 'public', table: name, name: 'owner', command: 'UPDATE', permissive: true, roles: ['authenticated'],
        using: '(owner_id = auth.uid())', withCheck: `(owner_id IN ( SELECT m.owner_id FROM ${name} m WHERE (m.tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid)))` },
    );
  }
  return inv;
}

function time(rules: readonly InventoryRule[], inventory: Inventory): { ms: number; findings: number } {
  const config = ConfigSchema.parse({ criticalTables: ['public.t1*'] });
  const samples: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r += 1) {
    const fresh = structuredClone(inventory); // a new object per run: no lookup table survives from the previous run
    const start = performance.now();
    findings = rules.reduce((sum, rule) => sum + rule.check({ inventory: fresh, config }).length, 0);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { ms: samples[samples.length >> 1], findings };
}

await loadParser();
const inventory = syntheticInventory(tableCount);
const reference = time(securityRules, inventory);
const schema = time(schemaRules, inventory);
console.log(`inventory: ${tableCount} tables, ${inventory.indexes.length} indexes, ${inventory.foreignKeys.length} foreign keys, ${inventory.policies.length} policies; median of ${runs} runs`);
console.log(`security rules (reference): ${reference.ms.toFixed(1)} ms, ${reference.findings} findings`);
console.log(`schema rules:               ${schema.ms.toFixed(1)} ms, ${schema.findings} findings`);
console.log(`ratio schema/security: ${(schema.ms / reference.ms).toFixed(2)}`);
if (args.includes('--per-rule')) {
  for (const rule of schemaRules) console.log(`  ${rule.meta.id.padEnd(34)} ${time([rule], inventory).ms.toFixed(1)} ms`);
}
