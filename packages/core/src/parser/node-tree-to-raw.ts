import { isTreeNode, NodeTreeSyntaxError, readNodeTree, type TreeNode, type TreeValue } from './node-tree.js';

/**
 * The server's syntax tree of a policy expression (pg_node_tree text, read by node-tree.ts) turned
 * into the tree libpg-query gives for the text pg_get_expr prints for it — the shape the rules read —
 * by following the server's deparser (ruleutils.c): which casts it prints, how it names columns,
 * functions, operators and types, when it writes `AS`. Whatever it does not follow exactly is
 * "unsupported", and the caller parses the printed text instead (catalog-trees.ts).
 */
type RawNode = Record<string, unknown>;

/** What policy-trees.sql returns. */
export interface CatalogTreeNames {
  trees: [expression: string, tree: string, relid: number][];
  /** oid → [schema when not on the search path, name] */
  operators: Record<string, [string | null, string]>;
  functions: Record<string, [string | null, string]>;
  /** oid → [schema ('pg_catalog', null when on the search path, else its name), name, element type, typtype, typcategory] */
  types: Record<string, [string | null, string, number | null, string, string]>;
  /** pg_enum oid → label */
  enums: Record<string, string>;
  /** oid → [schema when not on the search path, name, column names by attnum (null: dropped)] */
  relations: Record<string, [string | null, string, (string | null)[] | null]>;
}

/** Thrown inside the conversion for anything not followed exactly; the caller falls back to the parser. */
class Unsupported extends Error {}

function unsupported(what: string): never {
  throw new Unsupported(what);
}

/** The libpg-query tree of `pg_get_expr(tree, relid)`'s text, or null when this module cannot tell. */
export function convertPolicyTree(tree: string, relid: number, names: CatalogTreeNames): RawNode | null {
  const result = followPolicyTree(tree, relid, names);
  return 'tree' in result ? result.tree : null;
}

/** convertPolicyTree, with the reason when the tree is left to the parser. */
export function followPolicyTree(tree: string, relid: number, names: CatalogTreeNames): { tree: RawNode } | { reason: string } {
  try {
    const root = readNodeTree(tree);
    const relation = names.relations[String(relid)] ?? unsupported('policy table');
    const context: Context = { names, levels: [[{ refname: relation[1], relid }]], varprefix: false };
    return { tree: convert(root, context, false) };
  } catch (error) {
    if (error instanceof Unsupported || error instanceof NodeTreeSyntaxError) return { reason: error.message };
    throw error;
  }
}

interface RangeRef {
  refname: string;
  relid: number;
}

interface Context {
  names: CatalogTreeNames;
  /** Range tables from the outermost (the policy's table) to the current sub-select (undefined: a join's entry). */
  levels: (RangeRef | undefined)[][];
  /** The deparser qualifies columns inside sub-selects, not at the top of a policy expression. */
  varprefix: boolean;
}

const str = (sval: string): RawNode => ({ String: { sval } });

function field<T extends TreeValue>(node: TreeNode, name: string): T {
  if (!(name in node.fields)) unsupported(`${node.node}.${name}`);
  return node.fields[name] as T;
}

function list(value: TreeValue): TreeValue[] {
  if (value === null) return [];
  if (!Array.isArray(value)) unsupported('list');
  return value;
}

