import { INVENTORY_FORMAT_VERSION, type Inventory } from '../../src/inventory/schema.js';

/**
 * Hand-built inventories for pure rule tests. Database fixture tests (SQL in, introspection out)
 * are the main evidence; these cover shapes that are awkward to produce in SQL.
 */
export function emptyInventory(): Inventory {
  return {
    formatVersion: INVENTORY_FORMAT_VERSION,
    capturedAt: '2026-01-01T00:00:00.000Z',
    server: { version: '15.0', versionNum: 150000 },
    source: 'test',
    schemas: [{ name: 'public', owner: 'postgres', comment: null }],
    tables: [],
    policies: [],
    functions: [],
    views: [],
    foreignTables: [],
    extensions: [],
    indexes: [],
    foreignKeys: [],
    tableGrants: [],
    columnGrants: [],
    triggers: [],
    buckets: [],
    roles: [],
  };
}

type Table = Inventory['tables'][number];
type Column = Table['columns'][number];

export function column(name: string, type = 'text', extra: Partial<Column> = {}): Column {
  return { name, type, notNull: false, default: null, identity: false, generated: false, comment: null, ...extra };
}

export function table(schema: string, name: string, extra: Partial<Table> = {}): Table {
  return {
    schema,
    name,
    kind: 'table',
    owner: 'postgres',
    rlsEnabled: false,
    rlsForced: false,
    comment: null,
    columns: [column('id', 'uuid', { notNull: true })],
    primaryKey: ['id'],
    estimatedRows: -1,
    ...extra,
  };
}

export function inventoryWith(parts: Partial<Omit<Inventory, 'formatVersion'>>): Inventory {
  return { ...emptyInventory(), ...parts };
}
