import { createHash } from 'node:crypto';
import { qualified, quoteIdent } from '../../db/port.js';
import type { Index, Inventory } from '../../inventory/schema.js';

/**
 * Index coverage and index remediation shared by the rules that suggest indexes (unindexed foreign
 * keys, unindexed policy columns) and by the slow-query advisor.
 */

/** PostgreSQL truncates identifiers to NAMEDATALEN - 1 bytes. */
export const MAX_IDENTIFIER_BYTES = 63;

/** Methods whose indexes serve equality lookups on a column (BRIN only narrows block ranges). */
const LOOKUP_METHODS = new Set(['btree', 'hash', 'gist', 'gin', 'spgist']);

const indexCache = new WeakMap<Inventory, Map<string, Index[]>>();

/** The indexes of one table (grouped once per inventory: rules ask for many tables). */
export function indexesOn(inventory: Inventory, schema: string, table: string): Index[] {
  let byTable = indexCache.get(inventory);
  if (!byTable) {
    byTable = new Map();
    for (const index of inventory.indexes) {
      const key = `${index.schema}\u0000${index.table}`;
      byTable.set(key, [...(byTable.get(key) ?? []), index]);
    }
    indexCache.set(inventory, byTable);
  }
  return byTable.get(`${schema}\u0000${table}`) ?? [];
}

/** Whether an index can be used for every row lookup: valid, not partial, a lookup method. */
function usable(index: Index): boolean {
  return index.valid && !index.partial && LOOKUP_METHODS.has(index.method);
}

/**
 * Whether some index's leading key columns are exactly `columns`, in any order (a foreign key on
 * (a, b) is served by an index on (b, a, c) but not by one on (a, c, b)).
 */
export function hasCoveringIndex(indexes: readonly Index[], columns: readonly string[]): boolean {
  return indexes.some((index) => {
    if (!usable(index) || index.columns.length < columns.length) return false;
    if (index.method === 'hash' && columns.length > 1) return false;
    const leading = index.columns.slice(0, columns.length);
    return columns.every((c) => leading.includes(c));
  });
}

/**
 * Whether `column` can be reached through an index when a query filters on all of `filtered`: some
 * index has it among key columns preceded only by other filtered columns.
 */
export function columnReachable(indexes: readonly Index[], column: string, filtered: ReadonlySet<string>): boolean {
  return indexes.some((index) => {
    if (!usable(index)) return false;
    for (const key of index.columns) {
      if (key === column) return true;
      if (key === null || !filtered.has(key)) return false;
    }
    return false;
  });
}

/** Every relation name of a schema: indexes share the namespace with tables, views and sequences. */
const namesCache = new WeakMap<Inventory, Map<string, Set<string>>>();

function relationNames(inventory: Inventory, schema: string): Set<string> {
  let bySchema = namesCache.get(inventory);
  if (!bySchema) {
    bySchema = new Map();
    for (const item of [...inventory.tables, ...inventory.views, ...inventory.foreignTables, ...inventory.indexes]) {
      const names = bySchema.get(item.schema) ?? new Set<string>();
      names.add(item.name);
      bySchema.set(item.schema, names);
    }
    namesCache.set(inventory, bySchema);
  }
  return bySchema.get(schema) ?? new Set();
}

/** Cuts a name to at most `bytes` UTF-8 bytes without splitting a character. */
function truncateBytes(name: string, bytes: number): string {
  let out = '';
  let used = 0;
  for (const char of name) {
    const size = Buffer.byteLength(char, 'utf8');
    if (used + size > bytes) break;
    out += char;
    used += size;
  }
  return out;
}

/**
 * A name for a new index the way PostgreSQL would pick one, `<table>_<col>..._idx`, made to fit
 * 63 bytes (a hash of the full name keeps truncated names apart) and not to collide with a relation
 * already in the schema (a collision would turn CREATE INDEX IF NOT EXISTS into a silent no-op).
 */
export function proposeIndexName(inventory: Inventory, schema: string, table: string, columns: readonly string[]): string {
  const taken = relationNames(inventory, schema);
  const base = `${table}_${columns.join('_')}_idx`;
  const fit = (name: string, suffix: string): string => {
    if (Buffer.byteLength(name + suffix, 'utf8') <= MAX_IDENTIFIER_BYTES) return name + suffix;
    const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
    const tail = `_${hash}${suffix}`;
    return truncateBytes(name, MAX_IDENTIFIER_BYTES - Buffer.byteLength(tail, 'utf8')) + tail;
  };
  for (let n = 0; ; n += 1) {
    const candidate = fit(base, n === 0 ? '' : `_${n}`);
    if (!taken.has(candidate)) return candidate;
  }
}

/** Idempotent remediation: a btree index on the columns, every identifier quoted. */
export function createIndexSql(inventory: Inventory, schema: string, table: string, columns: readonly string[]): string {
  const name = proposeIndexName(inventory, schema, table, columns);
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${qualified(schema, table)} USING btree (${columns.map(quoteIdent).join(', ')});`;
}