/** get_rule_expr: `showimplicit` says whether implicit casts are printed at this position. */
function convert(value: TreeValue, context: Context, showimplicit: boolean): RawNode {
  if (!isTreeNode(value)) return unsupported('non-node expression');
  const node = value;
  switch (node.node) {
    case 'VAR':
      return { ColumnRef: { fields: columnFields(node, context) } };
    case 'CONST':
      return constant(node, context, 0);
    case 'OPEXPR':
      return binaryOperator(node, 'AEXPR_OP', context);
    case 'SCALARARRAYOPEXPR':
      return binaryOperator(node, field<boolean>(node, 'useOr') ? 'AEXPR_OP_ANY' : 'AEXPR_OP_ALL', context);
    case 'DISTINCTEXPR':
      return binaryOperator(node, 'AEXPR_DISTINCT', context);
    case 'BOOLEXPR': {
      const op = field<string>(node, 'boolop');
      const boolop = op === 'and' ? 'AND_EXPR' : op === 'or' ? 'OR_EXPR' : op === 'not' ? 'NOT_EXPR' : unsupported(`boolop ${op}`);
      return { BoolExpr: { boolop, args: list(field(node, 'args')).map((arg) => convert(arg, context, false)) } };
    }
    case 'NULLTEST': {
      if (field(node, 'argisrow') !== false) unsupported('row null test');
      const type = field<number>(node, 'nulltesttype');
      return { NullTest: { arg: convert(field(node, 'arg'), context, true), nulltesttype: type === 0 ? 'IS_NULL' : type === 1 ? 'IS_NOT_NULL' : unsupported('null test type') } };
    }
    case 'BOOLEANTEST': {
      const type = BOOLEAN_TESTS[field<number>(node, 'booltesttype')] ?? unsupported('boolean test type');
      return { BooleanTest: { arg: convert(field(node, 'arg'), context, true), booltesttype: type } };
    }
    case 'FUNCEXPR':
      return functionCall(node, context, showimplicit);
    case 'RELABELTYPE':
      return coercion(node, 'relabelformat', context, showimplicit);
    case 'COERCEVIAIO':
    case 'ARRAYCOERCEEXPR':
      return coercion(node, 'coerceformat', context, showimplicit);
    case 'ARRAYEXPR': {
      if (field(node, 'multidims') !== false) unsupported('multi-dimensional array');
      const elements = list(field(node, 'elements'));
      if (elements.length === 0) unsupported('empty array');
      return { A_ArrayExpr: { elements: elements.map((element) => convert(element, context, true)) } };
    }
    case 'CASEEXPR':
      return caseExpression(node, context);
    case 'COALESCEEXPR':
      return { CoalesceExpr: { args: list(field(node, 'args')).map((arg) => convert(arg, context, true)) } };
    case 'SUBLINK':
      return subLink(node, context);
    case 'SUBSCRIPTINGREF':
      return subscript(node, context, showimplicit);
    default:
      return unsupported(node.node);
  }
}

const BOOLEAN_TESTS = ['IS_TRUE', 'IS_NOT_TRUE', 'IS_FALSE', 'IS_NOT_FALSE', 'IS_UNKNOWN', 'IS_NOT_UNKNOWN'];

/** CoercionForm: 0 explicit call, 1 explicit cast, 2 implicit cast, 3 SQL syntax. */
const EXPLICIT_CALL = 0;
const EXPLICIT_CAST = 1;
const IMPLICIT_CAST = 2;

function columnFields(node: TreeNode, context: Context): RawNode[] {
  const up = field<number>(node, 'varlevelsup');
  const level = context.levels[context.levels.length - 1 - up] ?? unsupported('var level');
  const ref = level[field<number>(node, 'varno') - 1] ?? unsupported('var range entry');
  const attnum = field<number>(node, 'varattno');
  if (attnum <= 0) unsupported('system or whole-row column');
  const column = context.names.relations[String(ref.relid)]?.[2]?.[attnum - 1] ?? unsupported('column name');
  return context.varprefix ? [str(ref.refname), str(column)] : [str(column)];
}

/**
 * `(a op b)`: the deparser prints both operands with their implicit casts. Prefix operators are left
 * to the parser (the grammar folds `- 5` into a constant, the tree keeps the operator).
 */
function binaryOperator(node: TreeNode, kind: string, context: Context): RawNode {
  const args = list(field(node, 'args'));
  if (args.length !== 2) unsupported(`${kind} with ${args.length} operand(s)`);
  return { A_Expr: { kind, name: operatorName(node, context), lexpr: convert(args[0], context, true), rexpr: convert(args[1], context, true) } };
}

function operatorName(node: TreeNode, context: Context): RawNode[] {
  const [schema, name] = context.names.operators[String(field<number>(node, 'opno'))] ?? unsupported('operator');
  if (schema !== null) unsupported('operator off the search path'); // printed as OPERATOR(schema.op)
  return [str(name)];
}

