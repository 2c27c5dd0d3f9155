import { scanSync } from 'libpg-query';

/**
 * Cuts column definitions out of a CREATE TABLE, working on PostgreSQL's own lexer tokens: from the
 * column's first token to the comma that ends it (or, for the last column, from the comma before
 * it). Used to keep a table whose column has a type from an extension the embedded database lacks
 * (a pgvector `embedding vector(1536)`), rather than losing the whole table from the scan.
 *
 * `columnOffsets` are byte offsets of the ColumnDef nodes relative to the start of `statement`.
 */
export function withoutColumns(statement: string, columnOffsets: readonly number[]): string {
  const bytes = Buffer.from(statement, 'utf8');
  const tokens = scanSync(statement).tokens;
  const cuts: [number, number][] = [];
  for (const offset of columnOffsets) {
    const first = tokens.findIndex((t) => t.start >= offset);
    if (first < 0) continue;
    let depth = 0;
    let stop = first;
    for (; stop < tokens.length; stop += 1) {
      const text = tokens[stop].text;
      if (text === '(') depth += 1;
      else if (text === ')') {
        if (depth === 0) break;
        depth -= 1;
      } else if (text === ',' && depth === 0) break;
    }
    if (stop >= tokens.length) continue;
    if (tokens[stop].text === ',') cuts.push([tokens[first].start, tokens[stop + 1]?.start ?? tokens[stop].end]);
    else if (tokens[first - 1]?.text === ',') cuts.push([tokens[first - 1].start, tokens[stop].start]);
    else cuts.push([tokens[first].start, tokens[stop].start]);
  }
  let out = bytes;
  for (const [start, end] of cuts.sort((a, b) => b[0] - a[0])) {
    out = Buffer.concat([out.subarray(0, start), out.subarray(end)]);
  }
  return out.toString('utf8');
}
