import { INVENTORY_FORMAT_VERSION, type Inventory } from '../inventory/schema.js';
import { sha256Hex } from '../text/sha256.js';

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
  /**
   * JSON.stringify(attributes) when it is already at hand: the stored text of a row read back from
   * the control plane, or the text a fresh flattening compared with it. The writer sends it as is.
   */
  json?: string;
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

// Fields that move without the definition changing: where the replay found it, planner estimates,
// and which constraints use an index (those constraints are objects, or index definitions, of their own).
const VOLATILE_FIELDS = new Set(['location', 'createdLocation', 'estimatedRows', 'constraints']);
// The same inside an object (a table's columns carry their own replay location).
const NESTED_VOLATILE_FIELDS = new Set(['location']);

/**
 * JSON with sorted keys: the same object always hashes the same. Stored definition hashes were
 * computed from exactly this text, so its output must never change (a test pins it): a different
 * text would make every stored object look changed to drift. Written as loops that append to one
 * string rather than map/filter/join, since it runs over every object of every scan.
 */
export function stableStringify(value: unknown): string {
  return stableText(value) as string;
}

// Undefined where JSON.stringify gives undefined (undefined, functions, symbols); callers mirror
// what the original template-literal version produced for those.
// `skip` (keys left out of nested objects) is only given when hashing: stableStringify writes everything.
function stableText(value: unknown, skip?: ReadonlySet<string>): string | undefined {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      // Array.prototype.join writes nothing for undefined.
      const item = stableText(value[i], skip);
      if (item !== undefined) out += item;
    }
    return `${out}]`;
  }
  return stableObjectText(value as Rec, skip, skip);
}

// Object keys repeat across every object of a kind: quote each once.
const quotedKeys = new Map<string, string>();

function stableObjectText(object: Rec, skip: ReadonlySet<string> | undefined, nestedSkip: ReadonlySet<string> | undefined): string {
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const value = object[key];
    if (value === undefined || (skip !== undefined && skip.has(key))) continue;
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = JSON.stringify(key);
      if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
    }
    // String(undefined) for a function value, as the template literal of the first version wrote.
    out += `${first ? '' : ','}${quoted}:${String(stableText(value, nestedSkip))}`;
    first = false;
  }
  return `${out}}`;
}

/** The hash of an object's non-volatile fields (the volatile ones are skipped, never copied out). */
export function definitionHash(object: Rec): string {
  return sha256Hex(stableObjectText(object, VOLATILE_FIELDS, NESTED_VOLATILE_FIELDS)).slice(0, 32);
}

/** "public.users": parts joined by dots, a part quoted only when it could be misread. */
const PLAIN_PART = /^[A-Za-z0-9_$ ()*,:[\]-]*$/;

function identityOf(parts: unknown[]): string {
  let identity = '';
  for (let i = 0; i < parts.length; i++) {
    const part = String(parts[i]);
    const written = PLAIN_PART.test(part) && !part.includes('.') ? part : `"${part.replace(/"/g, '""')}"`;
    identity = i === 0 ? written : `${identity}.${written}`;
  }
  return identity;
}

// Hashing 80,000 objects is not free: drift and the writer share one flattening per inventory.
const flattened = new WeakMap<Inventory, InventoryObjectRow[]>();

/**
 * Every object of the inventory as a row; duplicates (same kind and identity) collapse to the last.
 *
 * With a `reference` (the previous inventory as read back from the control plane, its rows
 * carrying their stored JSON text and hash), an object whose JSON text is the stored text byte for
 * byte takes the stored hash instead of being hashed: equal text means an equal object, so an equal
 * hash, and JSON.stringify is several times cheaper than the sorted-key text the hash is made of.
 * Night after night nearly every object is unchanged, so nearly nothing is hashed.
 */
