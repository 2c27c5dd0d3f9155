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
