import type { ResolvedConfig } from '../../config/schema.js';
import { schemaLintConfigSchema, SUPABASE_MANAGED_SCHEMAS, type SchemaLintConfig } from '../../config/sections/schema-lint.js';
import type { Column, Inventory, Location, Table } from '../../inventory/schema.js';
import { tableMatches } from '../../config/object-pattern.js';

/**
 * Which tables the schema rules look at, and which of them are tenant-scoped (§5.1). Shared by the
 * rules of this family so that they agree on scope.
 */

/**
 * The schemaLint section with every default applied. Parsing again is a no-op on a resolved config and
 * fills the defaults for hand-built configs that left the section out.
 */
const settingsCache = new WeakMap<ResolvedConfig, SchemaLintConfig>();

export function schemaLintSettings(config: ResolvedConfig): SchemaLintConfig {
  let settings = settingsCache.get(config);
  if (!settings) {
    settings = schemaLintConfigSchema.parse(config.schemaLint ?? {});
    settingsCache.set(config, settings);
  }
  return settings;
}

const MANAGED = new Set<string>(SUPABASE_MANAGED_SCHEMAS);

/** Whether schema-lint checks tables of this schema: not a system or Supabase-managed schema, not one the config ignores. */
export function isCheckedSchema(schema: string, config: ResolvedConfig): boolean {
  if (schema.startsWith('pg_') || MANAGED.has(schema)) return false;
  return !schemaLintSettings(config).ignoreSchemas.includes(schema);
}

/**
 * The project's own tables: everything outside the ignored (Supabase-managed and system) schemas.
 * Partitions are left out: their columns, primary key, foreign keys and indexes are the partitioned
 * table's, which is checked (and reported) once instead of once per partition.
 */
export function checkedTables(inventory: Inventory, config: ResolvedConfig): Table[] {
  return inventory.tables.filter((t) => isCheckedSchema(t.schema, config) && !isPartition(t));
}

export function isPartition(table: Table): boolean {
  return table.partitionOf !== undefined;
}

export function columnOf(table: Table, name: string): Column | undefined {
  return table.columns.find((c) => c.name === name);
}

/**
 * Where a finding about a column points (replay only): the column's definition or last change,
 * else the table's. A column that is missing points at the statement that created the table, not at
 * whatever later ALTER TABLE touched it last.
 */
export function columnLocation(table: Table, column: Column | undefined): { location?: Location } {
  const location = column ? (column.location ?? table.location) : (table.createdLocation ?? table.location);
  return location ? { location } : {};
}

const tableCache = new WeakMap<Inventory, Map<string, Table>>();

/** A table by schema and name (indexed once per inventory: rules look up many). */
export function findTable(inventory: Inventory, schema: string, name: string): Table | undefined {
  let byName = tableCache.get(inventory);
  if (!byName) {
    byName = new Map(inventory.tables.map((t) => [`${t.schema}\u0000${t.name}`, t]));
    tableCache.set(inventory, byName);
  }
  return byName.get(`${schema}\u0000${name}`);
}

export interface TenantScoped {
  table: Table;
  /** Why the table counts as tenant-scoped, for the message. */
  reason: string;
}

/**
 * Tenant-scoped tables (§5.1). `tenancy.tables: auto` makes every table of an exposed schema that has
 * the tenant column tenant-scoped; a list of patterns names them instead. With
 * `schemaLint.requireTenantColumn`, every table of an exposed schema is tenant-scoped except
 * `schemaLint.tenantExemptTables`.
 */
export function tenantScopedTables(inventory: Inventory, config: ResolvedConfig): TenantScoped[] {
  const settings = schemaLintSettings(config);
  const tenantColumn = config.tenancy.column;
  const out: TenantScoped[] = [];
  for (const table of checkedTables(inventory, config)) {
    const exposed = config.exposedSchemas.includes(table.schema);
    const exempt = tableMatches(settings.tenantExemptTables, table.schema, table.name);
    if (settings.requireTenantColumn && exposed && !exempt) {
      out.push({ table, reason: `every table in the exposed schema "${table.schema}" is tenant-scoped (schemaLint.requireTenantColumn)` });
    } else if (config.tenancy.tables === 'auto') {
      if (exposed && columnOf(table, tenantColumn)) {
        out.push({ table, reason: `it is in an exposed schema and has a "${tenantColumn}" column (tenancy.tables: auto)` });
      }
    } else if (tableMatches(config.tenancy.tables, table.schema, table.name)) {
      out.push({ table, reason: 'it matches tenancy.tables' });
    }
  }
  return out;
}
