import { qualified, quoteIdent } from '../db/port.js';
import type { DbFunction } from '../inventory/schema.js';
import { ParserNotLoadedError, parseSqlFile } from '../parser/parse.js';

/**
 * Builders for remediation SQL. Every statement is idempotent (running it twice gives the same
 * result and no error) and every identifier goes through quoteIdent, so hostile names
 * (`"; drop table x; --`, quotes, spaces, unicode, reserved words) stay names.
 */

/** The search_path pinned by remediation (§2.2's example): catalog first, then public. */
export const FIXED_SEARCH_PATH = 'pg_catalog, public';

/** The schema extensions are moved to (§2.3). */
export const EXTENSIONS_SCHEMA = 'extensions';

export function enableRowLevelSecurity(schema: string, table: string): string {
  return `ALTER TABLE ${qualified(schema, table)} ENABLE ROW LEVEL SECURITY;`;
}

/**
 * `schema.name(identity args)`. The identity arguments come from pg_get_function_identity_arguments
 * (already quoted by PostgreSQL); since an inventory can be read from a file, they are checked with
 * the parser to be a plain argument list before being pasted into SQL.
 */
export function functionSignature(fn: Pick<DbFunction, 'schema' | 'name' | 'identityArgs' | 'kind'>): string {
  const signature = `${qualified(fn.schema, fn.name)}(${fn.identityArgs})`;
  assertSingleStatement(`ALTER ${routineKeyword(fn)} ${signature} STABLE`, 'AlterFunctionStmt', fn.identityArgs);
  return signature;
}

function routineKeyword(fn: Pick<DbFunction, 'kind'>): 'FUNCTION' | 'PROCEDURE' {
  return fn.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION';
}

function assertSingleStatement(sql: string, expected: string, what: string): void {
  let statements;
  try {
    statements = parseSqlFile(sql);
  } catch (error) {
    if (error instanceof ParserNotLoadedError) throw error;
    throw new Error(`refusing to generate SQL: function arguments do not parse: ${JSON.stringify(what)}`);
  }
  if (statements.length !== 1 || Object.keys(statements[0].node)[0] !== expected) {
    throw new Error(`refusing to generate SQL: function arguments are not a plain argument list: ${JSON.stringify(what)}`);
  }
}

export function pinFunctionSearchPath(fn: Pick<DbFunction, 'schema' | 'name' | 'identityArgs' | 'kind'>): string {
  return `ALTER ${routineKeyword(fn)} ${functionSignature(fn)} SET search_path = ${FIXED_SEARCH_PATH};`;
}

/**
 * Takes EXECUTE away from the API roles, PUBLIC included (anon and authenticated inherit it), and
 * keeps it for service_role so server-side callers go on working.
 */
export function revokeExecuteFromApiRoles(fn: Pick<DbFunction, 'schema' | 'name' | 'identityArgs' | 'kind'>, keepServiceRole: boolean): string {
  const keyword = routineKeyword(fn);
  const signature = functionSignature(fn);
  const lines = [`REVOKE EXECUTE ON ${keyword} ${signature} FROM PUBLIC, anon, authenticated;`];
  if (keepServiceRole) lines.push(`GRANT EXECUTE ON ${keyword} ${signature} TO service_role;`);
  return lines.join('\n');
}

export function setViewSecurityInvoker(schema: string, view: string): string {
  return `ALTER VIEW ${qualified(schema, view)} SET (security_invoker = true);`;
}

/** Takes every privilege on a relation away from the API roles and PUBLIC. */
export function revokeRelationFromApiRoles(schema: string, name: string): string {
  return `REVOKE ALL ON TABLE ${qualified(schema, name)} FROM PUBLIC, anon, authenticated;`;
}

/**
 * Moves a relocatable extension to the extensions schema. ALTER EXTENSION ... SET SCHEMA to the
 * schema it is already in is a no-op, so the pair runs twice.
 */
export function moveExtensionToExtensionsSchema(extension: string): string {
  return [`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(EXTENSIONS_SCHEMA)};`, `ALTER EXTENSION ${quoteIdent(extension)} SET SCHEMA ${quoteIdent(EXTENSIONS_SCHEMA)};`].join('\n');
}

/** A comment line that cannot end early: newlines in names are flattened. */
export function sqlComment(text: string): string {
  return `-- ${text.replace(/[\r\n]+/g, ' ')}`;
}


/**
 * Rewrites a policy's expressions: `ALTER POLICY ... USING (...) WITH CHECK (...)` with the clauses
 * the policy has. Setting the same expressions again is a no-op, so it runs twice.
 */
export function alterPolicyExpressions(
  policy: { schema: string; table: string; name: string },
  using: string | null,
  withCheck: string | null,
): string {
  const clauses = [...(using !== null ? [`USING (${using})`] : []), ...(withCheck !== null ? [`WITH CHECK (${withCheck})`] : [])];
  return `ALTER POLICY ${quoteIdent(policy.name)} ON ${qualified(policy.schema, policy.table)} ${clauses.join(' ')};`;
}
