import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { firstInvalidUtf8 } from '../../text/utf8.js';

/** Default ceiling for a governance file: anything larger is reported, not read (diffing megabytes of Markdown is a mistake, not a check). */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

export type TextFileProblem = 'missing' | 'not-a-file' | 'too-large' | 'binary' | 'not-utf8' | 'unreadable';

export type TextFileResult =
  | { ok: true; text: string; bytes: number }
  | { ok: false; problem: TextFileProblem; detail: string };

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a file that must be UTF-8 text, without ever throwing for a bad file: a missing file, a
 * folder, a file over `maxBytes`, a binary file (a NUL byte) and invalid UTF-8 each come back as a
 * problem the caller turns into a finding naming the file. The size is checked on the open handle
 * before reading, so a huge file costs nothing. A leading byte-order mark is dropped.
 */
export function readTextFile(file: string, maxBytes: number = DEFAULT_MAX_FILE_BYTES): TextFileResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, problem: 'missing', detail: 'the file does not exist' };
    if (code === 'EISDIR') return { ok: false, problem: 'not-a-file', detail: 'a folder, not a file' };
    return { ok: false, problem: 'unreadable', detail: `cannot open it (${code ?? (error as Error).message})` };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, problem: 'not-a-file', detail: 'a folder, not a file' };
    if (!stat.isFile()) return { ok: false, problem: 'not-a-file', detail: 'not a regular file' };
    if (stat.size > maxBytes) {
      return { ok: false, problem: 'too-large', detail: `${stat.size} bytes, over the limit of ${maxBytes} bytes (maxFileBytes)` };
    }
    const buffer = Buffer.alloc(stat.size);
    let offset = 0;
    while (offset < stat.size) {
      const read = readSync(fd, buffer, offset, stat.size - offset, offset);
      if (read === 0) break;
      offset += read;
    }
    const bytes = buffer.subarray(0, offset);
    const nul = bytes.indexOf(0);
    if (nul !== -1) return { ok: false, problem: 'binary', detail: `a binary file (NUL byte at offset ${nul}), expected UTF-8 text` };
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      return { ok: false, problem: 'not-utf8', detail: `not valid UTF-8 (${describeFirstInvalidByte(bytes)}); save it as UTF-8` };
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { ok: true, text, bytes: offset };
  } catch (error) {
    return { ok: false, problem: 'unreadable', detail: `cannot read it (${(error as Error).message})` };
  } finally {
    closeSync(fd);
  }
}

/** Line and byte of the first invalid UTF-8 sequence, so the user can find it. */
function describeFirstInvalidByte(bytes: Uint8Array): string {
  const { byte, line } = firstInvalidUtf8(bytes);
  return `first invalid byte 0x${byte.toString(16).padStart(2, '0')} on line ${line}`;
}

/** Lines of a text, line endings normalised (CRLF and lone CR count as line breaks); no trailing empty line for a final newline. */
export function splitLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}