function functionCall(node: TreeNode, context: Context, showimplicit: boolean): RawNode {
  const format = field<number>(node, 'funcformat');
  const args = list(field(node, 'args'));
  if (format === IMPLICIT_CAST && !showimplicit) {
    if (args.length < 1) unsupported('cast without argument');
    return convert(args[0], context, false);
  }
  if (format === EXPLICIT_CAST || format === IMPLICIT_CAST) {
    // A cast function with a typmod argument is a length coercion, printed with the typmod.
    if (args.length !== 1) unsupported('length coercion');
    return castOf(args[0], field<number>(node, 'funcresulttype'), -1, context);
  }
  if (format !== EXPLICIT_CALL) unsupported('SQL-syntax function');
  if (field(node, 'funcvariadic') !== false) unsupported('variadic call');
  const [schema, name] = context.names.functions[String(field<number>(node, 'funcid'))] ?? unsupported('function');
  const call: RawNode = { funcname: schema === null ? [str(name)] : [str(schema), str(name)] };
  if (args.length > 0) call.args = args.map((arg) => convert(arg, context, true));
  call.funcformat = 'COERCE_EXPLICIT_CALL';
  return { FuncCall: call };
}

function coercion(node: TreeNode, formatField: string, context: Context, showimplicit: boolean): RawNode {
  const arg = field(node, 'arg');
  if (field<number>(node, formatField) === IMPLICIT_CAST && !showimplicit) return convert(arg, context, false);
  const typmod = 'resulttypmod' in node.fields ? field<number>(node, 'resulttypmod') : -1;
  return castOf(arg, field<number>(node, 'resulttype'), typmod, context);
}

/** get_coercion_expr: `(arg)::type`, a constant of the target type printed without its own label. */
function castOf(arg: TreeValue, type: number, typmod: number, context: Context): RawNode {
  const inner =
    isTreeNode(arg, 'CONST') && arg.fields.consttype === type && arg.fields.consttypmod === -1 ? constant(arg, context, -1) : convert(arg, context, false);
  return { TypeCast: { arg: inner, typeName: typeName(type, typmod, context) } };
}

/** Types format_type prints with their SQL-standard names; the grammar turns those into pg_catalog.<name>. */
const SQL_STANDARD_TYPES = new Set(['bit', 'bool', 'float4', 'float8', 'int2', 'int4', 'int8', 'numeric', 'interval', 'time', 'timetz', 'timestamp', 'timestamptz', 'varbit', 'varchar']);

function typeName(oid: number, typmod: number, context: Context): RawNode {
  if (typmod !== -1) unsupported('type modifier');
  const type = context.names.types[String(oid)] ?? unsupported('type');
  const [schema, name, element, , category] = type;
  if (element !== null && category === 'A') {
    const base = typeName(element, -1, context);
    return { ...base, arrayBounds: [{ Integer: { ival: -1 } }] };
  }
  let names: RawNode[];
  if (schema === 'pg_catalog') names = SQL_STANDARD_TYPES.has(name) ? [str('pg_catalog'), str(name)] : [str(name)];
  else names = schema === null ? [str(name)] : [str(schema), str(name)];
  return { names, typemod: -1 };
}

const BOOL = 16;
const INT2 = 21;
const INT4 = 23;
const INT8 = 20;
const OID = 26;
const UNKNOWN = 705;
const UUID = 2950;
/** Types whose datum is a varlena of text, and their default collation. */
const TEXT_LIKE = new Set([25, 1043, 1042, 114]);

/**
 * get_const_expr. `showtype` 0: a label when the type needs one (everything but positive integers,
 * booleans and unknown literals); -1: never (the constant is the argument of a printed cast).
 */
function constant(node: TreeNode, context: Context, showtype: 0 | -1): RawNode {
  const type = field<number>(node, 'consttype');
  const typmod = field<number>(node, 'consttypmod');
  const collation = field<number>(node, 'constcollid');
  if (collation !== 0 && collation !== 100) unsupported('constant collation');
  if (field<boolean>(node, 'constisnull')) {
    const nullConst = { A_Const: { isnull: true } };
    return showtype === 0 ? { TypeCast: { arg: nullConst, typeName: typeName(type, typmod, context) } } : nullConst;
  }
  const bytes = field<TreeValue>(node, 'constvalue');
  if (!(bytes instanceof Uint8Array)) return unsupported('datum');
  let literal: RawNode;
  let needsLabel: boolean;
  if (type === BOOL) {
    literal = bytes[0] ? { boolval: { boolval: true } } : { boolval: {} };
    needsLabel = false;
  } else if (type === INT4) {
    const value = new DataView(bytes.buffer, bytes.byteOffset).getInt32(0, true);
    literal = value >= 0 ? (value === 0 ? { ival: {} } : { ival: { ival: value } }) : { sval: { sval: String(value) } };
    needsLabel = value < 0;
  } else {
    literal = { sval: { sval: constantText(type, bytes, context) } };
    needsLabel = type !== UNKNOWN;
  }
  const aConst = { A_Const: literal };
  return needsLabel && showtype === 0 ? { TypeCast: { arg: aConst, typeName: typeName(type, typmod, context) } } : aConst;
}

