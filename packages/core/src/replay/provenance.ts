import { scanSync } from 'libpg-query';
import type { ParsedStatement } from '../parser/parse.js';
import type { Location } from '../inventory/schema.js';

/**
 * Provenance: which migration statement created or last altered each object, read from the
 * syntax tree of every statement the replay applies. Unqualified names resolve to `public` (the
 * schema a Supabase migration creates objects in). Keys are built by the `key` helpers so the
 * recorder and the inventory side agree.
 */
export interface ProvenanceEntry extends Location {
  /** Foreign keys only: whether ON DELETE was written out (the catalog cannot tell). */
  onDeleteExplicit?: boolean;
}

const SEP = '\u0000';
export const key = {
  relation: (schema: string, name: string) => ['rel', schema, name].join(SEP),
  policy: (schema: string, table: string, name: string) => ['policy', schema, table, name].join(SEP),
  fn: (schema: string, name: string) => ['fn', schema, name].join(SEP),
  extension: (name: string) => ['ext', name].join(SEP),
  index: (schema: string, name: string) => ['idx', schema, name].join(SEP),
  trigger: (schema: string, table: string, name: string) => ['trg', schema, table, name].join(SEP),
  foreignKey: (schema: string, table: string, name: string) => ['fk', schema, table, name].join(SEP),
  /**
   * The statement that defined a column (its column definition in CREATE TABLE or ADD COLUMN) or
   * last changed its definition (type, NOT NULL, default, identity, generation expression).
   */
  column: (schema: string, table: string, name: string) => ['col', schema, table, name].join(SEP),
  /** The statement that created a relation (implicit indexes and constraints take this one). */
  created: (schema: string, name: string) => ['relc', schema, name].join(SEP),
  bucket: (id: string) => ['bucket', id].join(SEP),
};

const DEFAULT_SCHEMA = 'public';

/**
 * ALTER TABLE subcommands that change what the inventory records of a column (type, NOT NULL,
 * default, identity, generated): each names the column in `name`.
 */
const COLUMN_DEFINITION_CHANGES = new Set([
  'AT_AlterColumnType',
  'AT_SetNotNull',
  'AT_DropNotNull',
  'AT_ColumnDefault',
  'AT_AddIdentity',
  'AT_DropIdentity',
  'AT_SetExpression',
  'AT_DropExpression',
]);

// The parser's JSON is walked loosely: only a few fields of each node matter here.
type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** ["s", "t"] from a list of String nodes. */
function names(items: unknown): string[] {
  return list(items)
    .map((item) => str(obj(obj(item).String).sval))
    .filter((s): s is string => s !== undefined);
}

/** RangeVar → schema and name, unqualified names in public. */
function relationOf(rangeVar: unknown): { schema: string; name: string } | undefined {
  const rv = obj(rangeVar);
  const name = str(rv.relname);
  if (!name) return undefined;
  return { schema: str(rv.schemaname) ?? DEFAULT_SCHEMA, name };
}

/** A qualified name list (["f"], ["s","f"], ["db","s","f"]) → schema and name. */
function qualifiedOf(parts: string[]): { schema: string; name: string } | undefined {
  if (parts.length === 0) return undefined;
  const name = parts[parts.length - 1];
  const schema = parts.length >= 2 ? parts[parts.length - 2] : DEFAULT_SCHEMA;
  return { schema, name };
}

function functionOf(objectWithArgs: unknown): { schema: string; name: string } | undefined {
  return qualifiedOf(names(obj(obj(objectWithArgs).ObjectWithArgs ?? objectWithArgs).objname));
}

/** Per-file helpers: byte offsets (the parser's locations) to lines, and the token stream. */
class FileText {
  private readonly newlineBytes: number[] = [];
  private tokens?: { start: number; end: number; text: string }[];

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    const bytes = Buffer.from(text, 'utf8');
    for (let i = 0; i < bytes.length; i += 1) if (bytes[i] === 10) this.newlineBytes.push(i);
  }

  lineOfByte(offset: number): number {
    let lo = 0;
    let hi = this.newlineBytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.newlineBytes[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }

  /**
   * Whether the constraint starting at `offset` spells out ON DELETE. The syntax tree stores NO
   * ACTION for both "omitted" and "ON DELETE NO ACTION", so this reads PostgreSQL's own lexer
   * tokens from the constraint to the end of its clause (a comma or closing parenthesis at its depth).
   */
  spellsOnDelete(offset: number): boolean {
    this.tokens ??= scanSync(this.text).tokens;
    const tokens = this.tokens;
    let i = tokens.findIndex((t) => t.start >= offset);
    if (i < 0) return false;
    let depth = 0;
    for (; i < tokens.length; i += 1) {
      const t = tokens[i].text.toLowerCase();
      if (t === '(') depth += 1;
      else if (t === ')') {
        if (depth === 0) return false;
        depth -= 1;
      } else if (depth === 0 && (t === ',' || t === ';')) return false;
      else if (depth === 0 && t === 'on' && tokens[i + 1]?.text.toLowerCase() === 'delete') return true;
    }
    return false;
  }
}

