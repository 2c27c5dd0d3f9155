/** Small helpers for GitHub-flavoured Markdown built from untrusted text (messages, object names). */

/**
 * One table cell: no pipes, no newlines, no raw HTML. Inline code spans (`...`) are kept as they
 * are, since entities would show literally inside them; GFM tables still need their pipes escaped.
 */
export function cell(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split(/(`[^`]*`)/)
    .map((part, index) => (index % 2 === 1 ? part : html(part)))
    .join('')
    .replace(/\|/g, '\\|');
}

/** Text inside an HTML element (a <summary>). */
export function html(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A fenced code block whose fence is longer than any backtick run inside the code. */
export function codeBlock(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${code.replace(/\s+$/, '')}\n${fence}`;
}

export const byteLength = (text: string): number => Buffer.byteLength(text, 'utf8');
