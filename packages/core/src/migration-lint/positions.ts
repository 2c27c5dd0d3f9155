import { lineStarts, positionOf } from '../parser/parse.js';

/**
 * libpg-query reports UTF-8 byte offsets; lines and columns are counted in characters. For pure
 * ASCII files (most migrations) the two agree and no table is built.
 */
export function byteToCharMapper(text: string): (byteOffset: number) => number {
  const byteLength = Buffer.byteLength(text, 'utf8');
  if (byteLength === text.length) return (b) => Math.min(Math.max(b, 0), text.length);
  const map = new Int32Array(byteLength + 1);
  let byte = 0;
  for (let char = 0; char < text.length; char += 1) {
    const code = text.codePointAt(char)!;
    const size = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
    for (let k = 0; k < size; k += 1) map[byte + k] = char;
    byte += size;
    if (code >= 0x10000) char += 1; // a surrogate pair: two UTF-16 units, one code point
  }
  map[byteLength] = text.length;
  return (b) => map[Math.min(Math.max(b, 0), byteLength)];
}

/** 1-based line and column of a byte offset; the line table is built on first use only. */
export function bytePositioner(text: string, byteToChar: (byteOffset: number) => number) {
  let starts: number[] | undefined;
  return (byteOffset: number) => {
    starts ??= lineStarts(text);
    return positionOf(starts, byteToChar(byteOffset));
  };
}
