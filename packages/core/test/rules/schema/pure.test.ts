import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema, type ResolvedConfig } from '../../../src/config/schema.js';
import type { Index, Inventory } from '../../../src/inventory/schema.js';
import { loadParser } from '../../../src/parser/parse.js';
import type { InventoryRule } from '../../../src/rules/types.js';
import { schemaRules } from '../../../src/rules/schema/index.js';
import { proposeIndexName, hasCoveringIndex } from '../../../src/rules/schema/index-advice.js';
import { policyFilterColumns } from '../../../src/rules/schema/policy-columns.js';
import { column, inventoryWith, table } from '../../helpers/inventory-builder.js';

/** Pure checks on hand-built inventories: shapes awkward to produce in SQL, and the helpers' edge cases. */
beforeAll(async () => {
  await loadParser();
});

function config(raw: Record<string, unknown> = {}): ResolvedConfig {
  return ConfigSchema.parse(raw);
}

function rule(id: string): InventoryRule {
  const found = schemaRules.find((r) => r.meta.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

function run(id: string, inventory: Inventory, cfg = config()) {
  return rule(id).check({ inventory, config: cfg });
}

function index(tableName: string, name: string, columns: (string | null)[], extra: Partial<Index> = {}): Index {
  return {
    schema: 'public',
    table: tableName,
    name,
    columns,
    unique: false,
    primary: false,
    partial: false,
    valid: true,
    method: 'btree',
    definition: `CREATE INDEX ${name} ON public.${tableName} USING btree (${columns.join(', ')})`,
    ...extra,
  };
}

const ts = (name: string) => column(name, 'timestamp with time zone', { notNull: true, default: 'now()' });

describe('rule metadata', () => {
  it('every rule has a kebab-case id, a constitution section and examples', () => {
    const ids = schemaRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of schemaRules) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.meta.constitution.length).toBeGreaterThan(0);
      expect(['tenancy', 'integrity', 'audit', 'performance']).toContain(r.meta.category);
      expect(r.meta.examples?.bad).toBeTruthy();
    }
  });
});

describe('tenancy (§5.1)', () => {
  it('auto: a tenant column that is text or nullable is reported, uuid NOT NULL passes', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'bad', { columns: [column('id', 'uuid', { notNull: true }), column('tenant_id', 'text')] }),
        table('public', 'good', { columns: [column('id', 'uuid', { notNull: true }), column('tenant_id', 'uuid', { notNull: true })] }),
        table('private', 'notexposed', { columns: [column('tenant_id', 'text')] }),
      ],
    });
    const findings = run('tenant-column-type', inv);
    expect(findings.map((f) => f.object.table)).toEqual(['bad']);
    expect(findings[0].message).toContain('not uuid');
    expect(findings[0].message).toContain('nullable');
    expect(run('tenant-column-missing', inv)).toEqual([]);
  });

  it('patterns and requireTenantColumn name tenant-scoped tables that lack the column', () => {
    const inv = inventoryWith({ tables: [table('public', 'invoices'), table('public', 'countries'), table('app', 'orders')] });
    expect(run('tenant-column-missing', inv, config({ tenancy: { tables: ['app.*'] } })).map((f) => f.object.name)).toEqual(['orders']);
    const required = config({ schemaLint: { requireTenantColumn: true, tenantExemptTables: ['public.countries'] } });
    expect(run('tenant-column-missing', inv, required).map((f) => f.object.name)).toEqual(['invoices']);
    expect(run('tenant-column-missing', inv)).toEqual([]);
  });

  it('honours a renamed tenant column', () => {
    const inv = inventoryWith({ tables: [table('public', 't', { columns: [column('org_id', 'bigint', { notNull: true })] })] });
    expect(run('tenant-column-type', inv, config({ tenancy: { column: 'org_id' } }))).toHaveLength(1);
  });
});

