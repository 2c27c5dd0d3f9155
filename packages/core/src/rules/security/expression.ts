import { isDeepStrictEqual } from 'node:util';
import { catalogTreeOf } from '../../parser/catalog-trees.js';
import { ParserNotLoadedError, parseSqlFile, parserLoaded, withoutPositions } from '../../parser/parse.js';

/**
 * Policy expressions (pg_get_expr output of USING / WITH CHECK) read through the real PostgreSQL
 * parser: `select <expr>` is parsed and the target's syntax tree is examined. Rules decide on these
 * trees, never on the text, so `true`, `(1 = 1)`, `'t'::boolean` and `1 < 2 OR x` all read the same
 * way however they were written. The parser must be loaded (`await loadParser()`) before checks run,
 * except for expressions a catalog read brought the server's own tree for (parser/catalog-trees.ts):
 * those trees are the parser's for the same text, without positions.
 */
export type ExprNode = Record<string, unknown>;

const cache = new Map<string, ExprNode | null>();

/** The expression's syntax tree, or null when it does not parse (reported as "cannot decide"). */
export function parseExpression(expression: string): ExprNode | null {
  const hit = cache.get(expression);
  if (hit !== undefined) return hit;
  const fromCatalog = catalogTreeOf(expression);
  if (fromCatalog) {
    if (process.env.PK_CHECK_CATALOG_TREES === '1' && parserLoaded()) checkAgainstParser(expression, fromCatalog);
    cache.set(expression, fromCatalog);
    return fromCatalog;
  }
  return parsePositioned(expression);
}

/**
 * Self-check, on in the test suite (vitest.config.ts): every tree taken from the catalog must equal
 * the parser's tree of the same text, positions aside. A difference is a bug in parser/node-tree-to-raw.ts.
 */
function checkAgainstParser(expression: string, fromCatalog: ExprNode): void {
  const parsed = withoutPositions(parsePositioned(expression));
  if (!isDeepStrictEqual(parsed, fromCatalog)) {
    throw new Error(`the catalog tree of "${expression}" differs from the parser's:\n catalog ${JSON.stringify(fromCatalog)}\n parser  ${JSON.stringify(parsed)}`);
  }
}

const positioned = new Map<string, ExprNode | null>();

/** The parser's tree of the expression, with byte positions (what rewrites such as wrapAuthCalls need). */
function parsePositioned(expression: string): ExprNode | null {
  const hit = positioned.get(expression);
  if (hit !== undefined) return hit;
  let node: ExprNode | null = null;
  try {
    const statements = parseSqlFile(`select ${expression}`);
    const select = statements.length === 1 ? (statements[0].node as { SelectStmt?: { targetList?: unknown[] } }).SelectStmt : undefined;
    const target = select?.targetList?.length === 1 ? (select.targetList[0] as { ResTarget?: { val?: ExprNode } }).ResTarget : undefined;
    node = target?.val ?? null;
  } catch (error) {
    if (error instanceof ParserNotLoadedError) throw error;
    node = null;
  }
  positioned.set(expression, node);
  if (!cache.has(expression)) cache.set(expression, node);
  return node;
}

/** The node's type name and body, e.g. ['A_Expr', {...}]. */
export function unwrap(node: unknown): [string, Record<string, unknown>] | undefined {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return undefined;
  const keys = Object.keys(node);
  if (keys.length !== 1) return undefined;
  return [keys[0], (node as Record<string, Record<string, unknown>>)[keys[0]]];
}

/** The dotted name in a list of String nodes (function names, column references, operators). */
export function namesOf(list: unknown): string[] {
  if (!Array.isArray(list)) return [];
  return list.map((item) => {
    const inner = unwrap(item);
    return inner?.[0] === 'String' ? String(inner[1].sval ?? '') : '*';
  });
}

/** Visits every node in the tree; `insideSubLink` tells whether a sub-select encloses it. */
export function walk(node: unknown, visit: (type: string, body: Record<string, unknown>, insideSubLink: boolean) => void, insideSubLink = false): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, visit, insideSubLink);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const inner = unwrap(node);
  if (inner && /^[A-Z]/.test(inner[0])) {
    const [type, body] = inner;
    visit(type, body, insideSubLink);
    for (const value of Object.values(body)) walk(value, visit, insideSubLink || type === 'SubLink');
    return;
  }
  for (const value of Object.values(node)) walk(value, visit, insideSubLink);
}