/** Collects provenance while the replay applies statements, in order: later statements win. */
export class ProvenanceLog {
  readonly entries = new Map<string, ProvenanceEntry>();
  private current?: FileText;

  /** Call once per migration file, before its statements. */
  beginFile(file: string, text: string): void {
    this.current = new FileText(file, text);
  }

  get(k: string): ProvenanceEntry | undefined {
    return this.entries.get(k);
  }

  private set(k: string, line: number, extra: Partial<ProvenanceEntry> = {}): void {
    if (!this.current) throw new Error('beginFile() first');
    this.entries.set(k, { file: this.current.file, line, ...extra });
  }

  /** Moves every entry of a relation (and what hangs off it) to a new schema and/or name. */
  private moveRelation(from: { schema: string; name: string }, to: { schema: string; name: string }, line: number): void {
    const moved: [string, ProvenanceEntry][] = [];
    for (const [k, entry] of this.entries) {
      const parts = k.split(SEP);
      const [kind, schema, table, ...rest] = parts;
      if (schema !== from.schema) continue;
      if (kind === 'rel' && table === from.name) {
        this.entries.delete(k);
        moved.push([key.relation(to.schema, to.name), { ...entry, file: this.current!.file, line }]);
      } else if ((kind === 'policy' || kind === 'trg' || kind === 'fk' || kind === 'relc' || kind === 'col') && table === from.name) {
        this.entries.delete(k);
        moved.push([[kind, to.schema, to.name, ...rest].join(SEP), entry]);
      }
    }
    for (const [k, entry] of moved) this.entries.set(k, entry);
  }

  /** Records what one applied statement created or altered. */
  record(statement: ParsedStatement): void {
    const type = Object.keys(statement.node)[0];
    const node = obj((statement.node as unknown as Json)[type]);
    const line = statement.line;
    switch (type) {
      case 'CreateStmt':
        this.createTable(node, line);
        break;
      case 'CreateForeignTableStmt':
        this.createTable(obj(node.base), line);
        break;
      case 'AlterTableStmt':
        this.alterTable(node, line);
        break;
      case 'CreatePolicyStmt':
      case 'AlterPolicyStmt': {
        const table = relationOf(node.table);
        const name = str(node.policy_name);
        if (table && name) this.set(key.policy(table.schema, table.name, name), line);
        break;
      }
      case 'CreateFunctionStmt': {
        const fn = qualifiedOf(names(node.funcname));
        if (fn) this.set(key.fn(fn.schema, fn.name), line);
        break;
      }
      case 'AlterFunctionStmt': {
        const fn = functionOf(node.func);
        if (fn) this.set(key.fn(fn.schema, fn.name), line);
        break;
      }
      case 'ViewStmt': {
        const view = relationOf(node.view);
        if (view) this.set(key.relation(view.schema, view.name), line);
        if (view) this.set(key.created(view.schema, view.name), line);
        break;
      }
      case 'CreateTableAsStmt': {
        const rel = relationOf(obj(node.into).rel);
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
        if (rel) this.set(key.created(rel.schema, rel.name), line);
        break;
      }
      case 'CreateExtensionStmt':
      case 'AlterExtensionStmt': {
        const name = str(node.extname);
        if (name) this.set(key.extension(name), line);
        break;
      }
      case 'IndexStmt': {
        const table = relationOf(node.relation);
        const name = str(node.idxname);
        if (table && name) this.set(key.index(table.schema, name), line);
        break;
      }
      case 'CreateTrigStmt': {
        const table = relationOf(node.relation);
        const name = str(node.trigname);
        if (table && name) this.set(key.trigger(table.schema, table.name, name), line);
        break;
      }
      case 'GrantStmt':
        this.grant(node, line);
        break;
      case 'CommentStmt':
        this.comment(node, line);
        break;
      case 'RenameStmt':
        this.rename(node, line);
        break;
      case 'AlterObjectSchemaStmt':
        this.setSchema(node, line);
        break;
      case 'AlterOwnerStmt': {
        const objectType = str(node.objectType);
        if (objectType === 'OBJECT_FUNCTION' || objectType === 'OBJECT_PROCEDURE' || objectType === 'OBJECT_ROUTINE') {
          const fn = functionOf(node.object);
          if (fn) this.set(key.fn(fn.schema, fn.name), line);
        }
        break;
      }
      case 'InsertStmt':
        this.insertBuckets(node, line);
        break;
      default:
        break;
    }
  }