describe('foreign keys (§5.2)', () => {
  const fk = (extra: Partial<Inventory['foreignKeys'][number]> = {}): Inventory['foreignKeys'][number] => ({
    schema: 'public',
    table: 'orders',
    name: 'orders_customer_id_fkey',
    columns: ['customer_id'],
    refSchema: 'public',
    refTable: 'customers',
    refColumns: ['id'],
    onDelete: 'NO ACTION',
    onUpdate: 'NO ACTION',
    validated: true,
    referencedKey: 'primary',
    ...extra,
  });

  it('on delete: replay knows omitted vs explicit; a live NO ACTION counts as implicit', () => {
    const base = { tables: [table('public', 'orders'), table('public', 'customers')] };
    expect(run('foreign-key-on-delete-implicit', inventoryWith({ ...base, foreignKeys: [fk({ onDeleteExplicit: false })] }))).toHaveLength(1);
    expect(run('foreign-key-on-delete-implicit', inventoryWith({ ...base, foreignKeys: [fk({ onDeleteExplicit: true })] }))).toEqual([]);
    const live = run('foreign-key-on-delete-implicit', inventoryWith({ ...base, foreignKeys: [fk()] }));
    expect(live[0].message).toContain('cannot tell');
    expect(run('foreign-key-on-delete-implicit', inventoryWith({ ...base, foreignKeys: [fk({ onDelete: 'CASCADE' })] }))).toEqual([]);
  });

  it('covering index: leading columns in any order; a partial or later-position index does not cover', () => {
    const two = ['a', 'b'];
    expect(hasCoveringIndex([index('t', 'i', ['b', 'a', 'c'])], two)).toBe(true);
    expect(hasCoveringIndex([index('t', 'i', ['a', 'c', 'b'])], two)).toBe(false);
    expect(hasCoveringIndex([index('t', 'i', ['a', 'b'], { partial: true })], two)).toBe(false);
    expect(hasCoveringIndex([index('t', 'i', ['a', 'b'], { valid: false })], two)).toBe(false);
    expect(hasCoveringIndex([index('t', 'i', [null, 'a', 'b'])], two)).toBe(false);
  });

  it('unindexed foreign key carries idempotent, quoted remediation', () => {
    const inv = inventoryWith({ tables: [table('public', 'orders'), table('public', 'customers')], foreignKeys: [fk({ onDelete: 'RESTRICT' })] });
    const [finding] = run('unindexed-foreign-key', inv);
    expect(finding.remediation?.sql).toBe('CREATE INDEX IF NOT EXISTS "orders_customer_id_idx" ON "public"."orders" USING btree ("customer_id");');
    const indexed = inventoryWith({ ...inv, indexes: [index('orders', 'x', ['customer_id', 'id'])] });
    expect(run('unindexed-foreign-key', indexed)).toEqual([]);
  });

  it('soft foreign keys: matching table or reference type; text ids of external systems and constrained columns pass', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'orders', {
          columns: [
            column('id', 'uuid', { notNull: true }),
            column('customer_id', 'text'), // a customers table exists
            column('warehouse_id', 'bigint'), // no table, but an integer reference
            column('stripe_id', 'text'), // external system: not flagged
            column('user_id', 'uuid'), // constrained below
            column('category_id', 'integer', { identity: true }),
          ],
        }),
        table('public', 'customers'),
        table('public', 'categories'),
        table('public', 'things', { columns: [column('thing_id', 'bigint', { notNull: true })], primaryKey: ['thing_id'] }),
      ],
      foreignKeys: [fk({ columns: ['user_id'], refSchema: 'auth', refTable: 'users', name: 'orders_user_id_fkey' })],
    });
    expect(run('soft-foreign-key', inv).map((f) => f.object.name).sort()).toEqual(['customer_id', 'warehouse_id']);
    const ignored = config({ schemaLint: { softForeignKeys: { ignoreColumns: ['public.orders.warehouse_id'] } } });
    expect(run('soft-foreign-key', inv, ignored).map((f) => f.object.name)).toEqual(['customer_id']);
    expect(run('soft-foreign-key', inv)[0].message).toContain('public.customers (id)');
  });
});

