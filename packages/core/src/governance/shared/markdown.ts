/**
 * Just enough CommonMark to find headings and to know which lines sit inside fenced code blocks:
 * a heading or a checkbox shown as an example inside ``` … ``` is not one. Handles ATX headings
 * (`## Title ##`), setext headings (a paragraph line underlined with === or ---), backtick and
 * tilde fences (the closing fence uses the same character, at least as long, up to three spaces
 * of indentation), an unclosed fence (runs to the end of the file, as CommonMark says) and HTML
 * comment blocks (a commented-out heading or task is not one).
 */
export interface MarkdownLine {
  /** 1-based. */
  number: number;
  text: string;
  /** Inside a fenced code block (fence lines included) or an HTML comment block: not Markdown structure. */
  inCode: boolean;
}

export interface Heading {
  level: number;
  text: string;
  line: number;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const NOT_PARAGRAPH = /^ {0,3}(?:[#>]|[-*+][ \t]|\d{1,9}[.)][ \t]|`{3,}|~{3,}|<!--)/;

export function markdownLines(lines: readonly string[]): MarkdownLine[] {
  const out: MarkdownLine[] = [];
  let fence: { char: string; length: number } | undefined;
  let inComment = false;
  lines.forEach((text, index) => {
    const number = index + 1;
    if (inComment) {
      if (text.includes('-->')) inComment = false;
      out.push({ number, text, inCode: true });
      return;
    }
    // An HTML comment block (CommonMark HTML block type 2) runs from "<!--" at the start of a line to the line holding "-->".
    if (!fence && /^ {0,3}<!--/.test(text)) {
      inComment = !text.slice(text.indexOf('<!--') + 4).includes('-->');
      out.push({ number, text, inCode: true });
      return;
    }
    if (fence) {
      const close = text.match(/^ {0,3}(`{3,}|~{3,})[ \t]*$/);
      if (close && close[1][0] === fence.char && close[1].length >= fence.length) fence = undefined;
      out.push({ number, text, inCode: true });
      return;
    }
    const open = text.match(FENCE_OPEN);
    // A backtick fence's info string may not contain a backtick.
    if (open && !(open[1][0] === '`' && open[2].includes('`'))) {
      fence = { char: open[1][0], length: open[1].length };
      out.push({ number, text, inCode: true });
      return;
    }
    out.push({ number, text, inCode: false });
  });
  return out;
}

export function headingsOf(lines: readonly MarkdownLine[]): Heading[] {
  const headings: Heading[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i];
    if (line.inCode) continue;
    const atx = line.text.match(ATX);
    if (atx) {
      headings.push({ level: atx[1].length, text: (atx[2] ?? '').trim(), line: line.number });
      continue;
    }
    const next = lines[i + 1];
    if (next && !next.inCode && line.text.trim() !== '' && !NOT_PARAGRAPH.test(line.text) && !/^ {4,}/.test(line.text)) {
      const setext = next.text.match(SETEXT);
      // A lone "-" under a line is a list item, not an underline.
      if (setext && !(setext[1][0] === '-' && setext[1].length < 2 && next.text.trim() === '-')) {
        // CommonMark underlines the whole paragraph ("a\nb\n---" is one heading "a b"); the line
        // just above the underline is close enough to name a section.
        headings.push({ level: setext[1][0] === '=' ? 1 : 2, text: line.text.trim(), line: line.number });
        i += 1;
      }
    }
  }
  return headings;
}

/**
 * A heading reduced for comparison: lower case, section numbering ("3.1", "2)", "IV.") and
 * punctuation dropped, Markdown emphasis and code marks removed, whitespace collapsed.
 */
export function normaliseHeading(text: string): string {
  return text
    .toLowerCase()
    .replace(/[`*_~]/g, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[ivxlc]+[.)])\s+/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Whether a heading names the section: the section's words appear in the heading, in order, as whole words. */
export function headingMatches(heading: string, section: string): boolean {
  const h = ` ${normaliseHeading(heading)} `;
  const s = normaliseHeading(section);
  return s !== '' && h.includes(` ${s} `);
}
