import { setFlagsFromString } from 'node:v8';
import type { parseSync as ParseSync, SqlError } from 'libpg-query';
import type { Node } from '@pgsql/types';

/**
 * The real PostgreSQL parser (libpg-query 18, WebAssembly), wrapped once for the whole engine:
 * split a file into statements with their line and column, and turn syntax errors into positions.
 * Rules decide on these syntax trees, never on the SQL text.
 */
let loaded: Promise<void> | undefined;
/**
 * libpg-query's parse, once its module has loaded. The package is imported on first load, not at
 * start-up: evaluating its Emscripten glue cost every process ~15 ms, parser or not.
 */
let parseSync: typeof ParseSync | undefined;

/** Loads the parser's WebAssembly module (once per process). Await it before `parseSqlFile`. */
export function loadParser(): Promise<void> {
  loaded ??= loadBaselineOnly();
  return loaded;
}

/** Whether the parser has finished loading in this process (nothing loads it behind a caller's back). */
export function parserLoaded(): boolean {
  return parseSync !== undefined;
}

/**
 * Compiles the parser's WebAssembly on V8's baseline tier (Liftoff) only. Measured on the actions'
 * cold start: with tier-up on, V8 keeps optimising the module in the background after the first
 * parses and Node waits for those jobs before the process exits (100–250 ms after the outputs are
 * written); baseline code parses the few short statements a run sees just as fast. The flag is
 * read when a module is compiled, so it is restored right after: PGlite, compiled later, still gets
 * optimised code for long replays. Node 22 and later ignore the flag set at run time (measured on
 * Node 24); the actions that parse on every run pass it on the command line instead
 * (packages/github/src/relaunch.ts).
 */
async function loadBaselineOnly(): Promise<void> {
  const imported = await import('libpg-query');
  // libpg-query is CommonJS: Node's loader gives its exports by name, a bundle as `default`.
  const parser = 'loadModule' in imported ? imported : (imported as unknown as { default: typeof imported }).default;
  setFlagsFromString('--liftoff-only');
  try {
    await parser.loadModule();
    parseSync = parser.parseSync;
  } finally {
    setFlagsFromString('--no-liftoff-only');
  }
}

export interface ParsedStatement {
  /** The statement's node, e.g. `{ CreateStmt: {...} }`. */
  node: Node;
  /** 0-based position in the file's statements. */
  ordinal: number;
  /** 1-based line and column where the statement starts (leading whitespace and comments skipped). */
  line: number;
  column: number;
  /** The statement's own text, without the trailing semicolon. */
  text: string;
  /** Character offsets in the original text: [start, end). */
  start: number;
  end: number;
}

/**
 * Thrown by parseSqlFile before `loadParser()` has finished. Callers that catch parse errors to
 * report bad SQL must let this one through: it is a bug in the caller's order of work, or a signal
 * to load the parser and run again (engine/scan.ts, `parser: 'on-demand'`).
 */
export class ParserNotLoadedError extends Error {
  constructor() {
    super('loadParser() must be awaited before parsing');
    this.name = 'ParserNotLoadedError';
  }
}

export class SqlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'SqlSyntaxError';
  }
}

/**
 * Parses SQL text into statements. Throws SqlSyntaxError with the parser's position on bad SQL.
 * libpg-query reports byte offsets in UTF-8; they are mapped back to character offsets here so
 * that lines and columns stay right in files with non-ASCII text.
 */
export function parseSqlFile(text: string): ParsedStatement[] {
  if (!parseSync) throw new ParserNotLoadedError();
  const byteLength = Buffer.byteLength(text, 'utf8');
  const byteToChar = byteOffsetMapper(text, byteLength);
  const lines = lineStarts(text);
  let result: ReturnType<typeof ParseSync>;
  try {
    result = parseSync(text);
  } catch (error) {
    const details = (error as SqlError).sqlDetails;
    // Unlike statement locations (UTF-8 bytes), the error's cursorPosition is a 0-based offset in
    // code points (PostgreSQL counts characters; measured). Columns everywhere else, and SARIF's
    // default column unit, are UTF-16 code units: an astral character (an emoji) counts twice.
    const charPos = codePointsToUtf16(text, Math.max(0, details?.cursorPosition ?? 0));
    const { line, column } = positionOf(lines, charPos);
    throw new SqlSyntaxError(details?.message ?? (error as Error).message, line, column);
  }
  const statements: ParsedStatement[] = [];
  (result.stmts ?? []).forEach((raw, ordinal) => {
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len ? startByte + raw.stmt_len : byteLength;
    let start = byteToChar(startByte);
    const end = byteToChar(endByte);
    start = skipTrivia(text, start, end);
    const { line, column } = positionOf(lines, start);
    statements.push({ node: raw.stmt as Node, ordinal, line, column, text: text.slice(start, end).trim(), start, end });
  });
  return statements;
}

/** The UTF-16 offset of the code point at `codePoints` (clamped to the text's end). */
export function codePointsToUtf16(text: string, codePoints: number): number {
  let offset = 0;
  for (let n = 0; n < codePoints && offset < text.length; n += 1) {
    const code = text.charCodeAt(offset);
    // A high surrogate followed by a low one is one code point in two units.
    const low = code >= 0xd800 && code <= 0xdbff ? text.charCodeAt(offset + 1) : 0;
    offset += low >= 0xdc00 && low <= 0xdfff ? 2 : 1;
  }
  return offset;
}

/** Line starts (character offsets) of a text. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of a character offset. */
export function positionOf(starts: number[], offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo] + 1 };
}

function byteOffsetMapper(text: string, byteLength: number): (byteOffset: number) => number {
  if (byteLength === text.length) return (b) => b; // pure ASCII: offsets agree
  const map = new Int32Array(byteLength + 1);
  let byte = 0;
  for (let char = 0; char < text.length; char += 1) {
    const code = text.codePointAt(char)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k += 1) map[byte + k] = char;
    byte += size;
    if (code >= 0x10000) char += 1; // surrogate pair: two UTF-16 units
  }
  map[byteLength] = text.length;
  return (b) => map[Math.min(Math.max(b, 0), byteLength)];
}

/** Skips whitespace and comments so a statement's position is that of its first keyword. */
function skipTrivia(text: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') i += 1;
    else if (ch === '-' && text[i + 1] === '-') {
      while (i < end && text[i] !== '\n') i += 1;
    } else if (ch === '/' && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      i = close === -1 ? end : close + 2;
    } else break;
  }
  return i;
}

/** Keys of a syntax tree that hold positions in the parsed text, not meaning. */
const POSITION_KEYS = new Set(['location', 'list_start', 'list_end']);

/** A syntax tree without its positions in the text: what two parses of equivalent text share. */
export function withoutPositions(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutPositions);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => !POSITION_KEYS.has(key))
      .map(([key, inner]) => [key, withoutPositions(inner)]),
  );
}

/** The single key of a node, e.g. "CreateStmt". */
export function nodeType(node: Node): string {
  return Object.keys(node)[0];
}