  private createTable(node: Json, line: number): void {
    const table = relationOf(node.relation);
    if (!table) return;
    // A table created again (after a DROP the log does not follow) starts with no column of its own;
    // checked first so that a first creation does not scan the log.
    if (this.entries.has(key.created(table.schema, table.name))) this.forgetColumns(table);
    this.set(key.relation(table.schema, table.name), line);
    this.set(key.created(table.schema, table.name), line);
    for (const element of list(node.tableElts)) {
      const el = obj(element);
      if (el.ColumnDef) {
        this.defineColumn(table, obj(el.ColumnDef), line);
        this.columnConstraints(table, obj(el.ColumnDef));
      }
      if (el.Constraint) this.constraint(table, obj(el.Constraint));
    }
  }

  /** The line of a byte offset the parser gave, or the statement's line when it gave none. */
  private lineAt(location: unknown, statementLine: number): number {
    return typeof location === 'number' ? this.current!.lineOfByte(location) : statementLine;
  }

  /** A column definition (CREATE TABLE or ADD COLUMN): the column takes the line it is written on. */
  private defineColumn(table: { schema: string; name: string }, column: Json, line: number, ifNotExists = false): void {
    const name = str(column.colname);
    if (!name) return;
    const k = key.column(table.schema, table.name, name);
    // ADD COLUMN IF NOT EXISTS on a column the log already knows changes nothing.
    if (ifNotExists && this.entries.has(k)) return;
    this.set(k, this.lineAt(column.location, line));
  }

  private forgetColumns(table: { schema: string; name: string }): void {
    const prefix = key.column(table.schema, table.name, '');
    for (const k of [...this.entries.keys()]) if (k.startsWith(prefix)) this.entries.delete(k);
  }

  private alterTable(node: Json, line: number): void {
    const rel = relationOf(node.relation);
    if (!rel) return;
    if (str(node.objtype) === 'OBJECT_INDEX') {
      this.set(key.index(rel.schema, rel.name), line);
      return;
    }
    this.set(key.relation(rel.schema, rel.name), line);
    for (const command of list(node.cmds)) {
      const cmd = obj(obj(command).AlterTableCmd);
      const def = obj(cmd.def);
      if (cmd.subtype === 'AT_AddConstraint' && def.Constraint) this.constraint(rel, obj(def.Constraint));
      const subtype = str(cmd.subtype);
      const column = str(cmd.name);
      if (subtype === 'AT_AddColumn' && def.ColumnDef) {
        this.defineColumn(rel, obj(def.ColumnDef), line, cmd.missing_ok === true);
        this.columnConstraints(rel, obj(def.ColumnDef));
      } else if (subtype && COLUMN_DEFINITION_CHANGES.has(subtype) && column) {
        // ALTER COLUMN ... TYPE carries a ColumnDef, ADD GENERATED ... AS IDENTITY a Constraint, both located.
        const at = obj(def.ColumnDef).location ?? obj(def.Constraint).location;
        this.set(key.column(rel.schema, rel.name, column), this.lineAt(at, line));
      } else if (subtype === 'AT_DropColumn' && column) {
        this.entries.delete(key.column(rel.schema, rel.name, column));
      }
    }
  }

  private columnConstraints(table: { schema: string; name: string }, column: Json): void {
    const name = str(column.colname);
    if (!name) return;
    for (const c of list(column.constraints)) this.constraint(table, obj(obj(c).Constraint), name);
  }

