import type { DbFunction, Inventory, Policy } from '../../inventory/schema.js';
import type { ResolvedConfig } from '../../config/schema.js';
import type { ObjectRef } from '../types.js';

/**
 * Helpers shared by the security rules: which schemas are exposed or managed by Supabase, who can
 * reach a relation through the Data API, and object references for findings.
 */

/** Schemas Supabase (or an extension it ships) owns: their objects are not the project's to fix. */
export const MANAGED_SCHEMAS: ReadonlySet<string> = new Set([
  '_timescaledb_cache',
  '_timescaledb_catalog',
  '_timescaledb_config',
  '_timescaledb_internal',
  'auth',
  'cron',
  'extensions',
  'graphql',
  'graphql_public',
  'information_schema',
  'net',
  'pg_catalog',
  'pg_toast',
  'pgbouncer',
  'pgmq',
  'pgroonga',
  'pgsodium',
  'pgsodium_masks',
  'pgtle',
  'realtime',
  'repack',
  'storage',
  'supabase_functions',
  'supabase_migrations',
  'tiger',
  'topology',
  'vault',
]);

/** Roles the Data API serves requests as, plus PUBLIC (which both inherit). */
export const API_GRANTEES: ReadonlySet<string> = new Set(['anon', 'authenticated', 'PUBLIC', 'public']);

export function isExposed(config: ResolvedConfig, schema: string): boolean {
  return config.exposedSchemas.includes(schema);
}

export function isManaged(schema: string): boolean {
  return MANAGED_SCHEMAS.has(schema) || schema.startsWith('pg_');
}

/** The project's own schemas: everything but Supabase's and PostgreSQL's. */
export function isUserSchema(schema: string): boolean {
  return !isManaged(schema);
}

/** Whether a policy applies to requests from the Data API (anon, authenticated, or every role). */
export function appliesToApiRoles(policy: Policy): boolean {
  return policy.roles.some((role) => API_GRANTEES.has(role));
}

/** The API roles (anon, authenticated) a policy applies to; 'public' stands for both. */
export function apiRolesOf(policy: Policy): string[] {
  if (policy.roles.includes('public') || policy.roles.includes('PUBLIC')) return ['anon', 'authenticated'];
  return policy.roles.filter((role) => role === 'anon' || role === 'authenticated').sort();
}

/**
 * Per-inventory lookups by relation, built once: rules ask "which policies / grants does this
 * table have" for every table, and a linear search each time would make a 10,000-table scan
 * quadratic. Keyed weakly on the inventory object, so a new inventory gets a new index.
 */
interface RelationIndex {
  policies: Map<string, Policy[]>;
  tableGrants: Map<string, Inventory['tableGrants']>;
  columnGrants: Map<string, Inventory['columnGrants']>;
}

const indexes = new WeakMap<Inventory, RelationIndex>();

function relationKey(schema: string, name: string): string {
  return JSON.stringify([schema, name]);
}

function group<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = map.get(key);
    if (list) list.push(item);
    else map.set(key, [item]);
  }
  return map;
}

function indexOf(inventory: Inventory): RelationIndex {
  let index = indexes.get(inventory);
  if (!index) {
    index = {
      policies: group(inventory.policies, (p) => relationKey(p.schema, p.table)),
      tableGrants: group(inventory.tableGrants, (g) => relationKey(g.schema, g.table)),
      columnGrants: group(inventory.columnGrants, (g) => relationKey(g.schema, g.table)),
    };
    indexes.set(inventory, index);
  }
  return index;
}

function normaliseGrantee(grantee: string): string {
  return grantee.toLowerCase() === 'public' ? 'PUBLIC' : grantee;
}

/** The API grantees holding any of `privileges` on a relation (SELECT by default). */
export function apiGranteesOf(inventory: Inventory, schema: string, name: string, privileges: readonly string[] = ['SELECT']): string[] {
  const grants = indexOf(inventory).tableGrants.get(relationKey(schema, name)) ?? [];
  const grantees = grants
    .filter((g) => API_GRANTEES.has(g.grantee) && g.privileges.some((p) => privileges.includes(p)))
    .map((g) => normaliseGrantee(g.grantee));
  return [...new Set(grantees)].sort();
}

/** The API grantees holding a column-level SELECT on a column. */
export function apiColumnGranteesOf(inventory: Inventory, schema: string, table: string, column: string): string[] {
  const grants = indexOf(inventory).columnGrants.get(relationKey(schema, table)) ?? [];
  const grantees = grants
    .filter((g) => g.column === column && API_GRANTEES.has(g.grantee) && g.privileges.includes('SELECT'))
    .map((g) => normaliseGrantee(g.grantee));
  return [...new Set(grantees)].sort();
}

export function policiesOf(inventory: Inventory, table: { schema: string; name: string }): Policy[] {
  return indexOf(inventory).policies.get(relationKey(table.schema, table.name)) ?? [];
}

export function tableRef(table: { schema: string; name: string }): ObjectRef {
  return { kind: 'table', schema: table.schema, name: table.name };
}

export function policyRef(policy: Policy): ObjectRef {
  return { kind: 'policy', schema: policy.schema, table: policy.table, name: policy.name };
}

export function functionRef(fn: DbFunction): ObjectRef {
  return { kind: 'function', schema: fn.schema, name: fn.name, discriminator: fn.identityArgs };
}

/** `schema.name(args)` for messages. */
export function functionLabel(fn: DbFunction): string {
  return `${fn.schema}.${fn.name}(${fn.identityArgs})`;
}

export function tableLabel(table: { schema: string; name: string }): string {
  return `${table.schema}.${table.name}`;
}

export function policyLabel(policy: Policy): string {
  return `policy "${policy.name}" on ${policy.schema}.${policy.table}`;
}

/** "a, b and c" */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Whether a function's config pins search_path (to anything, even ''). */
export function hasFixedSearchPath(fn: DbFunction): boolean {
  return fn.searchPath !== null || fn.config.some((entry) => entry.toLowerCase().startsWith('search_path='));
}

/** Functions the project wrote: in its own schemas, and real functions or procedures. */
export function projectFunctions(inventory: Inventory): DbFunction[] {
  return inventory.functions.filter((fn) => isUserSchema(fn.schema) && (fn.kind === 'function' || fn.kind === 'procedure'));
}

export const STORAGE_OBJECTS = { schema: 'storage', name: 'objects' } as const;
