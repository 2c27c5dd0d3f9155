import type { Inventory, Location } from '../inventory/schema.js';
import { key, type ProvenanceLog } from './provenance.js';

const at = (entry: Location | undefined): { location?: Location } =>
  entry ? { location: { file: entry.file, line: entry.line } } : {};

/**
 * Puts the migration file and line on every inventory object the replay saw created or altered.
 * Objects a statement created implicitly take their table's location: a primary-key or unique
 * index, an unnamed index, a foreign key whose statement could not be read. Columns take their
 * own definition (or its last change), else the statement that created their table; tables also
 * carry that creating statement as `createdLocation`.
 */
export function locateInventory(inventory: Inventory, log: ProvenanceLog): Inventory {
  const relation = (schema: string, name: string) => log.get(key.relation(schema, name));
  const created = (schema: string, name: string) => log.get(key.created(schema, name)) ?? relation(schema, name);
  return {
    ...inventory,
    tables: inventory.tables.map((t) => {
      // Only a statement that really created the table (not a later ALTER of a baseline table).
      const createdEntry = log.get(key.created(t.schema, t.name));
      return {
        ...t,
        columns: t.columns.map((c) => ({ ...c, ...at(log.get(key.column(t.schema, t.name, c.name)) ?? createdEntry) })),
        ...at(relation(t.schema, t.name)),
        ...(createdEntry ? { createdLocation: { file: createdEntry.file, line: createdEntry.line } } : {}),
      };
    }),
    views: inventory.views.map((v) => ({ ...v, ...at(relation(v.schema, v.name)) })),
    foreignTables: inventory.foreignTables.map((f) => ({ ...f, ...at(relation(f.schema, f.name)) })),
    policies: inventory.policies.map((p) => ({ ...p, ...at(log.get(key.policy(p.schema, p.table, p.name))) })),
    functions: inventory.functions.map((f) => ({ ...f, ...at(log.get(key.fn(f.schema, f.name))) })),
    extensions: inventory.extensions.map((e) => ({ ...e, ...at(log.get(key.extension(e.name))) })),
    indexes: inventory.indexes.map((i) => ({
      ...i,
      ...at(log.get(key.index(i.schema, i.name)) ?? created(i.schema, i.table)),
    })),
    triggers: inventory.triggers.map((t) => ({ ...t, ...at(log.get(key.trigger(t.schema, t.table, t.name))) })),
    foreignKeys: inventory.foreignKeys.map((fk) => {
      const entry = log.get(key.foreignKey(fk.schema, fk.table, fk.name));
      if (!entry) return { ...fk, ...at(created(fk.schema, fk.table)) };
      return {
        ...fk,
        ...at(entry),
        ...(entry.onDeleteExplicit !== undefined ? { onDeleteExplicit: entry.onDeleteExplicit } : {}),
      };
    }),
    buckets: inventory.buckets.map((b) => ({ ...b, ...at(log.get(key.bucket(b.id))) })),
  };
}