  private constraint(table: { schema: string; name: string }, constraint: Json, columnName?: string): void {
    if (constraint.contype === 'CONSTR_UNIQUE' || constraint.contype === 'CONSTR_PRIMARY') {
      this.constraintIndex(table, constraint, columnName);
      return;
    }
    if (constraint.contype !== 'CONSTR_FOREIGN') return;
    const columns = columnName ? [columnName] : names(constraint.fk_attrs);
    const name = str(constraint.conname) ?? defaultConstraintName(table.name, columns, 'fkey');
    const location = typeof constraint.location === 'number' ? constraint.location : undefined;
    const line = location !== undefined ? this.current!.lineOfByte(location) : undefined;
    const explicit = location !== undefined ? this.current!.spellsOnDelete(location) : constraint.fk_del_action !== 'a';
    if (line !== undefined) this.set(key.foreignKey(table.schema, table.name, name), line, { onDeleteExplicit: explicit });
  }

  /**
   * A UNIQUE or PRIMARY KEY constraint builds its index (named after the constraint, or as
   * PostgreSQL names it by default) or, with USING INDEX, adopts an existing one and renames it to
   * the constraint's name: either way the index is located at the constraint, not at CREATE TABLE.
   */
  private constraintIndex(table: { schema: string; name: string }, constraint: Json, columnName?: string): void {
    if (typeof constraint.location !== 'number') return;
    const line = this.current!.lineOfByte(constraint.location);
    const adopted = str(constraint.indexname);
    const name =
      str(constraint.conname) ??
      adopted ??
      (constraint.contype === 'CONSTR_PRIMARY'
        ? defaultConstraintName(table.name, [], 'pkey')
        : defaultConstraintName(table.name, columnName ? [columnName] : names(constraint.keys), 'key'));
    if (adopted && adopted !== name) this.entries.delete(key.index(table.schema, adopted));
    this.set(key.index(table.schema, name), line);
  }

  private grant(node: Json, line: number): void {
    if (node.targtype !== 'ACL_TARGET_OBJECT') return;
    const objtype = str(node.objtype);
    for (const target of list(node.objects)) {
      if (objtype === 'OBJECT_TABLE') {
        const rel = relationOf(obj(target).RangeVar);
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
      } else if (objtype === 'OBJECT_FUNCTION' || objtype === 'OBJECT_PROCEDURE' || objtype === 'OBJECT_ROUTINE') {
        const fn = functionOf(target);
        if (fn) this.set(key.fn(fn.schema, fn.name), line);
      }
    }
  }