describe('audit (§5.3)', () => {
  it('timestamps: missing column gets ADD COLUMN IF NOT EXISTS; missing default gets SET DEFAULT; wrong type no fix', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'a', { columns: [column('id', 'uuid', { notNull: true }), ts('created_at')] }),
        table('public', 'b', {
          columns: [
            column('created_at', 'timestamp with time zone', { notNull: true }),
            column('updated_at', 'timestamp without time zone', { notNull: true, default: 'now()' }),
          ],
        }),
        table('public', 'ok', { columns: [ts('created_at'), ts('updated_at')] }),
        table('auth', 'skipped', { columns: [] }),
      ],
    });
    const findings = run('audit-timestamps', inv);
    expect(findings.map((f) => `${f.object.table}.${f.object.name}`).sort()).toEqual(['a.updated_at', 'b.created_at', 'b.updated_at']);
    const byKey = Object.fromEntries(findings.map((f) => [`${f.object.table}.${f.object.name}`, f]));
    expect(byKey['a.updated_at'].remediation?.sql).toBe(
      'ALTER TABLE "public"."a" ADD COLUMN IF NOT EXISTS "updated_at" timestamp with time zone NOT NULL DEFAULT now();',
    );
    expect(byKey['b.created_at'].remediation?.sql).toBe('ALTER TABLE "public"."b" ALTER COLUMN "created_at" SET DEFAULT now();');
    expect(byKey['b.updated_at'].remediation).toBeUndefined();
    expect(run('audit-timestamps', inv, config({ schemaLint: { timestampTables: ['public.ok'] } }))).toEqual([]);
  });

  it('critical tables need actor columns and triggers on insert, update and delete', () => {
    const inv = inventoryWith({
      tables: [table('public', 'payments', { columns: [column('created_by', 'uuid', { notNull: true }), column('updated_by', 'uuid')] })],
      triggers: [
        { schema: 'public', table: 'payments', name: 'a', functionSchema: 'ops', functionName: 'audit', timing: 'AFTER', events: ['INSERT', 'UPDATE'], level: 'ROW', enabled: true },
        { schema: 'public', table: 'payments', name: 'b', functionSchema: 'ops', functionName: 'audit', timing: 'AFTER', events: ['DELETE'], level: 'ROW', enabled: false },
      ],
    });
    const critical = config({ criticalTables: ['public.payments'] });
    expect(run('critical-table-actor-columns', inv, critical).map((f) => f.object.name)).toEqual(['updated_by']);
    expect(run('critical-table-audit-trigger', inv, critical)[0].message).toContain('DELETE');
    expect(run('critical-table-audit-trigger', inv)).toEqual([]);
    const enabled = inventoryWith({ ...inv, triggers: inv.triggers.map((t) => ({ ...t, enabled: true })) });
    expect(run('critical-table-audit-trigger', enabled, critical)).toEqual([]);
  });
});

describe('where column findings point', () => {
  const created = { file: 'm1.sql', line: 2 };
  const altered = { file: 'm2.sql', line: 1 };
  it('an existing column at its own location, a missing one at the CREATE TABLE, else the table', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'payments', {
          location: altered,
          createdLocation: created,
          columns: [
            column('id', 'uuid', { notNull: true, location: { file: 'm1.sql', line: 3 } }),
            column('tenant_id', 'text', { location: { file: 'm1.sql', line: 4 } }),
            column('created_at', 'timestamp without time zone', { location: { file: 'm1.sql', line: 5 } }),
            column('customer_id', 'uuid', { notNull: true, location: { file: 'm1.sql', line: 6 } }),
          ],
        }),
        // an inventory without column or creation locations: the table's location, as before
        table('public', 'legacy', { location: altered, columns: [column('id', 'uuid', { notNull: true }), column('tenant_id', 'text')] }),
      ],
    });
    const cfg = config({ tenancy: { tables: ['public.*'] }, criticalTables: ['public.payments'] });
    const where = (id: string) =>
      Object.fromEntries(run(id, inv, cfg).map((f) => [`${f.object.table ?? f.object.name}.${f.object.name}`, f.location]));
    expect(where('tenant-column-type')).toEqual({ 'payments.tenant_id': { file: 'm1.sql', line: 4 }, 'legacy.tenant_id': altered });
    expect(where('soft-foreign-key')['payments.customer_id']).toEqual({ file: 'm1.sql', line: 6 });
    expect(where('audit-timestamps')).toMatchObject({
      'payments.created_at': { file: 'm1.sql', line: 5 },
      'payments.updated_at': created,
      'legacy.created_at': altered,
    });
    expect(where('critical-table-actor-columns')).toEqual({ 'payments.created_by': created, 'payments.updated_by': created });
    const missing = inventoryWith({ tables: [table('public', 'invoices', { location: altered, createdLocation: created })] });
    expect(run('tenant-column-missing', missing, cfg).map((f) => f.location)).toEqual([created]);
  });
});