export function flattenInventory(inventory: Inventory, reference?: Inventory): InventoryObjectRow[] {
  const cached = flattened.get(inventory);
  if (cached) return cached;
  const steps = flattenSteps(inventory, reference, Number.POSITIVE_INFINITY);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * flattenInventory a batch of objects at a time, giving the event loop a turn between batches: the
 * writer hands one batch to the server while the next is hashed, so hashing and inserting overlap.
 * The rows are cached as flattenInventory's once the last batch was taken.
 */
export async function* flattenInventoryInBatches(inventory: Inventory, batchSize = 1000): AsyncGenerator<InventoryObjectRow[]> {
  const cached = flattened.get(inventory);
  if (cached) {
    yield cached;
    return;
  }
  for (const batch of flattenSteps(inventory, undefined, batchSize)) {
    yield batch;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

function* flattenSteps(inventory: Inventory, reference: Inventory | undefined, batchSize: number): Generator<InventoryObjectRow[], InventoryObjectRow[]> {
  const known = reference ? storedIndexOf(reference) : undefined;
  const all: InventoryObjectRow[] = [];
  for (const [kind, spec] of Object.entries(KINDS) as [ObjectRowKind, (typeof KINDS)[ObjectRowKind]][]) {
    // Identities first (cheap): a duplicate keeps its first position and takes the last object,
    // and only that one is hashed.
    const objects = new Map<string, Rec>();
    for (const object of inventory[spec.key] as Rec[]) objects.set(identityOf(spec.identity(object)), object);
    const before = known?.get(kind);
    let batch: InventoryObjectRow[] = [];
    for (const [identity, object] of objects) {
      const stored = before?.get(identity);
      if (stored?.json !== undefined) {
        const json = JSON.stringify(object);
        // Unchanged: keep the stored string (already held) and let the fresh copy go at once.
        if (json === stored.json) batch.push({ kind, identity, definitionHash: stored.definitionHash, attributes: object, json: stored.json });
        else batch.push({ kind, identity, definitionHash: definitionHash(object), attributes: object, json });
      } else {
        batch.push({ kind, identity, definitionHash: definitionHash(object), attributes: object });
      }
      if (batch.length >= batchSize) {
        for (const row of batch) all.push(row);
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) {
      for (const row of batch) all.push(row);
      yield batch;
    }
  }
  flattened.set(inventory, all);
  return all;
}

/** A stored object's hash (and, read back with its attributes, its JSON text). */
export interface StoredEntry {
  definitionHash: string;
  json?: string;
}

/** Stored objects by kind, then identity. */
export type StoredIndex = Map<string, Map<string, StoredEntry>>;

// Built by inventoryFromRows while it reads the rows: flattenings against that inventory look up
// texts and hashes in it, and the writer what the control plane holds.
const storedIndexes = new WeakMap<Inventory, StoredIndex>();

/** The objects of an inventory read back from the control plane, by kind and identity. */
export function storedIndexOf(inventory: Inventory): StoredIndex | undefined {
  return storedIndexes.get(inventory);
}

/**
 * A row read back from the control plane. Its attributes are parsed on first use: drift reads the
 * attributes of the few objects that changed or went away, and parsing all 80,000 stored documents
 * to compare hashes only cost more than the comparison.
 */
class StoredObjectRow implements InventoryObjectRow {
  #attributes: Rec | undefined;

  constructor(
    readonly kind: ObjectRowKind,
    readonly identity: string,
    readonly definitionHash: string,
    readonly json: string,
  ) {}

  get attributes(): Rec {
    return (this.#attributes ??= JSON.parse(this.json) as Rec);
  }
}

/** One stored object: parsed attributes, or their JSON text (parsed only when read). */
export interface StoredObject {
  kind: string;
  identity?: string;
  definition_hash?: string;
  attributes?: unknown;
  json?: string;
}

/** Rebuilds an inventory from stored rows (the objects present as of a scan). */
export function inventoryFromRows(
  rows: StoredObject[],
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
  // Rows given as JSON text stay text until read (the arrays below are built on first access).
  const lazy = known && rows.every((r) => typeof r.json === 'string');
  const byKind = new Map<ObjectRowKind, InventoryObjectRow[]>();
  const index: StoredIndex = new Map();
  for (const row of rows) {
    const spec = KINDS[row.kind as ObjectRowKind];
    if (!spec) continue; // a kind written by a newer version: not ours to interpret
    const kind = row.kind as ObjectRowKind;
    let flat: InventoryObjectRow | undefined;
    if (lazy) {
      const stored = new StoredObjectRow(kind, row.identity!, row.definition_hash!, row.json!);
      let identities = index.get(kind);
      if (!identities) index.set(kind, (identities = new Map()));
      identities.set(stored.identity, stored);
      flat = stored;
    } else {
      const attributes = (row.attributes ?? JSON.parse(row.json ?? 'null')) as Rec;
      (inventory[spec.key] as unknown[]).push(attributes);
      if (known) flat = { kind, identity: row.identity!, definitionHash: row.definition_hash!, attributes };
    }
    if (flat) {
      const list = byKind.get(kind) ?? [];
      list.push(flat);
      byKind.set(kind, list);
    }
  }
  if (known) flattened.set(inventory, OBJECT_ROW_KINDS.flatMap((kind) => byKind.get(kind) ?? []));
  if (lazy) {
    storedIndexes.set(inventory, index);
    for (const kind of OBJECT_ROW_KINDS) defineLazyArray(inventory, KINDS[kind].key, byKind.get(kind) ?? []);
  }
  return inventory;
}

/** inventory[key] parses its rows' attributes on first read, then is a plain array property. */
function defineLazyArray(inventory: Inventory, key: ArrayKey, rows: InventoryObjectRow[]): void {
  const settle = (value: unknown) => {
    Object.defineProperty(inventory, key, { value, writable: true, enumerable: true, configurable: true });
    return value;
  };
  Object.defineProperty(inventory, key, {
    enumerable: true,
    configurable: true,
    get: () => settle(rows.map((row) => row.attributes)),
    set: settle,
  });
}