type Constant = boolean | number | string | null;
const UNKNOWN = Symbol('unknown');
type Folded = Constant | typeof UNKNOWN;

/**
 * Constant-folds what can be folded without a database: literals, casts of literals, comparisons
 * and arithmetic between constants, AND/OR/NOT with SQL's three-valued logic, IS [NOT] NULL and
 * IS [NOT] TRUE on constants. Anything touching a column, a function or a sub-select is UNKNOWN,
 * except where logic alone decides (`x OR true` is true).
 */
function fold(node: unknown): Folded {
  const inner = unwrap(node);
  if (!inner) return UNKNOWN;
  const [type, body] = inner;
  switch (type) {
    case 'A_Const':
      return constantOf(body);
    case 'TypeCast':
      return castConstant(fold(body.arg), namesOf((body.typeName as { names?: unknown })?.names));
    case 'BoolExpr':
      return foldBool(String(body.boolop), (body.args as unknown[]) ?? []);
    case 'A_Expr':
      return foldOperator(body);
    case 'NullTest': {
      const value = fold(body.arg);
      if (value === UNKNOWN) return UNKNOWN;
      return body.nulltesttype === 'IS_NULL' ? value === null : value !== null;
    }
    case 'BooleanTest': {
      const value = fold(body.arg);
      if (value === UNKNOWN) return UNKNOWN;
      const test = String(body.booltesttype);
      if (test === 'IS_TRUE') return value === true;
      if (test === 'IS_NOT_FALSE') return value !== false;
      if (test === 'IS_FALSE') return value === false;
      if (test === 'IS_NOT_TRUE') return value !== true;
      if (test === 'IS_UNKNOWN') return value === null;
      return value !== null;
    }
    default:
      return UNKNOWN;
  }
}

function constantOf(body: Record<string, unknown>): Folded {
  if (body.isnull) return null;
  if ('boolval' in body) return Boolean((body.boolval as { boolval?: boolean }).boolval);
  if ('ival' in body) return Number((body.ival as { ival?: number }).ival ?? 0);
  if ('fval' in body) return Number((body.fval as { fval?: string }).fval ?? 0);
  if ('sval' in body) return String((body.sval as { sval?: string }).sval ?? '');
  return UNKNOWN;
}

