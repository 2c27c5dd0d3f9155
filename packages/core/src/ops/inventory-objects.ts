import { createHash } from 'node:crypto';
import { INVENTORY_FORMAT_VERSION, type Inventory } from '../inventory/schema.js';

/**
 * An inventory as rows of `ops.inventory_objects`: one row per object, keyed by (kind, identity),
 * with a hash of its definition so a changed object is seen without comparing JSON, and the
 * object itself as attributes so the previous inventory can be rebuilt for drift.
 */
export interface InventoryObjectRow {
  kind: ObjectRowKind;
  identity: string;
  definitionHash: string;
  attributes: Record<string, unknown>;
}

type ArrayKey = Exclude<keyof Inventory, 'formatVersion' | 'capturedAt' | 'server' | 'source'>;

/** Row kind → the inventory array it comes from, and the parts that identify one element. */
const KINDS = {
  schema: { key: 'schemas', identity: (o: Rec) => [o.name] },
  table: { key: 'tables', identity: (o: Rec) => [o.schema, o.name] },
  policy: { key: 'policies', identity: (o: Rec) => [o.schema, o.table, o.name] },
  function: { key: 'functions', identity: (o: Rec) => [o.schema, `${o.name}(${o.identityArgs})`] },
  view: { key: 'views', identity: (o: Rec) => [o.schema, o.name] },
  foreign_table: { key: 'foreignTables', identity: (o: Rec) => [o.schema, o.name] },
  extension: { key: 'extensions', identity: (o: Rec) => [o.name] },
  index: { key: 'indexes', identity: (o: Rec) => [o.schema, o.table, o.name] },
  foreign_key: { key: 'foreignKeys', identity: (o: Rec) => [o.schema, o.table, o.name] },
  table_grant: { key: 'tableGrants', identity: (o: Rec) => [o.schema, o.table, `to ${o.grantee}`] },
  column_grant: { key: 'columnGrants', identity: (o: Rec) => [o.schema, o.table, o.column, `to ${o.grantee}`] },
  trigger: { key: 'triggers', identity: (o: Rec) => [o.schema, o.table, o.name] },
  bucket: { key: 'buckets', identity: (o: Rec) => [o.id] },
  role: { key: 'roles', identity: (o: Rec) => [o.name] },
} satisfies Record<string, { key: ArrayKey; identity: (o: Rec) => unknown[] }>;

export type ObjectRowKind = keyof typeof KINDS;
export const OBJECT_ROW_KINDS = Object.keys(KINDS) as ObjectRowKind[];

type Rec = Record<string, unknown>;

// Fields that move without the definition changing: where the replay found it, planner estimates.
const VOLATILE_FIELDS = new Set(['location', 'estimatedRows']);

/** JSON with sorted keys: the same object always hashes the same. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.keys(value as Rec)
      .sort()
      .filter((k) => (value as Rec)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stableStringify((value as Rec)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value);
}

function definitionHash(object: Rec): string {
  const stable: Rec = {};
  for (const [k, v] of Object.entries(object)) if (!VOLATILE_FIELDS.has(k)) stable[k] = v;
  return createHash('sha256').update(stableStringify(stable)).digest('hex').slice(0, 32);
}

/** "public.users": parts joined by dots, a part quoted only when it could be misread. */
function identityOf(parts: unknown[]): string {
  return parts
    .map((p) => String(p))
    .map((p) => (/^[A-Za-z0-9_$ ()*,:[\]-]*$/.test(p) && !p.includes('.') ? p : `"${p.replace(/"/g, '""')}"`))
    .join('.');
}

/** Every object of the inventory as a row; duplicates (same kind and identity) collapse to the last. */
// Hashing 80,000 objects is not free: drift and the writer share one flattening per inventory.
const flattened = new WeakMap<Inventory, InventoryObjectRow[]>();

export function flattenInventory(inventory: Inventory): InventoryObjectRow[] {
  const cached = flattened.get(inventory);
  if (cached) return cached;
  const rows = new Map<string, InventoryObjectRow>();
  for (const [kind, spec] of Object.entries(KINDS) as [ObjectRowKind, (typeof KINDS)[ObjectRowKind]][]) {
    for (const object of inventory[spec.key] as Rec[]) {
      const identity = identityOf(spec.identity(object));
      rows.set(`${kind}\u0000${identity}`, { kind, identity, definitionHash: definitionHash(object), attributes: object });
    }
  }
  const result = [...rows.values()];
  flattened.set(inventory, result);
  return result;
}

/** Rebuilds an inventory from stored rows (the objects present as of a scan). */
export function inventoryFromRows(
  rows: { kind: string; attributes: unknown; identity?: string; definition_hash?: string }[],
  meta: { capturedAt?: string; server?: Inventory['server']; source?: string } = {},
): Inventory {
  const inventory: Inventory = {
    formatVersion: INVENTORY_FORMAT_VERSION,
    capturedAt: meta.capturedAt ?? new Date(0).toISOString(),
    server: meta.server ?? { version: 'unknown', versionNum: 0 },
    source: meta.source ?? 'control plane',
    schemas: [],
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
  // Rows that carry their stored identity and hash become the inventory's flattening as they are:
  // rehashing 80,000 objects only to find the hashes the writer already stored is wasted time.
  const known = rows.length > 0 && rows.every((r) => r.identity !== undefined && r.definition_hash !== undefined);
  const byKind = new Map<ObjectRowKind, InventoryObjectRow[]>();
  for (const row of rows) {
    const spec = KINDS[row.kind as ObjectRowKind];
    if (!spec) continue; // a kind written by a newer version: not ours to interpret
    (inventory[spec.key] as unknown[]).push(row.attributes);
    if (known) {
      const list = byKind.get(row.kind as ObjectRowKind) ?? [];
      list.push({ kind: row.kind as ObjectRowKind, identity: row.identity!, definitionHash: row.definition_hash!, attributes: row.attributes as Rec });
      byKind.set(row.kind as ObjectRowKind, list);
    }
  }
  if (known) flattened.set(inventory, OBJECT_ROW_KINDS.flatMap((kind) => byKind.get(kind) ?? []));
  return inventory;
}