describe('indexes (§6.2)', () => {
  it('policy columns: comparisons count, bare booleans do not; sub-selects resolve to their own tables', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'docs', { columns: [column('id', 'uuid'), column('tenant_id', 'uuid'), column('team_id', 'uuid'), column('is_public', 'boolean')] }),
        table('public', 'memberships', { columns: [column('team_id', 'uuid'), column('user_id', 'uuid')] }),
      ],
      policies: [
        {
          schema: 'public',
          table: 'docs',
          name: 'p',
          command: 'SELECT',
          permissive: true,
          roles: ['authenticated'],
          using:
            "(is_public OR ((tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid) AND (team_id IN ( SELECT m.team_id FROM memberships m WHERE (m.user_id = auth.uid())))))",
          withCheck: null,
        },
      ],
    });
    const cols = policyFilterColumns(inv.policies[0], inv).map((c) => `${c.table}.${c.column}`).sort();
    expect(cols).toEqual(['docs.team_id', 'docs.tenant_id', 'memberships.user_id']);
    expect(run('policy-column-unindexed', inv)).toHaveLength(3);
    const indexed = inventoryWith({
      ...inv,
      indexes: [index('docs', 'docs_tenant_team', ['tenant_id', 'team_id']), index('memberships', 'm_user', ['user_id'])],
    });
    expect(run('policy-column-unindexed', indexed)).toEqual([]);
    const onlyTeam = inventoryWith({ ...inv, indexes: [index('docs', 'docs_team_tenant', ['is_public', 'tenant_id'])] });
    expect(run('policy-column-unindexed', onlyTeam).map((f) => f.object.name).sort()).toEqual(['team_id', 'tenant_id', 'user_id']);
  });

  it('policy columns: correlated EXISTS resolves qualified names to the outer table and aliases to the inner one', () => {
    const inv = inventoryWith({
      tables: [
        table('public', 'docs', { columns: [column('id', 'uuid'), column('team_id', 'uuid')] }),
        table('public', 'memberships', { columns: [column('team_id', 'uuid'), column('user_id', 'uuid')] }),
      ],
      policies: [
        {
          schema: 'public',
          table: 'docs',
          name: 'members',
          command: 'ALL',
          permissive: true,
          roles: ['authenticated'],
          using: '(EXISTS ( SELECT 1 FROM memberships m WHERE ((m.team_id = docs.team_id) AND (m.user_id = ( SELECT auth.uid() AS uid)))))',
          withCheck: null,
        },
      ],
    });
    expect(policyFilterColumns(inv.policies[0], inv).map((c) => `${c.table}.${c.column}`).sort()).toEqual([
      'docs.team_id',
      'memberships.team_id',
      'memberships.user_id',
    ]);
    const composite = inventoryWith({ ...inv, indexes: [index('memberships', 'm_user_team', ['user_id', 'team_id']), index('docs', 'd_team', ['team_id'])] });
    expect(run('policy-column-unindexed', composite)).toEqual([]);
  });

  it('duplicate indexes: same shape reported once, the unique one kept; different predicate or expression not', () => {
    const def = (name: string, tail: string, unique = false) => `CREATE ${unique ? 'UNIQUE ' : ''}INDEX ${name} ON public.t USING btree ${tail}`;
    const inv = inventoryWith({
      tables: [table('public', 't')],
      indexes: [
        index('t', 'a1', ['a'], { definition: def('a1', '(a)') }),
        index('t', 'a2', ['a'], { definition: def('a2', '(a)', true), unique: true }),
        index('t', 'a3', ['a'], { definition: def('a3', '(a) WHERE (a > 0)'), partial: true }),
        index('t', 'l1', [null], { definition: def('l1', '(lower(b))') }),
        index('t', 'l2', [null], { definition: def('l2', '(upper(b))') }),
        index('t', 'd1', ['a'], { definition: def('d1', '(a DESC)') }),
      ],
    });
    const findings = run('duplicate-index', inv);
    expect(findings.map((f) => f.object.name)).toEqual(['a1']);
    expect(findings[0].message).toContain('duplicates a2');
    expect(findings[0].remediation?.sql).toBe('DROP INDEX IF EXISTS "public"."a1";');
  });

  it('tables without a primary key, outside the managed schemas', () => {
    const inv = inventoryWith({ tables: [table('public', 'logs', { primaryKey: null }), table('storage', 'x', { primaryKey: null }), table('public', 'ok')] });
    expect(run('missing-primary-key', inv).map((f) => f.object.name)).toEqual(['logs']);
  });

  it('ignoreSchemas adds to the managed schemas, never lets them back in', () => {
    const inv = inventoryWith({
      tables: [table('public', 'logs', { primaryKey: null }), table('private', 'jobs', { primaryKey: null }), table('auth', 'x', { primaryKey: null })],
    });
    const ignoringPrivate = config({ schemaLint: { ignoreSchemas: ['private'] } });
    expect(run('missing-primary-key', inv, ignoringPrivate).map((f) => f.object.name)).toEqual(['logs']);
  });

  it('index names fit 63 bytes, stay distinct when truncated and avoid taken names', () => {
    const long = 'a'.repeat(40);
    const inv = inventoryWith({ tables: [table('public', long), table('public', 't_c_idx')] });
    const one = proposeIndexName(inv, 'public', long, ['column_number_one_with_a_long_name']);
    const two = proposeIndexName(inv, 'public', long, ['column_number_one_with_a_long_name_too']);
    expect(Buffer.byteLength(one)).toBeLessThanOrEqual(63);
    expect(one).not.toBe(two);
    expect(proposeIndexName(inv, 'public', 't', ['c'])).toBe('t_c_idx_1');
    const unicode = proposeIndexName(inv, 'public', 'ü'.repeat(40), ['c']);
    expect(Buffer.byteLength(unicode)).toBeLessThanOrEqual(63);
  });
});