function castConstant(value: Folded, typeNames: string[]): Folded {
  if (value === UNKNOWN || value === null) return value;
  const target = typeNames[typeNames.length - 1];
  if (target === 'bool' || target === 'boolean') {
    if (typeof value === 'boolean') return value;
    if (typeof value === 'number') return value !== 0;
    const text = value.trim().toLowerCase();
    if (['t', 'true', 'y', 'yes', 'on', '1'].includes(text)) return true;
    if (['f', 'false', 'n', 'no', 'off', '0'].includes(text)) return false;
    return UNKNOWN;
  }
  if (['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'integer', 'bigint', 'smallint'].includes(target)) {
    const number = Number(value);
    return Number.isFinite(number) ? number : UNKNOWN;
  }
  if (['text', 'varchar', 'bpchar', 'name'].includes(target)) return String(value);
  return UNKNOWN;
}

function foldBool(op: string, args: unknown[]): Folded {
  const values = args.map(fold);
  if (op === 'NOT_EXPR') {
    const value = values[0];
    return value === UNKNOWN || value === null ? value : !value;
  }
  if (op === 'AND_EXPR') {
    if (values.some((v) => v === false)) return false;
    if (values.every((v) => v === true)) return true;
    return values.some((v) => v === UNKNOWN) ? UNKNOWN : null;
  }
  if (values.some((v) => v === true)) return true; // OR: one true operand decides
  if (values.every((v) => v === false)) return false;
  return values.some((v) => v === UNKNOWN) ? UNKNOWN : null;
}

function foldOperator(body: Record<string, unknown>): Folded {
  if (body.kind !== 'AEXPR_OP') return UNKNOWN;
  const op = namesOf(body.name).pop();
  const left = fold(body.lexpr);
  const right = fold(body.rexpr);
  if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
  if (left === null || right === null) return null;
  if (typeof left !== typeof right) return UNKNOWN;
  switch (op) {
    case '=':
      return left === right;
    case '<>':
    case '!=':
      return left !== right;
    case '<':
      return left < right;
    case '>':
      return left > right;
    case '<=':
      return left <= right;
    case '>=':
      return left >= right;
    case '+':
      return typeof left === 'number' ? left + (right as number) : UNKNOWN;
    case '-':
      return typeof left === 'number' ? left - (right as number) : UNKNOWN;
    case '*':
      return typeof left === 'number' ? left * (right as number) : UNKNOWN;
    default:
      return UNKNOWN;
  }
}

/**
 * Memoises a per-expression answer: large schemas repeat the same policy expressions many times,
 * and every rule asks its question of each policy.
 */
function memo<T>(compute: (expression: string, ...rest: string[]) => T): (expression: string, ...rest: string[]) => T {
  const answers = new Map<string, T>();
  return (expression, ...rest) => {
    const key = rest.length === 0 ? expression : JSON.stringify([expression, ...rest]);
    let answer = answers.get(key);
    if (answer === undefined && !answers.has(key)) {
      answer = compute(expression, ...rest);
      answers.set(key, answer);
    }
    return answer as T;
  };
}

/** Whether the expression is true for every row: `true`, `1 = 1`, `'t'::bool`, `x OR true`, ... */
export const isAlwaysTrue: (expression: string) => boolean = memo((expression) => {
  const node = parseExpression(expression);
  return node !== null && fold(node) === true;
});

/** The top-level AND operands of an expression (itself when it is not an AND). */
export function conjuncts(node: ExprNode): ExprNode[] {
  const inner = unwrap(node);
  if (inner?.[0] === 'BoolExpr' && inner[1].boolop === 'AND_EXPR') {
    return ((inner[1].args as ExprNode[]) ?? []).flatMap(conjuncts);
  }
  return [node];
}

/** Strips casts: `x::uuid` → x. */
export function stripCasts(node: unknown): unknown {
  let current = node;
  for (;;) {
    const inner = unwrap(current);
    if (inner?.[0] !== 'TypeCast') return current;
    current = inner[1].arg;
  }
}

/** The column a ColumnRef names (its last field), or undefined. */
export function columnNameOf(node: unknown): string | undefined {
  const inner = unwrap(stripCasts(node));
  if (inner?.[0] !== 'ColumnRef') return undefined;
  const names = namesOf(inner[1].fields);
  return names[names.length - 1];
}

/** The string constant a node holds (through casts), or undefined. */
export function stringConstantOf(node: unknown): string | undefined {
  const inner = unwrap(stripCasts(node));
  if (inner?.[0] !== 'A_Const' || !('sval' in inner[1])) return undefined;
  return String((inner[1].sval as { sval?: string }).sval ?? '');
}

/** `auth.<name>()` (the Supabase JWT helpers), possibly wrapped in `(select ...)`. */
export function isAuthCall(node: unknown, name: string): boolean {
  const inner = unwrap(stripCasts(unwrapScalarSubquery(node)));
  if (inner?.[0] !== 'FuncCall') return false;
  const names = namesOf(inner[1].funcname);
  return names.length === 2 && names[0] === 'auth' && names[1] === name && !inner[1].args;
}

/** `(select <expr>)` → <expr>; any other node is returned as it is. */
export function unwrapScalarSubquery(node: unknown): unknown {
  const inner = unwrap(node);
  if (inner?.[0] !== 'SubLink' || inner[1].subLinkType !== 'EXPR_SUBLINK') return node;
  const select = unwrap(inner[1].subselect);
  if (select?.[0] !== 'SelectStmt') return node;
  const body = select[1];
  if (body.fromClause || body.whereClause || !Array.isArray(body.targetList) || body.targetList.length !== 1) return node;
  const target = unwrap(body.targetList[0]);
  return target?.[0] === 'ResTarget' ? target[1].val : node;
}

/** A binary operator expression: [operator, left, right], or undefined. */
export function binaryOperator(node: unknown): [string, unknown, unknown] | undefined {
  const inner = unwrap(stripCasts(unwrapScalarSubquery(node)));
  if (inner?.[0] !== 'A_Expr' || inner[1].kind !== 'AEXPR_OP') return undefined;
  const op = namesOf(inner[1].name).pop() ?? '';
  return [op, inner[1].lexpr, inner[1].rexpr];
}

/**
 * Whether a node reads the JWT claim `claim`. Accepted forms (the parsed tree, any casts, with or
 * without `(select ...)` around any part):
 *   auth.jwt() ->> 'claim'
 *   (auth.jwt() -> 'app_metadata') ->> 'claim'
 * app_metadata is accepted because only the service role can write it (Supabase's recommended
 * home for tenant ids); user_metadata is refused: every user can edit their own.
 */
export function readsJwtClaim(node: unknown, claim: string): boolean {
  const op = binaryOperator(node);
  if (!op || op[0] !== '->>' || stringConstantOf(op[2]) !== claim) return false;
  const source = op[1];
  if (isAuthCall(source, 'jwt')) return true;
  const inner = binaryOperator(source);
  return inner !== undefined && inner[0] === '->' && stringConstantOf(inner[2]) === 'app_metadata' && isAuthCall(inner[1], 'jwt');
}

/** Whether `node` is `<column> = <jwt claim>` (either side), casts allowed. */
export function isTenantEquality(node: unknown, column: string, claim: string): boolean {
  const op = binaryOperator(node);
  if (!op || op[0] !== '=') return false;
  const [, left, right] = op;
  return (columnNameOf(left) === column && readsJwtClaim(right, claim)) || (columnNameOf(right) === column && readsJwtClaim(left, claim));
}

/**
 * Whether the expression restricts rows to the JWT's tenant: one of its top-level AND operands is
 * `<column> = <claim>`. An equality under OR or NOT does not restrict (`tenant_id = claim OR true`).
 */
export function restrictsToTenant(expression: string | null, column: string, claim: string): boolean {
  return expression !== null && restrictsToTenantMemo(expression, column, claim);
}

const restrictsToTenantMemo = memo((expression, column, claim) => {
  const node = parseExpression(expression);
  if (!node) return false;
  return conjuncts(node).some((part) => isTenantEquality(part, column, claim));
});

/** Whether the expression reads user-editable metadata: JWT `user_metadata` or auth.users.raw_user_meta_data. */
export function readsUserMetadata(expression: string | null): boolean {
  return expression !== null && readsUserMetadataMemo(expression);
}

const readsUserMetadataMemo = memo((expression) => {
  const node = parseExpression(expression);
  if (!node) return false;
  let found = false;
  walk(node, (type, body) => {
    if (type === 'A_Expr' && body.kind === 'AEXPR_OP') {
      const op = namesOf(body.name).pop();
      if ((op === '->' || op === '->>') && stringConstantOf(body.rexpr) === 'user_metadata') found = true;
      if ((op === '#>' || op === '#>>') && arrayMentions(body.rexpr, 'user_metadata')) found = true;
    }
    if (type === 'ColumnRef' && namesOf(body.fields).includes('raw_user_meta_data')) found = true;
  });
  return found;
});

function arrayMentions(node: unknown, key: string): boolean {
  const text = stringConstantOf(node);
  if (text !== undefined) return text.replace(/[{}\s"]/g, '').split(',').includes(key);
  let found = false;
  walk(node, (type, body) => {
    if (type === 'A_Const' && (body.sval as { sval?: string } | undefined)?.sval === key) found = true;
  });
  return found;
}

const AUTH_HELPERS = new Set(['uid', 'jwt', 'role', 'email']);

/**
 * Calls to auth.uid()/auth.jwt()/auth.role()/auth.email() or current_setting() that are not inside
 * a sub-select: PostgreSQL then calls them once per row instead of once per statement (an initplan).
 */
export function unwrappedAuthCalls(expression: string | null): string[] {
  return expression === null ? [] : [...unwrappedAuthCallsMemo(expression)];
}

const unwrappedAuthCallsMemo = memo((expression): string[] => {
  const node = parseExpression(expression);
  if (!node) return [];
  const calls: string[] = [];
  walk(node, (type, body, insideSubLink) => {
    if (type !== 'FuncCall' || insideSubLink) return;
    const names = namesOf(body.funcname);
    const name = names[names.length - 1];
    if (names.length === 2 && names[0] === 'auth' && AUTH_HELPERS.has(name)) calls.push(`auth.${name}()`);
    else if (name === 'current_setting' && (names.length === 1 || names[0] === 'pg_catalog')) calls.push('current_setting()');
  });
  return [...new Set(calls)].sort();
});

/** Whether the expression mentions the column anywhere. */
export function referencesColumn(expression: string | null, column: string): boolean {
  if (expression === null) return false;
  const node = parseExpression(expression);
  if (!node) return false;
  let found = false;
  walk(node, (type, body) => {
    if (type === 'ColumnRef') {
      const names = namesOf(body.fields);
      if (names[names.length - 1] === column) found = true;
    }
  });
  return found;
}

/**
 * The string constants `column` is compared with (`bucket_id = 'avatars'`,
 * `bucket_id IN ('a', 'b')`), anywhere in the expression.
 */
export function valuesComparedWith(expression: string | null, column: string): string[] {
  if (expression === null) return [];
  const node = parseExpression(expression);
  if (!node) return [];
  const values: string[] = [];
  walk(node, (type, body) => {
    if (type !== 'A_Expr') return;
    const op = namesOf(body.name).pop();
    if (op !== '=') return;
    const sides: [unknown, unknown][] = [
      [body.lexpr, body.rexpr],
      [body.rexpr, body.lexpr],
    ];
    for (const [columnSide, valueSide] of sides) {
      if (columnNameOf(columnSide) !== column) continue;
      const single = stringConstantOf(valueSide);
      if (single !== undefined) values.push(single);
      if (Array.isArray(valueSide)) for (const item of valueSide) {
        const text = stringConstantOf(item);
        if (text !== undefined) values.push(text);
      }
      const list = unwrap(valueSide);
      const items = list?.[0] === 'List' ? list[1].items : list?.[0] === 'A_ArrayExpr' ? list[1].elements : undefined;
      if (Array.isArray(items)) for (const item of items) {
        const text = stringConstantOf(item);
        if (text !== undefined) values.push(text);
      }
    }
  });
  return [...new Set(values)].sort();
}

/**
 * The expression with each bare auth call (and current_setting()) wrapped in `(select ...)`, the
 * rewrite auth-rls-initplan proposes; null when there is nothing to wrap or the rewrite cannot be
 * checked. Positions come from the parse tree (byte offsets into `select <expression>`), the call's
 * end from matching its parentheses outside string literals and quoted identifiers; the result is
 * parsed again and must have no bare call left.
 */
export function wrapAuthCalls(expression: string): string | null {
  const node = parsePositioned(expression);
  if (!node) return null;
  const text = `select ${expression}`;
  const bytes = Buffer.from(text, 'utf8');
  const spans: [number, number][] = [];
  let failed = false;
  walk(node, (type, body, insideSubLink) => {
    if (type !== 'FuncCall' || insideSubLink || typeof body.location !== 'number') return;
    const names = namesOf(body.funcname);
    const name = names[names.length - 1];
    const isAuth = names.length === 2 && names[0] === 'auth' && AUTH_HELPERS.has(name);
    const isSetting = name === 'current_setting' && (names.length === 1 || names[0] === 'pg_catalog');
    if (!isAuth && !isSetting) return;
    const start = bytes.subarray(0, body.location).toString('utf8').length;
    const end = callEnd(text, start);
    if (end === undefined) failed = true;
    else spans.push([start, end]);
  });
  if (failed || spans.length === 0) return null;
  // Outermost calls only: wrapping the outer one puts the inner ones in its sub-select.
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const outer = spans.filter((span, i) => !spans.some((other, j) => j !== i && other[0] <= span[0] && other[1] >= span[1] && (other[0] !== span[0] || other[1] !== span[1])));
  let rewritten = text;
  for (const [start, end] of [...outer].reverse()) {
    rewritten = `${rewritten.slice(0, start)}(select ${rewritten.slice(start, end)})${rewritten.slice(end)}`;
  }
  const result = rewritten.slice('select '.length);
  if (parseExpression(result) === null || unwrappedAuthCalls(result).length > 0) return null;
  return result;
}

/** End (exclusive) of the call starting at `start`: just after the ')' matching its first '('. */
function callEnd(text: string, start: number): number | undefined {
  let i = start;
  let depth = 0;
  let opened = false;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "'" || ch === '"') {
      const close = skipQuoted(text, i, ch);
      if (close === undefined) return undefined;
      i = close;
      continue;
    }
    if (ch === '(') {
      depth += 1;
      opened = true;
    } else if (ch === ')') {
      depth -= 1;
      if (opened && depth === 0) return i + 1;
      if (depth < 0) return undefined;
    }
    i += 1;
  }
  return undefined;
}

/** Index just after the quoted run starting at `i` (doubled quotes are escapes). */
function skipQuoted(text: string, i: number, quote: string): number | undefined {
  let j = i + 1;
  while (j < text.length) {
    if (text[j] === quote) {
      if (text[j + 1] === quote) j += 2;
      else return j + 1;
    } else j += 1;
  }
  return undefined;
}
