import type { Inventory } from '../../inventory/schema.js';
import { flattenInventory, type InventoryObjectRow } from '../../ops/inventory-objects.js';
import type { ObjectRef } from '../types.js';

/**
 * What the drift rules share: both inventories keyed by (kind, identity) — the same keys the
 * control plane stores — computed once per inventory however many drift rules ask.
 */
const cache = new WeakMap<Inventory, Map<string, InventoryObjectRow>>();

export function objectsOf(inventory: Inventory): Map<string, InventoryObjectRow> {
  let map = cache.get(inventory);
  if (!map) {
    map = new Map(flattenInventory(inventory).map((row) => [`${row.kind}\u0000${row.identity}`, row]));
    cache.set(inventory, map);
  }
  return map;
}

export interface ObjectPair {
  before: InventoryObjectRow;
  after: InventoryObjectRow;
}

/** Objects present in both inventories whose definition hash differs. */
export function changedObjects(previous: Inventory, current: Inventory): ObjectPair[] {
  const before = objectsOf(previous);
  const out: ObjectPair[] = [];
  for (const [key, after] of objectsOf(current)) {
    const old = before.get(key);
    if (old && old.definitionHash !== after.definitionHash) out.push({ before: old, after });
  }
  return out;
}

export function addedObjects(previous: Inventory, current: Inventory): InventoryObjectRow[] {
  const before = objectsOf(previous);
  return [...objectsOf(current).entries()].filter(([key]) => !before.has(key)).map(([, row]) => row);
}

export function removedObjects(previous: Inventory, current: Inventory): InventoryObjectRow[] {
  const after = objectsOf(current);
  // Sorted: the previous inventory comes from the control plane in no particular order.
  return [...objectsOf(previous).entries()]
    .filter(([key]) => !after.has(key))
    .map(([, row]) => row)
    .sort((a, b) => (a.kind === b.kind ? (a.identity < b.identity ? -1 : a.identity > b.identity ? 1 : 0) : a.kind < b.kind ? -1 : 1));
}

/**
 * Pairs of one kind whose elements match by identity in both inventories and whose definition
 * changed: an equal hash means equal non-volatile fields, so no drift rule can fire on that pair —
 * skipping it is what keeps drift cheap when nearly nothing changed.
 */
export function pairsOf<K extends InventoryObjectRow['kind']>(previous: Inventory, current: Inventory, kind: K): ObjectPair[] {
  const before = objectsOf(previous);
  const out: ObjectPair[] = [];
  for (const [key, after] of objectsOf(current)) {
    if (after.kind !== kind) continue;
    const old = before.get(key);
    if (old && old.definitionHash !== after.definitionHash) out.push({ before: old, after });
  }
  return out;
}

type Attr = Record<string, unknown>;
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** The finding's object for a stored row, in the engine's ObjectRef terms. */
export function refOf(row: InventoryObjectRow): ObjectRef {
  const a = row.attributes as Attr;
  switch (row.kind) {
    case 'schema':
      return { kind: 'schema', schema: str(a.name), name: str(a.name) };
    case 'table':
      return { kind: 'table', schema: str(a.schema), name: str(a.name) };
    case 'policy':
      return { kind: 'policy', schema: str(a.schema), table: str(a.table), name: str(a.name) };
    case 'function':
      return { kind: 'function', schema: str(a.schema), name: str(a.name), discriminator: str(a.identityArgs) };
    case 'view':
      return { kind: a.kind === 'materialized_view' ? 'materialized_view' : 'view', schema: str(a.schema), name: str(a.name) };
    case 'foreign_table':
      return { kind: 'foreign_table', schema: str(a.schema), name: str(a.name) };
    case 'extension':
      return { kind: 'extension', schema: str(a.schema), name: str(a.name) };
    case 'index':
      return { kind: 'index', schema: str(a.schema), table: str(a.table), name: str(a.name) };
    case 'foreign_key':
      return { kind: 'foreign_key', schema: str(a.schema), table: str(a.table), name: str(a.name) };
    case 'trigger':
      return { kind: 'trigger', schema: str(a.schema), table: str(a.table), name: str(a.name) };
    case 'bucket':
      return { kind: 'bucket', schema: 'storage', name: str(a.id) };
    case 'role':
      return { kind: 'role', schema: '', name: str(a.name) };
    case 'table_grant':
      return { kind: 'table', schema: str(a.schema), name: str(a.table), discriminator: `grant to ${str(a.grantee)}` };
    case 'column_grant':
      return { kind: 'column', schema: str(a.schema), table: str(a.table), name: str(a.column), discriminator: `grant to ${str(a.grantee)}` };
  }
}

/** "table public.users", "grant on public.users to anon" — for messages. */
export function describeRow(row: InventoryObjectRow): string {
  const a = row.attributes as Attr;
  if (row.kind === 'table_grant') return `grant on ${str(a.schema)}.${str(a.table)} to ${str(a.grantee)}`;
  if (row.kind === 'column_grant') return `column grant on ${str(a.schema)}.${str(a.table)}.${str(a.column)} to ${str(a.grantee)}`;
  return `${row.kind.replace('_', ' ')} ${row.identity}`;
}

/** Top-level fields whose values differ (volatile ones excluded): what "changed" means in a message. */
export function changedFields(pair: ObjectPair): string[] {
  const before = pair.before.attributes as Attr;
  const after = pair.after.attributes as Attr;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => k !== 'location' && k !== 'estimatedRows')
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}
