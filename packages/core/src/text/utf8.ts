import { isAscii, isUtf8 } from 'node:buffer';

/**
 * The first invalid UTF-8 sequence in bytes known to be invalid (Buffer's isUtf8 said so): its first
 * byte and 1-based line, so an error can point at it.
 */
export function firstInvalidUtf8(bytes: Uint8Array): { byte: number; line: number } {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) break;
    let valid = i + length <= bytes.length;
    for (let k = 1; valid && k < length; k += 1) valid = (bytes[i + k] & 0xc0) === 0x80;
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF: what isUtf8 rejects too.
    const second = bytes[i + 1];
    if (valid && byte === 0xe0) valid = second >= 0xa0;
    if (valid && byte === 0xed) valid = second <= 0x9f;
    if (valid && byte === 0xf0) valid = second >= 0x90;
    if (valid && byte === 0xf4) valid = second <= 0x8f;
    if (!valid) break;
    if (byte === 0x0a) line += 1;
    i += length;
  }
  return { byte: bytes[i] ?? 0, line };
}

/**
 * A migration's bytes as text, read the way PostgreSQL and the Supabase CLI read it: UTF-8, a
 * leading byte-order mark dropped (editors do not count it as a column). Invalid UTF-8 gives the
 * first bad byte and its line instead. Checked and decoded natively (several times faster than a
 * fatal TextDecoder: the same bytes accepted); most migrations are ASCII, read as one-byte text.
 * Migration-lint and the replay both read migrations through this, so they agree on every file.
 */
export function decodeMigrationText(bytes: Buffer): { text: string } | { invalid: { byte: number; line: number } } {
  const ascii = isAscii(bytes);
  if (!ascii && !isUtf8(bytes)) return { invalid: firstInvalidUtf8(bytes) };
  const bom = !ascii && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = bytes.toString(ascii ? 'latin1' : 'utf8', bom);
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}
