import { scanSync } from 'libpg-query';
import { lineStarts, positionOf, type ParsedStatement } from '../parser/parse.js';
import { byteToCharMapper } from './positions.js';
import type { SqlComment } from './types.js';

/** Words a comment must hold to matter to migration-lint (suppressions, rollback plans). */
const DIRECTIVE_WORDS = ['platform-kit-ignore', 'rollback'];

/** Offsets where a directive word occurs (any case), ascending. */
function directiveOffsets(text: string): number[] {
  const lower = text.toLowerCase();
  const offsets: number[] = [];
  for (const word of DIRECTIVE_WORDS) {
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + word.length)) offsets.push(at);
  }
  return offsets.sort((a, b) => a - b);
}

/**
 * The comments that can carry a directive, found with the PostgreSQL scanner (SQL_COMMENT and
 * C_COMMENT tokens): a `--` inside a string literal or a dollar-quoted body is not a comment, and
 * the scanner knows that.
 *
 * Scanning a whole file costs about as much as parsing it, so only the pieces that hold a directive
 * word are scanned: a statement's own text, or a gap between statements (which the parser
 * guarantees holds nothing but whitespace, semicolons and comments). Both are complete token
 * sequences, so scanning them alone gives the same tokens as scanning the file.
 */
export function scanComments(text: string, statements: readonly ParsedStatement[]): SqlComment[] {
  const offsets = directiveOffsets(text);
  if (offsets.length === 0) return [];
  const starts = lineStarts(text);
  const comments: SqlComment[] = [];
  let next = 0; // the first directive offset not yet covered by a scanned region
  const push = (start: number, end: number) => {
    const { line, column } = positionOf(starts, start);
    comments.push({ text: text.slice(start, end), start, end, line, column, endLine: positionOf(starts, Math.max(start, end - 1)).line });
  };
  const scanRegion = (from: number, to: number, gap: boolean) => {
    while (next < offsets.length && offsets[next] < from) next += 1;
    if (next >= offsets.length || offsets[next] >= to) return;
    const found = gap ? gapComments(text, from, to) : undefined;
    if (found) {
      for (let i = 0; i < found.length; i += 2) push(found[i], found[i + 1]);
      return;
    }
    const region = text.slice(from, to);
    const byteToChar = byteToCharMapper(region);
    for (const token of scanSync(region).tokens) {
      if (token.tokenName !== 'SQL_COMMENT' && token.tokenName !== 'C_COMMENT') continue;
      push(from + byteToChar(token.start), from + byteToChar(token.end));
    }
  };
  let previousEnd = 0;
  for (const statement of statements) {
    scanRegion(previousEnd, statement.start, true);
    scanRegion(statement.start, statement.end, false);
    previousEnd = statement.end;
  }
  scanRegion(previousEnd, text.length, true);
  return comments;
}

/**
 * The comments in a stretch between statements, as [start, end, start, end, ...] character
 * offsets, read without the scanner (a scanner call costs about as much as parsing a short file).
 * Such a stretch can hold only whitespace, semicolons and comments, whose rules are PostgreSQL's
 * lexer's: `--` to the end of the line, and `/* ... *\/` with nesting. Anything else, or a comment
 * left open, returns undefined and the scanner decides (tests compare both on many stretches).
 */
export function gapComments(text: string, from: number, to: number): number[] | undefined {
  const found: number[] = [];
  let i = from;
  while (i < to) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20 || ch === 0x3b || (ch >= 0x09 && ch <= 0x0d)) {
      i += 1; // space, ";", \t \n \v \f \r
    } else if (ch === 0x2d && text.charCodeAt(i + 1) === 0x2d && i + 1 < to) {
      const start = i;
      i += 2;
      while (i < to && text.charCodeAt(i) !== 0x0a && text.charCodeAt(i) !== 0x0d) i += 1;
      found.push(start, i);
    } else if (ch === 0x2f && text.charCodeAt(i + 1) === 0x2a && i + 1 < to) {
      const start = i;
      let depth = 0;
      i += 2;
      for (;;) {
        if (i >= to) return undefined; // unterminated
        const c = text.charCodeAt(i);
        if (c === 0x2a) {
          while (i < to && text.charCodeAt(i) === 0x2a) i += 1;
          if (i < to && text.charCodeAt(i) === 0x2f) {
            i += 1;
            if (depth === 0) break;
            depth -= 1;
          }
        } else if (c === 0x2f && i + 1 < to && text.charCodeAt(i + 1) === 0x2a) {
          depth += 1;
          i += 2;
        } else i += 1;
      }
      found.push(start, i);
    } else return undefined;
  }
  return found;
}

