import { EMBEDDED_EXTENSIONS } from '../db/embedded.js';

/**
 * Extensions a Supabase project may create that the embedded PostgreSQL cannot load. The replay
 * skips their CREATE EXTENSION (with a notice), creates their home schema as a stand-in so
 * statements such as `grant usage on schema cron ...` still apply, and skips a later statement that
 * fails only because it uses one of their objects. The names below are what such a statement
 * mentions: schemas, types, functions, languages, foreign-data wrappers.
 */
interface Footprint {
  schemas: string[];
  names: string[];
}

const KNOWN: Record<string, Footprint> = {
  pg_net: { schemas: ['net'], names: ['http_get', 'http_post', 'http_delete', 'http_collect_response'] },
  pg_cron: { schemas: ['cron'], names: ['schedule', 'unschedule', 'schedule_in_database', 'alter_job', 'job', 'job_run_details'] },
  pgsodium: { schemas: ['pgsodium', 'pgsodium_masks'], names: ['crypto_aead_det_encrypt', 'crypto_aead_det_decrypt', 'key'] },
  supabase_vault: { schemas: ['vault'], names: ['create_secret', 'update_secret', 'secrets', 'decrypted_secrets'] },
  wrappers: { schemas: [], names: ['wasm_fdw_handler', 'wasm_fdw_validator', 'stripe_fdw_handler', 'postgres_fdw_handler', 'wrappers_fdw_stats'] },
  pg_graphql: { schemas: ['graphql'], names: ['resolve', 'comment_directive'] },
  vector: { schemas: [], names: ['vector', 'halfvec', 'sparsevec', 'hnsw', 'ivfflat', 'vector_cosine_ops', 'vector_l2_ops', 'vector_ip_ops', 'cosine_distance', 'l2_distance', 'inner_product'] },
  postgis: { schemas: [], names: ['geometry', 'geography', 'box2d', 'box3d', 'st_point', 'st_makepoint', 'st_setsrid', 'st_distance', 'st_dwithin', 'st_contains', 'st_intersects', 'gist_geometry_ops_2d'] },
  http: { schemas: [], names: ['http', 'http_get', 'http_post', 'http_put', 'http_delete', 'http_request', 'http_response'] },
  pg_jsonschema: { schemas: [], names: ['json_matches_schema', 'jsonb_matches_schema'] },
  pgjwt: { schemas: [], names: ['sign', 'verify', 'url_encode', 'url_decode'] },
  pg_hashids: { schemas: [], names: ['id_encode', 'id_decode'] },
  plv8: { schemas: [], names: ['plv8'] },
  pgroonga: { schemas: ['pgroonga'], names: ['pgroonga', '&@~', '&@'] },
  timescaledb: { schemas: ['timescaledb_information'], names: ['create_hypertable', 'time_bucket'] },
  pgmq: { schemas: ['pgmq'], names: ['send', 'read', 'create'] },
  pgaudit: { schemas: [], names: [] },
  pg_stat_monitor: { schemas: [], names: [] },
  index_advisor: { schemas: [], names: ['index_advisor'] },
  hypopg: { schemas: [], names: ['hypopg_create_index'] },
  postgres_fdw: { schemas: [], names: ['postgres_fdw'] },
};

/** Extensions the embedded database can create itself (plpgsql is built in). */
export function embeddable(extension: string): boolean {
  return extension === 'plpgsql' || EMBEDDED_EXTENSIONS.includes(extension);
}

/** The schema to create as a stand-in for a skipped extension, if it has one of its own. */
export function standInSchemas(extension: string): string[] {
  return KNOWN[extension]?.schemas ?? [];
}

/** Names a skipped extension's objects go by (its own name included). */
export function footprintNames(extension: string): Set<string> {
  const footprint = KNOWN[extension];
  return new Set([extension, ...(footprint?.schemas ?? []), ...(footprint?.names ?? [])]);
}

/** SQLSTATEs of "X does not exist": what a statement fails with when it uses a skipped extension. */
const MISSING_OBJECT_STATES = new Set([
  '42704', // undefined_object: type, language, foreign-data wrapper, operator class
  '42883', // undefined_function
  '42P01', // undefined_table
  '3F000', // invalid_schema_name
  '42703', // undefined_column (a column of a skipped extension's type never got created)
]);

/**
 * Decides whether a failed statement failed only because of skipped extensions: the error says an
 * object is missing, and the statement's syntax tree mentions a name of a skipped extension (or
 * the extension is one we know no names of, in which case any "missing object" error is blamed on it).
 */
export function blameSkippedExtension(
  skipped: ReadonlySet<string>,
  sqlstate: string | undefined,
  identifiers: ReadonlySet<string>,
): string | undefined {
  if (skipped.size === 0 || !sqlstate || !MISSING_OBJECT_STATES.has(sqlstate)) return undefined;
  for (const extension of skipped) {
    const footprint = KNOWN[extension];
    if (!footprint) return extension;
    const mentioned = [extension, ...footprint.schemas, ...footprint.names].some((name) => identifiers.has(name));
    if (mentioned) return extension;
  }
  return undefined;
}

/** Every identifier-like string in a syntax tree (names, type names, function names, languages). */
export function identifiersOf(node: unknown, into: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) {
    for (const item of node) identifiersOf(item, into);
  } else if (node && typeof node === 'object') {
    for (const [field, value] of Object.entries(node)) {
      if (field === 'A_Const') continue; // string literals are data, not names
      if (typeof value === 'string') {
        if (IDENTIFIER_FIELDS.has(field)) into.add(value.toLowerCase());
      } else identifiersOf(value, into);
    }
  }
  return into;
}

// Fields of parser nodes that carry names (String.sval covers qualified names and type names).
const IDENTIFIER_FIELDS = new Set([
  'sval', 'relname', 'schemaname', 'colname', 'extname', 'fdwname', 'servername', 'accessMethod', 'newschema', 'name', 'defname',
]);
