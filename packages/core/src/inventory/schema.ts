import { z } from 'zod';

/**
 * The inventory: what introspection observed in one database (§1.2). Rules run on it, the control
 * plane stores it, and a saved inventory can be checked without a database. JSON-serialisable;
 * validated with zod wherever it crosses a boundary (read from a file, returned by introspection).
 *
 * `location` is filled by the migrations replay: the migration file and line that created or last
 * altered the object. It is absent when the inventory came from a live database.
 */
export const LocationSchema = z.object({
  file: z.string(),
  line: z.number().int().positive(),
  column: z.number().int().positive().optional(),
});
export type Location = z.infer<typeof LocationSchema>;

const location = LocationSchema.optional();

export const ColumnSchema = z.object({
  name: z.string(),
  /** format_type() output, e.g. "uuid", "character varying(20)", "timestamp with time zone". */
  type: z.string(),
  notNull: z.boolean(),
  default: z.string().nullable(),
  identity: z.boolean(),
  generated: z.boolean(),
  comment: z.string().nullable(),
  /**
   * Replay only: the column's definition (in CREATE TABLE or ADD COLUMN) or the statement that last
   * changed it (ALTER COLUMN TYPE, SET/DROP NOT NULL, SET/DROP DEFAULT, identity, generation); a
   * column no statement defined on its own (LIKE, PARTITION OF, CREATE TABLE AS) takes the statement
   * that created its table.
   */
  location,
});
export type Column = z.infer<typeof ColumnSchema>;

export const SchemaSchema = z.object({
  name: z.string(),
  owner: z.string(),
  comment: z.string().nullable(),
});

export const TableSchema = z.object({
  schema: z.string(),
  name: z.string(),
  /** 'table' (relkind r) or 'partitioned' (relkind p). */
  kind: z.enum(['table', 'partitioned']),
  owner: z.string(),
  rlsEnabled: z.boolean(),
  rlsForced: z.boolean(),
  comment: z.string().nullable(),
  columns: z.array(ColumnSchema),
  /** Column names of the primary key, in key order; null when the table has none. */
  primaryKey: z.array(z.string()).nullable(),
  /** Estimated rows (pg_class.reltuples; -1 when never analysed). */
  estimatedRows: z.number(),
  /**
   * Set on a partition only: the partitioned table it is attached to. Its columns, keys, foreign
   * keys and indexes come from that parent, so rules report the parent, not every partition.
   * Absent otherwise (not null: tables that are not partitions hash as before the field existed).
   */
  partitionOf: z.object({ schema: z.string(), name: z.string() }).optional(),
  /** The statement that last created or altered the table (RLS, grants, comments, columns...). */
  location,
  /**
   * Replay only: the statement that created the table. Findings about something the table lacks (a
   * missing column) point here rather than at an unrelated later ALTER TABLE.
   */
  createdLocation: location,
});
export type Table = z.infer<typeof TableSchema>;

export const PolicyCommandSchema = z.enum(['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE']);
export const PolicySchema = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  command: PolicyCommandSchema,
  permissive: z.boolean(),
  /** Role names; 'public' means every role (PostgreSQL's own spelling in pg_policies). */
  roles: z.array(z.string()),
  /** pg_get_expr() of USING; null when absent. */
  using: z.string().nullable(),
  /** pg_get_expr() of WITH CHECK; null when absent. */
  withCheck: z.string().nullable(),
  location,
});
export type Policy = z.infer<typeof PolicySchema>;

export const FunctionSchema = z.object({
  schema: z.string(),
  name: z.string(),
  /** pg_get_function_identity_arguments(): tells overloads apart. */
  identityArgs: z.string(),
  kind: z.enum(['function', 'procedure', 'aggregate', 'window']),
  language: z.string(),
  returns: z.string().nullable(),
  securityDefiner: z.boolean(),
  volatility: z.enum(['immutable', 'stable', 'volatile']),
  /** proconfig entries, e.g. ["search_path=pg_catalog, public"]. */
  config: z.array(z.string()),
  /** The search_path the function pins (from config), or null when it inherits the caller's. */
  searchPath: z.string().nullable(),
  owner: z.string(),
  /** Roles holding EXECUTE, 'PUBLIC' included when granted to everyone (the default for functions). */
  executeGrantees: z.array(z.string()),
  comment: z.string().nullable(),
  /** MD5 of the body (prosrc): lets drift see a changed body without storing it. */
  bodyHash: z.string(),
  location,
});
export type DbFunction = z.infer<typeof FunctionSchema>;

export const RelationRefSchema = z.object({ schema: z.string(), name: z.string() });

export const ViewSchema = z.object({
  schema: z.string(),
  name: z.string(),
  kind: z.enum(['view', 'materialized_view']),
  owner: z.string(),
  /** security_invoker=true in reloptions (PostgreSQL 15+); materialized views are always false. */
  securityInvoker: z.boolean(),
  securityBarrier: z.boolean(),
  definition: z.string(),
  /** Tables and views the view reads from (pg_depend through the rewrite rule). */
  dependsOn: z.array(RelationRefSchema),
  comment: z.string().nullable(),
  location,
});
export type View = z.infer<typeof ViewSchema>;

