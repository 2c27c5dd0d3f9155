import { describe, expect, it } from 'vitest';
import { headingMatches, headingsOf, markdownLines, normaliseHeading } from '../../src/governance/shared/markdown.js';

const headings = (text: string) => headingsOf(markdownLines(text.split('\n'))).map((h) => `${h.level}:${h.text}@${h.line}`);

describe('Markdown headings', () => {
  it('finds ATX headings with closing hashes and setext headings', () => {
    expect(headings('# Title\n\nText\n## Section ##\nPara line\n===\nOther\n---\n')).toEqual([
      '1:Title@1',
      '2:Section@4',
      '1:Para line@5',
      '2:Other@7',
    ]);
  });

  it('ignores headings inside backtick and tilde fences, including longer closing fences', () => {
    const text = ['# Real', '```md', '# Not a heading', '```', '~~~~', '## Nope', '~~~', '## Still nope', '~~~~~', '## Real again'].join('\n');
    expect(headings(text)).toEqual(['1:Real@1', '2:Real again@10']);
  });

  it('ignores headings inside HTML comment blocks, single-line or multi-line', () => {
    expect(headings('<!-- # one-line -->\n# A\n<!--\n## commented out\n-->\n## B\n')).toEqual(['1:A@2', '2:B@6']);
  });

  it('treats an unclosed fence as running to the end of the file', () => {
    expect(headings('# A\n```\n# B\n')).toEqual(['1:A@1']);
  });

  it('does not take "#hashtag", indented code or a list item above --- as headings', () => {
    expect(headings('#hashtag\n    # indented code\n- item\n---\n')).toEqual([]);
  });

  it('matches sections by whole words, ignoring case, numbering and punctuation', () => {
    expect(normaliseHeading('3.1) Core *Principles* (Immutable)')).toBe('core principles immutable');
    expect(headingMatches('1) Core Principles (Immutable)', 'Principles')).toBe(true);
    expect(headingMatches('Success criteria', 'Success Criteria')).toBe(true);
    expect(headingMatches('Requirementsless', 'Requirements')).toBe(false);
    expect(headingMatches('Functional requirements', 'Requirements')).toBe(true);
  });
});
