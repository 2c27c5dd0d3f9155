import { describe, expect, it } from 'vitest';
import { markdownLines } from '../../src/governance/shared/markdown.js';
import { parseChecklist, pathsIn } from '../../src/governance/spec-enforce/tasks.js';

const parse = (text: string) => parseChecklist(markdownLines(text.split('\n')));

describe('tasks.md checklist', () => {
  it('parses ids, [P] markers, story labels, done state and counts', () => {
    const list = parse(['- [x] T001 [P] [US1] Create `src/a.ts`', '* [ ] T002 Plain task', '1. [X] Numbered done', '  - [ ] nested open'].join('\n'));
    expect(list.problems).toEqual([]);
    expect(list.total).toBe(4);
    expect(list.done).toBe(2);
    expect(list.tasks[0]).toMatchObject({ line: 1, done: true, id: 'T001', parallel: true, stories: ['US1'], description: 'Create `src/a.ts`', paths: ['src/a.ts'] });
    expect(list.tasks[1]).toMatchObject({ id: 'T002', parallel: false, stories: [], done: false });
    expect(list.tasks[2].id).toBeUndefined();
  });

  it('reports malformed checkbox lines at their line', () => {
    const list = parse(['# Tasks', '-[ ] no space', '- [] empty box', '- [y] wrong mark', '- [x]glued', '[ ] no bullet', '- [ ]', '- [ ] T009 ok', '- [x] T009 again'].join('\n'));
    expect(list.problems.map((p) => [p.line, p.message])).toEqual([
      [2, 'malformed checkbox: put a space between the list marker and "[ ]"'],
      [3, 'malformed checkbox "[]": write "[ ]" (open) or "[x]" (done)'],
      [4, 'malformed checkbox "[y]": write "[ ]" (open) or "[x]" (done)'],
      [5, 'malformed checkbox: put a space between "]" and the description'],
      [6, 'checkbox without a list marker: write "- [ ] description"'],
      [7, 'checkbox without a task description'],
      [9, 'duplicate task id T009 (first used on line 8)'],
    ]);
    expect(list.total).toBe(2);
  });

  it('ignores checkboxes in fenced code and Markdown links', () => {
    const list = parse(['```', '-[ ] example', '```', '- [link](https://example.com)', '- [ ] real'].join('\n'));
    expect(list.problems).toEqual([]);
    expect(list.total).toBe(1);
  });

  it('extracts only path-like backticked spans', () => {
    expect(pathsIn('`src/a.ts` `package.json` `docs/` `Makefile` `--fix` `$HOME/x` `actions/checkout` `runs.main` `a/*.ts` `src/b.ts:12`')).toEqual([
      'src/a.ts',
      'package.json',
      'docs/',
      'Makefile',
      'src/b.ts',
    ]);
  });
});