export const ForeignTableSchema = z.object({
  schema: z.string(),
  name: z.string(),
  owner: z.string(),
  server: z.string(),
  location,
});
export type ForeignTable = z.infer<typeof ForeignTableSchema>;

export const ExtensionSchema = z.object({
  name: z.string(),
  schema: z.string(),
  installedVersion: z.string(),
  defaultVersion: z.string().nullable(),
  relocatable: z.boolean(),
  location,
});
export type Extension = z.infer<typeof ExtensionSchema>;

export const IndexSchema = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  /** Key columns in order; an expression key is null. */
  columns: z.array(z.string().nullable()),
  unique: z.boolean(),
  primary: z.boolean(),
  /** Has a WHERE clause. */
  partial: z.boolean(),
  valid: z.boolean(),
  method: z.string(),
  definition: z.string(),
  /**
   * Constraints that need the index (the key it backs, foreign keys referencing through it). Absent
   * in inventories written before it was read: then unknown.
   */
  constraints: z.array(z.string()).optional(),
  location,
});
export type Index = z.infer<typeof IndexSchema>;

export const FkActionSchema = z.enum(['NO ACTION', 'RESTRICT', 'CASCADE', 'SET NULL', 'SET DEFAULT']);
export const ForeignKeySchema = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  columns: z.array(z.string()),
  refSchema: z.string(),
  refTable: z.string(),
  refColumns: z.array(z.string()),
  onDelete: FkActionSchema,
  onUpdate: FkActionSchema,
  /** false for a constraint added NOT VALID and not yet validated. */
  validated: z.boolean(),
  /**
   * Whether ON DELETE was written out. The catalog stores NO ACTION both for "omitted" and for an
   * explicit NO ACTION, so only the migrations replay (reading the syntax tree) can tell; absent on a live database.
   */
  onDeleteExplicit: z.boolean().optional(),
  /** What the referenced columns are: the primary key, another unique constraint, or a unique index. */
  referencedKey: z.enum(['primary', 'unique']),
  location,
});
export type ForeignKey = z.infer<typeof ForeignKeySchema>;

/** Table-level privileges granted to a role (only the API roles and PUBLIC are collected). */
export const TableGrantSchema = z.object({
  schema: z.string(),
  table: z.string(),
  /** 'table' | 'view' | 'materialized_view' | 'foreign_table' | 'partitioned' */
  relationKind: z.enum(['table', 'partitioned', 'view', 'materialized_view', 'foreign_table']),
  grantee: z.string(),
  privileges: z.array(z.string()),
});
export type TableGrant = z.infer<typeof TableGrantSchema>;

export const ColumnGrantSchema = z.object({
  schema: z.string(),
  table: z.string(),
  column: z.string(),
  grantee: z.string(),
  privileges: z.array(z.string()),
});
export type ColumnGrant = z.infer<typeof ColumnGrantSchema>;

export const TriggerSchema = z.object({
  schema: z.string(),
  table: z.string(),
  name: z.string(),
  functionSchema: z.string(),
  functionName: z.string(),
  timing: z.enum(['BEFORE', 'AFTER', 'INSTEAD OF']),
  events: z.array(z.enum(['INSERT', 'UPDATE', 'DELETE', 'TRUNCATE'])),
  level: z.enum(['ROW', 'STATEMENT']),
  enabled: z.boolean(),
  location,
});
export type Trigger = z.infer<typeof TriggerSchema>;

export const BucketSchema = z.object({
  id: z.string(),
  name: z.string(),
  public: z.boolean(),
  fileSizeLimit: z.number().nullable(),
  allowedMimeTypes: z.array(z.string()).nullable(),
  location,
});
export type Bucket = z.infer<typeof BucketSchema>;

export const RoleSchema = z.object({
  name: z.string(),
  superuser: z.boolean(),
  bypassRls: z.boolean(),
  canLogin: z.boolean(),
});
export type Role = z.infer<typeof RoleSchema>;

export const INVENTORY_FORMAT_VERSION = 1;

export const InventorySchema = z.object({
  formatVersion: z.literal(INVENTORY_FORMAT_VERSION),
  capturedAt: z.string(),
  server: z.object({ version: z.string(), versionNum: z.number().int() }),
  /** Where it came from, with no secret in it: "embedded replay of supabase/migrations" or "db.example.com:5432/postgres". */
  source: z.string(),
  schemas: z.array(SchemaSchema),
  tables: z.array(TableSchema),
  policies: z.array(PolicySchema),
  functions: z.array(FunctionSchema),
  views: z.array(ViewSchema),
  foreignTables: z.array(ForeignTableSchema),
  extensions: z.array(ExtensionSchema),
  indexes: z.array(IndexSchema),
  foreignKeys: z.array(ForeignKeySchema),
  tableGrants: z.array(TableGrantSchema),
  columnGrants: z.array(ColumnGrantSchema),
  triggers: z.array(TriggerSchema),
  buckets: z.array(BucketSchema),
  roles: z.array(RoleSchema),
});
export type Inventory = z.infer<typeof InventorySchema>;

/** The roles Supabase's Data API serves requests as. */
export const API_ROLES = ['anon', 'authenticated'] as const;