/** A `platform-kit-ignore` directive, as written. */
export interface Suppression {
  comment: SqlComment;
  scope: 'statement' | 'file';
  ruleIds: string[];
  /** Empty when the author gave none (the suppression then does not apply: it is a finding itself). */
  reason: string;
  /** The statement a statement-scoped suppression covers (undefined if none follows). */
  statement?: ParsedStatement;
}

const DIRECTIVE = 'platform-kit-ignore';

/** The body of a comment without its markers: "-- x" → "x", "/* x *\/" → "x". */
function commentBody(comment: SqlComment): string {
  const text = comment.text.startsWith('--') ? comment.text.slice(2) : comment.text.slice(2, -2);
  return text.trim();
}

/**
 * Reads suppression directives from comments. The grammar (of the comment, not of SQL):
 *   platform-kit-ignore <rule-id>[, <rule-id>...]: <reason>
 *   platform-kit-ignore-file <rule-id>[, <rule-id>...]: <reason>
 */
export function readSuppressions(comments: readonly SqlComment[], statements: readonly ParsedStatement[], text: string): Suppression[] {
  const suppressions: Suppression[] = [];
  let endLines: number[] | undefined;
  for (const comment of comments) {
    const body = commentBody(comment);
    if (!body.startsWith(DIRECTIVE)) continue;
    const rest = body.slice(DIRECTIVE.length);
    const scope = rest.startsWith('-file') ? 'file' : 'statement';
    const afterKeyword = scope === 'file' ? rest.slice('-file'.length) : rest;
    if (afterKeyword !== '' && !/^[\s:]/.test(afterKeyword)) continue; // another word, e.g. platform-kit-ignored
    const colon = afterKeyword.indexOf(':');
    const idsText = colon === -1 ? afterKeyword : afterKeyword.slice(0, colon);
    const reason = colon === -1 ? '' : afterKeyword.slice(colon + 1).trim();
    const ruleIds = idsText
      .split(/[\s,]+/)
      .map((id) => id.trim())
      .filter((id) => id !== '');
    endLines ??= statementEndLines(statements, text);
    suppressions.push({
      comment,
      scope,
      ruleIds,
      reason,
      ...(scope === 'statement' ? { statement: statementFor(comment, statements, endLines) } : {}),
    });
  }
  return suppressions;
}

function statementEndLines(statements: readonly ParsedStatement[], text: string): number[] {
  const starts = lineStarts(text);
  return statements.map((s) => positionOf(starts, Math.max(s.start, s.end - 1)).line);
}

/**
 * The statement a comment is about: the one it trails on the same line (`DROP TABLE t; -- ...`),
 * the one it sits inside, or else the next statement after it.
 */
function statementFor(comment: SqlComment, statements: readonly ParsedStatement[], endLines: number[]): ParsedStatement | undefined {
  for (let i = 0; i < statements.length; i += 1) {
    const statement = statements[i];
    if (comment.start >= statement.start && comment.start < statement.end) return statement;
    if (statement.start >= comment.end) {
      const previous = i > 0 ? statements[i - 1] : undefined;
      if (previous && endLines[i - 1] === comment.line) return previous;
      return statement;
    }
  }
  const last = statements[statements.length - 1];
  if (last && endLines[statements.length - 1] === comment.line) return last;
  return undefined;
}
