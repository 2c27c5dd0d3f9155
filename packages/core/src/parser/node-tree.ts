/**
 * Reads PostgreSQL's own serialization of a syntax tree: the text of a `pg_node_tree` column
 * (`pg_policy.polqual`, `pg_attrdef.adbin`...), written by the server's nodeToString(). This is not
 * SQL: it is a machine format of nested nodes, read here the way the server's read.c reads it.
 *
 *   {OPEXPR :opno 98 :args ({VAR :varno 1 ...} {CONST ... :constvalue 5 [ 20 0 0 0 120 ]}) :location 3}
 *
 * Nodes become `{ node: 'OPEXPR', fields: {...} }`; lists become arrays; `<>` is null; a datum
 * becomes its bytes; bitmapsets and integer lists become arrays of numbers.
 */
export interface TreeNode {
  node: string;
  fields: Record<string, TreeValue>;
}

export type TreeValue = TreeNode | TreeValue[] | string | number | boolean | null | Uint8Array;

export class NodeTreeSyntaxError extends Error {}

/** Splits the text into tokens: `(`, `)`, `{`, `}` alone, everything else up to whitespace, `\` escaping. */
function* tokens(text: string): Generator<{ token: string; quoted: boolean }> {
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r') {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '{' || ch === '}') {
      i++;
      yield { token: ch, quoted: false };
      continue;
    }
    let token = '';
    let escaped = false;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        token += text[i + 1];
        escaped = true;
        i += 2;
        continue;
      }
      if (c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '(' || c === ')' || c === '{' || c === '}') break;
      token += c;
      i++;
    }
    yield { token, quoted: escaped };
  }
}

/** Parses one serialized tree. Throws NodeTreeSyntaxError on text that is not one. */
export function readNodeTree(text: string): TreeValue {
  const stream = tokens(text);
  let lookahead: { token: string; quoted: boolean } | undefined;
  const next = (): { token: string; quoted: boolean } => {
    if (lookahead) {
      const t = lookahead;
      lookahead = undefined;
      return t;
    }
    const step = stream.next();
    if (step.done) throw new NodeTreeSyntaxError('unexpected end of node tree');
    return step.value;
  };
  const peek = (): { token: string; quoted: boolean } | undefined => {
    if (!lookahead) {
      const step = stream.next();
      lookahead = step.done ? undefined : step.value;
    }
    return lookahead;
  };

  const readValue = (): TreeValue => {
    const { token, quoted } = next();
    if (token === '{') return readNode();
    if (token === '(') return readList();
    return scalar(token, quoted);
  };

  const readNode = (): TreeNode => {
    const name = next().token;
    const fields: Record<string, TreeValue> = {};
    for (;;) {
      const t = next();
      if (t.token === '}') return { node: name, fields };
      if (!t.token.startsWith(':') || t.quoted) throw new NodeTreeSyntaxError(`expected a field name in ${name}, found "${t.token}"`);
      const field = t.token.slice(1);
      // A datum: its length, then its bytes in brackets (or <> for a null constant).
      if (field === 'constvalue') {
        const length = next().token;
        if (length === '<>') {
          fields[field] = null;
          continue;
        }
        if (next().token !== '[') throw new NodeTreeSyntaxError('expected [ after a datum length');
        const bytes: number[] = [];
        for (let b = next().token; b !== ']'; b = next().token) bytes.push(Number(b) & 0xff);
        if (bytes.length < Number(length)) throw new NodeTreeSyntaxError('datum shorter than its length');
        fields[field] = Uint8Array.from(bytes);
        continue;
      }
      fields[field] = readValue();
    }
  };

  const readList = (): TreeValue[] => {
    const head = peek();
    // Integer, OID, xid lists and bitmapsets: a one-letter tag, then numbers.
    if (head && !head.quoted && (head.token === 'i' || head.token === 'o' || head.token === 'x' || head.token === 'b')) {
      next();
      const numbers: number[] = [];
      for (let t = next(); t.token !== ')'; t = next()) numbers.push(Number(t.token));
      return numbers;
    }
    const items: TreeValue[] = [];
    for (let t = peek(); !(t && t.token === ')' && !t.quoted); t = peek()) items.push(readValue());
    next();
    return items;
  };

  const value = readValue();
  if (peek()) throw new NodeTreeSyntaxError('text after the node tree');
  return value;
}

function scalar(token: string, quoted: boolean): TreeValue {
  if (!quoted) {
    if (token === '<>') return null;
    if (token === 'true') return true;
    if (token === 'false') return false;
    if (/^-?\d+$/.test(token)) return Number(token);
  }
  // A String value node prints in double quotes: "org_id".
  if (token.length >= 2 && token.startsWith('"') && token.endsWith('"')) return token.slice(1, -1);
  return token;
}

/** Whether a value is a node, optionally of the given type. */
export function isTreeNode(value: TreeValue | undefined, type?: string): value is TreeNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && (type === undefined || value.node === type);
}
