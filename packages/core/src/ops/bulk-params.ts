/**
 * Many rows through a handful of text parameters, one per column, split by the server.
 *
 * Why not JS arrays as parameters: the pg driver turns each into an array literal by escaping
 * every element in JavaScript, and for a 10,000-table inventory (86,000 attribute documents,
 * 30 MB) that took longer than the INSERT itself. A joined string costs one native join.
 *
 * Two encodings, chosen by what a column holds:
 *  - JSON documents (attributes, finding objects): joined with U+001E. JSON.stringify escapes
 *    every control character, and PostgreSQL's json type rejects raw ones, so U+001E never occurs
 *    inside a document. An empty element stands for SQL NULL (no JSON document is empty).
 *  - Any other text (identities, messages, kinds): one JSON array of strings or nulls, so no
 *    character needs to be ruled out.
 *
 * In SQL, zip the columns with ROWS FROM (…): every function yields one row per element, in order.
 */

const SEPARATOR = '\u001e';

/** A JSON-documents column: SQL `unnest(string_to_array($n, chr(30)))`, NULL via nullif(…, ''). */
export function jsonDocumentsParam(documents: readonly (string | null)[]): string {
  return documents.map((d) => d ?? '').join(SEPARATOR);
}

/** SQL that yields the elements of a jsonDocumentsParam as text (one row each). */
export function jsonDocumentsSql(param: string): string {
  return `unnest(pg_catalog.string_to_array(${param}, pg_catalog.chr(30)))`;
}

/** A text column: SQL `json_array_elements_text($n::json)`. */
export function textParam(values: readonly (string | null)[]): string {
  return JSON.stringify(values);
}

/** SQL that yields the elements of a textParam (one row each, JSON null as SQL NULL). */
export function textSql(param: string): string {
  return `pg_catalog.json_array_elements_text(${param}::json)`;
}

// One statement's rows: a few megabytes of parameters (and of the server's copy of them).
export const BATCH_ROWS = 5000;
export const BATCH_BYTES = 2_000_000;

/**
 * Slices rows into batches bounded by count and by the bytes of one large column, so one
 * statement's parameters (and the server's copy of them) stay a few megabytes.
 */
export function* batches<T>(rows: readonly T[], size: (row: T) => number, maxRows = BATCH_ROWS, maxBytes = BATCH_BYTES): Generator<T[]> {
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < rows.length; i++) {
    bytes += size(rows[i]!);
    if (i + 1 - start >= maxRows || bytes >= maxBytes) {
      yield rows.slice(start, i + 1);
      start = i + 1;
      bytes = 0;
    }
  }
  if (start < rows.length) yield rows.slice(start);
}