  private comment(node: Json, line: number): void {
    const objtype = str(node.objtype);
    const target = obj(node.object);
    const parts = names(obj(target.List).items);
    switch (objtype) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_FOREIGN_TABLE': {
        const rel = qualifiedOf(parts);
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
        break;
      }
      case 'OBJECT_COLUMN': {
        const rel = qualifiedOf(parts.slice(0, -1));
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
        break;
      }
      case 'OBJECT_POLICY':
      case 'OBJECT_TRIGGER': {
        const rel = qualifiedOf(parts.slice(0, -1));
        const name = parts[parts.length - 1];
        if (rel && name) {
          const k = objtype === 'OBJECT_POLICY' ? key.policy(rel.schema, rel.name, name) : key.trigger(rel.schema, rel.name, name);
          this.set(k, line);
        }
        break;
      }
      case 'OBJECT_INDEX': {
        const idx = qualifiedOf(parts);
        if (idx) this.set(key.index(idx.schema, idx.name), line);
        break;
      }
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE': {
        const fn = functionOf(target);
        if (fn) this.set(key.fn(fn.schema, fn.name), line);
        break;
      }
      case 'OBJECT_EXTENSION': {
        const name = str(obj(target.String).sval);
        if (name) this.set(key.extension(name), line);
        break;
      }
      default:
        break;
    }
  }

  private rename(node: Json, line: number): void {
    const renameType = str(node.renameType);
    const newname = str(node.newname);
    if (!newname) return;
    const rel = relationOf(node.relation);
    switch (renameType) {
      case 'OBJECT_TABLE':
      case 'OBJECT_VIEW':
      case 'OBJECT_MATVIEW':
      case 'OBJECT_FOREIGN_TABLE':
        if (rel) this.moveRelation(rel, { schema: rel.schema, name: newname }, line);
        if (rel) this.set(key.relation(rel.schema, newname), line);
        break;
      case 'OBJECT_INDEX':
        if (rel) {
          this.entries.delete(key.index(rel.schema, rel.name));
          this.set(key.index(rel.schema, newname), line);
        }
        break;
      case 'OBJECT_POLICY':
      case 'OBJECT_TRIGGER': {
        const old = str(node.subname);
        if (rel && old) {
          const make = renameType === 'OBJECT_POLICY' ? key.policy : key.trigger;
          this.entries.delete(make(rel.schema, rel.name, old));
          this.set(make(rel.schema, rel.name, newname), line);
        }
        break;
      }
      case 'OBJECT_FUNCTION':
      case 'OBJECT_PROCEDURE':
      case 'OBJECT_ROUTINE': {
        const fn = functionOf(node.object);
        if (fn) {
          this.entries.delete(key.fn(fn.schema, fn.name));
          this.set(key.fn(fn.schema, newname), line);
        }
        break;
      }
      case 'OBJECT_TABCONSTRAINT': {
        const old = str(node.subname);
        const entry = rel && old ? this.entries.get(key.foreignKey(rel.schema, rel.name, old)) : undefined;
        if (rel && old && entry) {
          this.entries.delete(key.foreignKey(rel.schema, rel.name, old));
          this.entries.set(key.foreignKey(rel.schema, rel.name, newname), entry);
        }
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
        break;
      }
      case 'OBJECT_COLUMN': {
        // The column keeps the line that defined it, under its new name.
        const old = str(node.subname);
        if (rel && old) {
          const entry = this.entries.get(key.column(rel.schema, rel.name, old));
          this.entries.delete(key.column(rel.schema, rel.name, old));
          if (entry) this.entries.set(key.column(rel.schema, rel.name, newname), entry);
          else this.entries.delete(key.column(rel.schema, rel.name, newname));
        }
        if (rel) this.set(key.relation(rel.schema, rel.name), line);
        break;
      }
      default:
        break;
    }
  }

  private setSchema(node: Json, line: number): void {
    const objectType = str(node.objectType);
    const newschema = str(node.newschema);
    if (!newschema) return;
    if (objectType === 'OBJECT_EXTENSION') {
      const name = str(obj(obj(node.object).String).sval);
      if (name) this.set(key.extension(name), line);
    } else if (objectType === 'OBJECT_FUNCTION' || objectType === 'OBJECT_PROCEDURE' || objectType === 'OBJECT_ROUTINE') {
      const fn = functionOf(node.object);
      if (fn) {
        this.entries.delete(key.fn(fn.schema, fn.name));
        this.set(key.fn(newschema, fn.name), line);
      }
    } else {
      const rel = relationOf(node.relation);
      if (rel) {
        this.moveRelation(rel, { schema: newschema, name: rel.name }, line);
        this.set(key.relation(newschema, rel.name), line);
      }
    }
  }

  /** INSERT INTO storage.buckets (id, ...) VALUES ('avatars', ...): each constant id gets this line. */
  private insertBuckets(node: Json, line: number): void {
    const rel = relationOf(node.relation);
    if (!rel || rel.schema !== 'storage' || rel.name !== 'buckets') return;
    const columns = list(node.cols).map((c) => str(obj(obj(c).ResTarget).name));
    const idIndex = columns.length === 0 ? 0 : columns.indexOf('id');
    if (idIndex < 0) return;
    const select = obj(obj(node.selectStmt).SelectStmt);
    for (const row of list(select.valuesLists)) {
      const value = obj(obj(list(obj(obj(row).List).items)[idIndex]).A_Const);
      const id = str(obj(value.sval).sval);
      if (id !== undefined) {
        const at = typeof value.location === 'number' ? this.current!.lineOfByte(value.location) : line;
        this.set(key.bucket(id), at);
      }
    }
  }
}

/**
 * The name PostgreSQL gives an unnamed constraint: makeObjectName(table, columns joined by "_",
 * label), each part shortened, the longer first, until the whole fits in 63 bytes. (A clash with an
 * existing name would add a number; the replay then falls back to the table's location.)
 */
export function defaultConstraintName(table: string, columns: readonly string[], label: string): string {
  const maxBytes = 63;
  let name1 = table;
  let name2 = columns.join('_');
  const available = maxBytes - (Buffer.byteLength(label) + 1) - (name2 ? 1 : 0);
  while (Buffer.byteLength(name1) + Buffer.byteLength(name2) > available) {
    if (Buffer.byteLength(name1) > Buffer.byteLength(name2)) name1 = [...name1].slice(0, -1).join('');
    else name2 = [...name2].slice(0, -1).join('');
  }
  return [name1, name2, label].filter(Boolean).join('_');
}