/** The constant's text as its type's output function prints it, for the types decoded here. */
function constantText(type: number, bytes: Uint8Array, context: Context): string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (type === INT2) return String(view.getInt16(0, true));
  if (type === INT8) return String(view.getBigInt64(0, true));
  if (type === OID) return String(view.getUint32(0, true));
  if (type === UUID) {
    if (bytes.length < 16) unsupported('uuid datum');
    const hex = Buffer.from(bytes.subarray(0, 16)).toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  if (type === UNKNOWN) {
    const end = bytes.indexOf(0);
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end < 0 ? bytes.length : end));
  }
  if (TEXT_LIKE.has(type)) return varlenaText(bytes);
  const info = context.names.types[String(type)];
  if (info?.[4] === 'A' && info[2] !== null && TEXT_LIKE.has(info[2])) return textArrayText(bytes);
  if (info?.[3] === 'e') return context.names.enums[String(view.getUint32(0, true))] ?? unsupported('enum label');
  return unsupported(`constant of type ${type}`);
}

/** A varlena's payload (4-byte or 1-byte header; little-endian, as the server writes them here). */
function varlenaText(bytes: Uint8Array): string {
  const first = bytes[0];
  let start: number;
  let end: number;
  if ((first & 0x01) === 0x01) {
    if (first === 0x01) unsupported('external datum');
    start = 1;
    end = first >>> 1;
  } else {
    if ((first & 0x03) !== 0) unsupported('compressed datum');
    start = 4;
    end = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true) >>> 2;
  }
  if (end > bytes.length || end < start) unsupported('datum length');
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, end));
}

/**
 * array_out of a one-dimensional text array without nulls: `{a,"b c",""}`. The datum: a varlena
 * header, ndim, data offset (0: no null bitmap), element type, then dims and lower bounds, then the
 * elements, each a varlena aligned to 4 bytes (zero padding) unless it has a 1-byte header.
 */
function textArrayText(bytes: Uint8Array): string {
  if ((bytes[0] & 0x03) !== 0) unsupported('packed array datum');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(0, true) >>> 2;
  const ndim = view.getInt32(4, true);
  if (ndim === 0) return '{}';
  if (ndim !== 1 || view.getInt32(8, true) !== 0) unsupported('array shape or nulls');
  const count = view.getInt32(16, true);
  if (view.getInt32(20, true) !== 1) unsupported('array lower bound');
  const items: string[] = [];
  let offset = 24;
  for (let i = 0; i < count; i++) {
    while (offset % 4 !== 0 && bytes[offset] === 0) offset++;
    const first = bytes[offset];
    const length = (first & 0x01) === 0x01 ? first >>> 1 : view.getUint32(offset, true) >>> 2;
    if (length < 1 || offset + length > size) unsupported('array element length');
    items.push(arrayItem(varlenaText(bytes.subarray(offset, offset + length))));
    offset += length;
  }
  return `{${items.join(',')}}`;
}

