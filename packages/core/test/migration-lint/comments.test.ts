import { scanSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../src/parser/parse.js';
import { gapComments } from '../../src/migration-lint/comments.js';
import { byteToCharMapper } from '../../src/migration-lint/positions.js';

beforeAll(() => loadParser());

/** The comments PostgreSQL's scanner finds, as [start, end, ...] character offsets. */
function scannerComments(text: string): number[] {
  const toChar = byteToCharMapper(text);
  return scanSync(text)
    .tokens.filter((token) => token.tokenName === 'SQL_COMMENT' || token.tokenName === 'C_COMMENT')
    .flatMap((token) => [toChar(token.start), toChar(token.end)]);
}

// \v and \f only where no line comment can swallow them: libpg-query's scan output is not valid
// JSON when a token holds a raw control character.
const PIECES = [' ', '\n', '\r\n', '\t', '\n\v\f', ';', '-- line', '--', '-- ü /* not a block', '/* block */', '/**/', '/***/', '/* a **/', '/*/ slash */', '/* /* nested */ still */', '/* -- dashes */', '/*ü*/', '/* * / */'];

describe('gapComments: the stretches between statements, read without the scanner', () => {
  it('finds exactly the comments the PostgreSQL scanner finds', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let compared = 0;
    for (let n = 0; n < 400; n += 1) {
      const gap = Array.from({ length: 1 + Math.floor(random() * 6) }, () => PIECES[Math.floor(random() * PIECES.length)]).join('');
      // A line comment runs to the end of the line: what follows it on that line belongs to it.
      const text = `SELECT 1${gap}\nSELECT 2`;
      const found = gapComments(text, 'SELECT 1'.length, 'SELECT 1'.length + gap.length);
      expect(found, JSON.stringify(gap)).toBeDefined();
      expect(found, JSON.stringify(gap)).toEqual(scannerComments(text));
      compared += 1;
    }
    expect(compared).toBe(400);
  });

  it('leaves anything that is not whitespace, a semicolon or a closed comment to the scanner', () => {
    for (const gap of [' x ', '/* open', '/* /* nested open */', "'str'", '- -']) expect(gapComments(gap, 0, gap.length), gap).toBeUndefined();
  });
});