/** array_out's quoting of one element. */
function arrayItem(text: string): string {
  const needsQuotes = text === '' || text.toUpperCase() === 'NULL' || /[{},"\\ \t\n\r\v\f]/.test(text);
  return needsQuotes ? `"${text.replace(/["\\]/g, (ch) => `\\${ch}`)}"` : text;
}

/**
 * A searched CASE. The deparser prints every WHEN condition without implicit casts and the results
 * with them, and always an ELSE: the analyzer supplies `ELSE NULL` when the text had none.
 */
function caseExpression(node: TreeNode, context: Context): RawNode {
  if (field(node, 'arg') !== null) unsupported('simple CASE'); // CASE x WHEN ...: placeholders in the tree
  const args = list(field(node, 'args')).map((when) => {
    if (!isTreeNode(when, 'CASEWHEN')) return unsupported('case branch');
    return { CaseWhen: { expr: convert(field(when, 'expr'), context, false), result: convert(field(when, 'result'), context, true) } };
  });
  if (args.length === 0) unsupported('empty CASE');
  const otherwise = field<TreeValue>(node, 'defresult');
  if (otherwise === null) unsupported('CASE without a default');
  return { CaseExpr: { args, defresult: convert(otherwise, context, true) } };
}

/** `(storage.foldername(name))[1]`, `tags[1:2]`: reading an element or a slice (not an assignment). */
function subscript(node: TreeNode, context: Context, showimplicit: boolean): RawNode {
  if (field(node, 'refassgnexpr') !== null) unsupported('subscript assignment');
  const upper = list(field(node, 'refupperindexpr'));
  const lower = field<TreeValue>(node, 'reflowerindexpr');
  const lowers = lower === null ? null : list(lower);
  if (upper.length === 0 || (lowers !== null && lowers.length !== upper.length)) unsupported('subscript shape');
  const indirection = upper.map((index, i) => {
    if (index === null) unsupported('open-ended slice');
    if (lowers === null) return { A_Indices: { uidx: convert(index, context, false) } };
    const from = lowers[i];
    if (from === null) unsupported('open-ended slice');
    return { A_Indices: { is_slice: true, lidx: convert(from, context, false), uidx: convert(index, context, false) } };
  });
  return { A_Indirection: { arg: convert(field(node, 'refexpr'), context, showimplicit), indirection } };
}

/** RangeTblEntry kinds and join types, in the server's enum order. */
const RTE_RELATION = 0;
const RTE_JOIN = 2;
const JOIN_TYPES = ['JOIN_INNER', 'JOIN_LEFT', 'JOIN_FULL', 'JOIN_RIGHT'];

/** SubLink types in the server's enum order. */
const SUBLINK_TYPES = ['EXISTS_SUBLINK', 'ALL_SUBLINK', 'ANY_SUBLINK', 'ROWCOMPARE_SUBLINK', 'EXPR_SUBLINK'];

function subLink(node: TreeNode, context: Context): RawNode {
  const type = SUBLINK_TYPES[field<number>(node, 'subLinkType')];
  const subselect = selectOf(field(node, 'subselect'), context);
  if (type === 'EXISTS_SUBLINK' || type === 'EXPR_SUBLINK') return { SubLink: { subLinkType: type, subselect } };
  if (type !== 'ANY_SUBLINK') return unsupported(`sublink ${type}`);
  // `x IN (SELECT ...)`: the tree holds `x = $param`; the deparser prints IN for the = operator.
  const test = field(node, 'testexpr');
  if (!isTreeNode(test, 'OPEXPR')) return unsupported('sublink test');
  const args = list(field(test, 'args'));
  const [name] = operatorName(test, context);
  if (args.length !== 2 || !isTreeNode(args[1], 'PARAM') || (name.String as { sval: string }).sval !== '=') unsupported('sublink operator');
  return { SubLink: { subLinkType: type, testexpr: convert(args[0], context, true), subselect } };
}

/** A sub-select (a Query in the server's tree) as the SelectStmt its printed text parses to. */
function selectOf(value: TreeValue, outer: Context): RawNode {
  if (!isTreeNode(value, 'QUERY')) return unsupported('sublink query');
  const query = value;
  if (field(query, 'commandType') !== 1) unsupported('non-select query');
  for (const key of ['setOperations', 'havingQual', 'limitOffset', 'limitCount', 'utilityStmt']) if (query.fields[key] !== null && key in query.fields) unsupported(key);
  for (const key of ['cteList', 'groupClause', 'groupingSets', 'windowClause', 'distinctClause', 'sortClause', 'rowMarks']) if (list(query.fields[key] ?? null).length > 0) unsupported(key);
  for (const key of ['hasAggs', 'hasWindowFuncs', 'hasTargetSRFs', 'hasDistinctOn', 'hasRecursive', 'groupDistinct']) if (query.fields[key] === true) unsupported(key);

  const taken = new Set(outer.levels.flat().flatMap((ref) => (ref ? [ref.refname] : [])));
  // The range table: relations (by name or alias) and the joins between them (no name: a column
  // reached through a join's own entry is left to the parser).
  const level: (RangeRef | undefined)[] = [];
  const rangeVars = new Map<number, RawNode>();
  list(field(query, 'rtable')).forEach((entry, i) => {
    if (!isTreeNode(entry, 'RANGETBLENTRY')) return unsupported('range entry');
    const kind = field(entry, 'rtekind');
    if (kind === RTE_JOIN) {
      if (field(entry, 'alias') !== null) unsupported('join alias');
      level.push(undefined);
      return;
    }
    if (kind !== RTE_RELATION) unsupported('range entry kind');
    const relid = field<number>(entry, 'relid');
    const relation = outer.names.relations[String(relid)] ?? unsupported('relation');
    const alias = field<TreeValue>(entry, 'alias');
    let aliasName: string | undefined;
    if (alias !== null) {
      if (!isTreeNode(alias, 'ALIAS') || list(alias.fields.colnames ?? null).length > 0) unsupported('column aliases');
      aliasName = String(field(alias, 'aliasname'));
    }
    const refname = aliasName ?? relation[1];
    // The deparser renames clashing references (orgs_1); those are left to the parser.
    if (taken.has(refname)) unsupported('clashing range name');
    taken.add(refname);
    level.push({ refname, relid });
    const rangeVar: RawNode = {};
    if (relation[0] !== null) rangeVar.schemaname = relation[0];
    rangeVar.relname = relation[1];
    if (field(entry, 'inh') === true) rangeVar.inh = true;
    rangeVar.relpersistence = 'p';
    if (aliasName !== undefined) rangeVar.alias = { aliasname: aliasName };
    rangeVars.set(i + 1, { RangeVar: rangeVar });
  });
  const context: Context = { names: outer.names, levels: [...outer.levels, level], varprefix: true };

  const jointree = field(query, 'jointree');
  if (!isTreeNode(jointree, 'FROMEXPR')) return unsupported('join tree');
  const used = new Set<number>();
  const fromItem = (item: TreeValue): RawNode => {
    if (isTreeNode(item, 'RANGETBLREF')) {
      const index = field<number>(item, 'rtindex');
      const rangeVar = rangeVars.get(index) ?? unsupported('from item');
      if (used.has(index)) unsupported('from item twice');
      used.add(index);
      return rangeVar;
    }
    if (!isTreeNode(item, 'JOINEXPR')) return unsupported('from item kind');
    // Only JOIN ... ON (or CROSS JOIN): USING, NATURAL and join aliases print differently.
    if (field(item, 'isNatural') !== false || field(item, 'usingClause') !== null || field(item, 'alias') !== null || (item.fields.join_using_alias ?? null) !== null) {
      unsupported('join form');
    }
    const join: RawNode = { jointype: JOIN_TYPES[field<number>(item, 'jointype')] ?? unsupported('join type') };
    join.larg = fromItem(field(item, 'larg'));
    join.rarg = fromItem(field(item, 'rarg'));
    const on = field<TreeValue>(item, 'quals');
    if (on !== null) join.quals = convert(on, context, false);
    else if (join.jointype !== 'JOIN_INNER') unsupported('outer join without ON');
    return { JoinExpr: join };
  };
  const fromClause = list(field(jointree, 'fromlist')).map(fromItem);
  if (used.size !== rangeVars.size) unsupported('range entries outside FROM');

  const targetList: RawNode[] = [];
  for (const entry of list(field(query, 'targetList'))) {
    if (!isTreeNode(entry, 'TARGETENTRY')) return unsupported('target entry');
    if (entry.fields.resjunk === true) continue;
    const expr = field(entry, 'expr');
    const val = convert(expr, context, true);
    // get_target_list: AS is printed unless the name is what the column would be called anyway.
    const shown = isTreeNode(expr, 'VAR') ? ((val.ColumnRef as { fields: RawNode[] }).fields.at(-1)?.String as { sval: string }).sval : '?column?';
    const resname = entry.fields.resname;
    const target: RawNode = {};
    if (typeof resname === 'string' && resname !== shown) target.name = resname;
    else if (resname !== null && typeof resname !== 'string') unsupported('target name');
    target.val = val;
    targetList.push({ ResTarget: target });
  }
  if (targetList.length === 0) unsupported('empty target list');
  const select: RawNode = { targetList };
  if (fromClause.length > 0) select.fromClause = fromClause;
  const quals = field<TreeValue>(jointree, 'quals');
  if (quals !== null) select.whereClause = convert(quals, context, false);
  select.limitOption = 'LIMIT_OPTION_DEFAULT';
  select.op = 'SETOP_NONE';
  return { SelectStmt: select };
}
